package org.xephang.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One waiting ticket as staff see it in the waiting list ({@code GET /api/v1/sites/{site}/waiting}): no id, no
 * personal data, only what an officer or supervisor needs to see who waits and for how long.
 *
 * @param priority the priority category code, or null for a normal ticket
 * @param position 1 for the next ticket of its line (the service's line, or the counter's line after a transfer)
 * @param counter the counter the ticket was transferred to (only that counter calls it), or null
 */
public record WaitingTicket(
        String number, String service, String priority, Instant issuedAt, int position, Integer counter) {

    public WaitingTicket {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (position < 1) {
            throw new IllegalArgumentException("position must be 1 or more, got " + position);
        }
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("number", number)
                .put("service", service)
                .put("priority", priority)
                .put("issuedAt", Json.instant(issuedAt))
                .put("position", position)
                .put("counter", counter);
    }

    public static WaitingTicket fromJson(JsonObject json) {
        return new WaitingTicket(
                json.getString("number"),
                json.getString("service"),
                json.getString("priority"),
                Json.instant(json.getString("issuedAt")),
                json.getInteger("position"),
                json.getInteger("counter"));
    }
}
