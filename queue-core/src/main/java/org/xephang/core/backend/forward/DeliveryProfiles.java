package org.xephang.core.backend.forward;

/** The profile a configuration names. */
final class DeliveryProfiles {

    private DeliveryProfiles() {}

    /** Fails with a message naming the key for an unknown profile or a missing URL. */
    public static DeliveryProfile of(ForwarderConfig config) {
        if (config.url() == null || config.url().isBlank()) {
            throw new IllegalArgumentException("dossier.forward.url: required for profile " + config.profile());
        }
        return switch (config.profile()) {
            case "webhook" -> new GenericWebhookProfile(config.url());
            case "opencps" ->
                new OpenCpsBookingProfile(config.url(), config.openCpsGroupId(), config.openCpsServiceCodes());
            default ->
                throw new IllegalArgumentException(
                        "dossier.forward.profile: must be none, webhook or opencps, not " + config.profile());
        };
    }
}
