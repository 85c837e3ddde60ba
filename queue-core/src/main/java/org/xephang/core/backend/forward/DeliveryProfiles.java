package org.xephang.core.backend.forward;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The delivery profiles by the name a configuration gives them ({@code dossier.forward.profile}). A new profile is one
 * {@link DeliveryProfile} class and one line here; the configuration reader accepts every name listed.
 */
public final class DeliveryProfiles {

    /** No forwarding. */
    public static final String NONE = "none";

    private static final Map<String, Function<ForwarderConfig, DeliveryProfile>> PROFILES = new LinkedHashMap<>();

    static {
        PROFILES.put("webhook", config -> new GenericWebhookProfile(config.url()));
        PROFILES.put(
                "opencps",
                config ->
                        new OpenCpsBookingProfile(config.url(), config.openCpsGroupId(), config.openCpsServiceCodes()));
    }

    private DeliveryProfiles() {}

    /** Every name a configuration may give, {@value #NONE} first. */
    public static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add(NONE);
        names.addAll(PROFILES.keySet());
        return names;
    }

    /** Fails with a message naming the key for an unknown profile or a missing URL. */
    static DeliveryProfile of(ForwarderConfig config) {
        if (config.url() == null || config.url().isBlank()) {
            throw new IllegalArgumentException("dossier.forward.url: required for profile " + config.profile());
        }
        Function<ForwarderConfig, DeliveryProfile> profile = PROFILES.get(config.profile());
        if (profile == null) {
            throw new IllegalArgumentException("dossier.forward.profile: must be one of " + String.join(", ", names())
                    + ", not " + config.profile());
        }
        return profile.apply(config);
    }
}
