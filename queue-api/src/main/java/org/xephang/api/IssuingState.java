package org.xephang.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Whether a site issues tickets right now ({@code GET /api/v1/sites/{site}/issuing}): what a kiosk shows before anyone
 * taps, so that nobody is turned away by surprise.
 *
 * @param open whether tickets are issued now (opening hours, closures and the cut-off before closing)
 * @param message when closed, the Vietnamese sentence the kiosk shows (with the next opening), else null
 * @param messageEn the same sentence in English, or null
 * @param nextOpening when closed, the next opening in the site's time zone, or null when none is configured
 * @param capReached the codes of the services whose daily cap is reached today
 */
public record IssuingState(
        boolean open, String message, String messageEn, OffsetDateTime nextOpening, List<String> capReached) {

    public IssuingState {
        capReached = List.copyOf(capReached);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("open", open)
                .put("message", message)
                .put("messageEn", messageEn)
                .put("nextOpening", nextOpening == null ? null : nextOpening.toString())
                .put("capReached", new JsonArray(capReached));
    }

    public static IssuingState fromJson(JsonObject json) {
        String next = json.getString("nextOpening");
        JsonArray capped = json.getJsonArray("capReached", new JsonArray());
        return new IssuingState(
                json.getBoolean("open", true),
                json.getString("message"),
                json.getString("messageEn", json.getString("message")),
                next == null ? null : OffsetDateTime.parse(next),
                capped.stream().map(String::valueOf).toList());
    }
}
