package org.xephang.core.backend;

import org.xephang.core.backend.forward.ForwarderConfig;
import org.xephang.core.backend.lookup.LookupConfig;

/**
 * The link to the province's dossier system: the {@code dossier:} section of the centre YAML, read by {@link
 * DossierConfigReader} ({@code docs/webhook.md} lists every key with its default).
 */
public record DossierConfig(LookupConfig lookup, ForwarderConfig forward) {

    public DossierConfig {
        lookup = lookup == null ? LookupConfig.none() : lookup;
        forward = forward == null ? ForwarderConfig.none() : forward;
    }

    /** No dossier system: lookups answer "not connected", events wait in the outbox. */
    public static DossierConfig none() {
        return new DossierConfig(LookupConfig.none(), ForwarderConfig.none());
    }
}
