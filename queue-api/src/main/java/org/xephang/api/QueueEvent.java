package org.xephang.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * One event of a site's stream. {@code seq} increases by exactly 1 per site; a client that sees a gap re-fetches the
 * snapshot. On the wire the {@code details} are flattened beside the fixed fields, e.g. a {@code ticket.called} event
 * carries {@code "announcement":{"text","clips":[…]}}, a {@code counter.paused} event carries {@code "reason"}, a
 * {@code device.status} event carries {@code "device"}.
 *
 * @param id unique event id (the outbox's idempotency key)
 * @param ticket the ticket after the change, or null
 * @param counter the counter concerned, or null
 * @param details extra fields by type (never null; empty when none)
 */
public record QueueEvent(
        String id,
        long seq,
        EventType type,
        Instant at,
        String site,
        Ticket ticket,
        Integer counter,
        JsonObject details) {

    private static final Set<String> FIXED = Set.of("id", "seq", "type", "at", "site", "ticket", "counter");

    public QueueEvent {
        details = details == null ? new JsonObject() : details;
    }

    /**
     * The details a public stream carries (issue 13): what boards show and announce. Anything else (the officer, a
     * dossier code, a rating, a device's free-text detail) goes only to signed-in staff.
     */
    public static final Set<String> PUBLIC_DETAILS = Set.of(
            "announcement",
            "reason",
            "fromService",
            "fromCounter",
            "toService",
            "toCounter",
            "position",
            "device",
            "kind",
            "state");

    /** For anonymous viewers: the ticket in its {@linkplain Ticket#toPublicJson() public} form, public details only. */
    public JsonObject toPublicJson() {
        JsonObject json = toJson();
        json.fieldNames().removeIf(name -> !FIXED.contains(name) && !PUBLIC_DETAILS.contains(name));
        if (ticket != null) {
            json.put("ticket", ticket.toPublicJson());
        }
        return json;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("id", id)
                .put("seq", seq)
                .put("type", type.wireName())
                .put("at", Json.instant(at))
                .put("site", site);
        if (ticket != null) {
            json.put("ticket", ticket.toJson());
        }
        if (counter != null) {
            json.put("counter", counter);
        }
        details.forEach(e -> json.put(e.getKey(), e.getValue()));
        return json;
    }

    public static QueueEvent fromJson(JsonObject json) {
        JsonObject details = new JsonObject();
        json.forEach(e -> {
            if (!FIXED.contains(e.getKey())) {
                details.put(e.getKey(), e.getValue());
            }
        });
        JsonObject ticket = json.getJsonObject("ticket");
        return new QueueEvent(
                json.getString("id"),
                json.getLong("seq"),
                EventType.fromWireName(json.getString("type")),
                Json.instant(json.getString("at")),
                json.getString("site"),
                ticket == null ? null : Ticket.fromJson(ticket),
                json.getInteger("counter"),
                details);
    }
}
