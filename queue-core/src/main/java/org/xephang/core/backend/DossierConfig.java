package org.xephang.core.backend;

import org.xephang.core.backend.forward.ForwarderConfig;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.core.backend.portal.PortalConfig;

/**
 * The link to the province's dossier system: the {@code dossier:} section of the centre YAML, read by {@link
 * DossierConfigReader} ({@code docs/webhook.md} lists every key with its default).
 */
public record DossierConfig(LookupConfig lookup, ForwarderConfig forward, PortalConfig portal) {

    public DossierConfig {
        lookup = lookup == null ? LookupConfig.none() : lookup;
        forward = forward == null ? ForwarderConfig.none() : forward;
        portal = portal == null ? PortalConfig.none() : portal;
    }

    /** Lookups and forwarding, no online booking portal. */
    public DossierConfig(LookupConfig lookup, ForwarderConfig forward) {
        this(lookup, forward, PortalConfig.none());
    }

    /** No dossier system: lookups answer "not connected", events wait in the outbox. */
    public static DossierConfig none() {
        return new DossierConfig(LookupConfig.none(), ForwarderConfig.none());
    }
}
