package org.xephang.api;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One device of a site as the server last heard of it ({@code GET /api/v1/sites/{site}/devices}): a kiosk printer or
 * scanner, a counter LED, keypad or desk printer, a board LED, or an agent itself (a kiosk, a board, a counter).
 * Immutable; instants travel as ISO-8601 UTC strings, screens show them in the site's time zone.
 *
 * @param device the device id, {@code <agent>} for an agent itself or {@code <agent>/<device>}, e.g. {@code
 *     kiosk1/printer}
 * @param kind {@code printer}, {@code scanner}, {@code led}, {@code keypad}, {@code kiosk}, {@code board} or {@code
 *     counter}
 * @param state one of {@link #STATES}; OFFLINE also when the device fell silent
 * @param detail a short Vietnamese description for screens, or null
 * @param since when the device entered this state
 * @param lastSeen when the server last heard from it (a status report or a heartbeat)
 */
public record DeviceHealth(String device, String kind, String state, String detail, Instant since, Instant lastSeen) {

    /** The states a device reports, in a fixed order (also the label values of the state gauge). */
    public static final List<String> STATES =
            List.of("ONLINE", "PAPER_NEAR_END", "PAPER_OUT", "COVER_OPEN", "OFFLINE", "ERROR");

    /** How often agents send a heartbeat; three missed ones (the server's default silence limit) make it OFFLINE. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(20);

    public DeviceHealth {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** Whether the device answers at all: every state but OFFLINE (a printer out of paper is up). */
    public boolean up() {
        return !"OFFLINE".equals(state);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("device", device)
                .put("kind", kind)
                .put("state", state)
                .put("detail", detail)
                .put("since", Json.instant(since))
                .put("lastSeen", Json.instant(lastSeen))
                .put("up", up());
    }

    public static DeviceHealth fromJson(JsonObject json) {
        return new DeviceHealth(
                json.getString("device"),
                json.getString("kind"),
                json.getString("state"),
                json.getString("detail"),
                Json.instant(json.getString("since")),
                Json.instant(json.getString("lastSeen")));
    }
}
