package org.xephang.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * A ticket as the API shows it. {@code id} is random and unguessable (it is in the QR code); {@code number} is what
 * people read ("A012"). {@code waitingAhead} and {@code estimatedWaitSeconds} are null once the ticket is no longer
 * waiting. Holds no personal data.
 *
 * @param priority the priority category code (for example {@code "elderly"}), or null for a normal ticket
 * @param channel how it was taken: {@code "kiosk"}, {@code "counter"}, {@code "web"}, …
 * @param counter the counter that called it, or the counter it was transferred to, or null
 */
public record Ticket(
        String id,
        String site,
        String number,
        String service,
        String priority,
        String channel,
        TicketState state,
        Instant issuedAt,
        Instant calledAt,
        Instant startedAt,
        Instant finishedAt,
        Integer counter,
        int callCount,
        Integer waitingAhead,
        Long estimatedWaitSeconds,
        String statusUrl,
        String dossierCode) {

    /**
     * The fields a waiting-hall screen, a board or the citizen's own ticket page may show (issue 13): never the dossier
     * code, the channel or the status URL. Anonymous callers and public streams get only these.
     */
    public static final Set<String> PUBLIC_FIELDS = Set.of(
            "id",
            "site",
            "number",
            "service",
            "priority",
            "state",
            "counter",
            "callCount",
            "issuedAt",
            "calledAt",
            "waitingAhead",
            "estimatedWaitSeconds");

    /** {@link #toJson()} cut to {@link #PUBLIC_FIELDS}, in the same order. */
    public JsonObject toPublicJson() {
        return Json.only(toJson(), PUBLIC_FIELDS);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("site", site)
                .put("number", number)
                .put("service", service)
                .put("priority", priority)
                .put("channel", channel)
                .put("state", state.name())
                .put("issuedAt", Json.instant(issuedAt))
                .put("calledAt", Json.instant(calledAt))
                .put("startedAt", Json.instant(startedAt))
                .put("finishedAt", Json.instant(finishedAt))
                .put("counter", counter)
                .put("callCount", callCount)
                .put("waitingAhead", waitingAhead)
                .put("estimatedWaitSeconds", estimatedWaitSeconds)
                .put("statusUrl", statusUrl)
                .put("dossierCode", dossierCode);
    }

    public static Ticket fromJson(JsonObject json) {
        return new Ticket(
                json.getString("id"),
                json.getString("site"),
                json.getString("number"),
                json.getString("service"),
                json.getString("priority"),
                json.getString("channel"),
                TicketState.valueOf(json.getString("state")),
                Json.instant(json.getString("issuedAt")),
                Json.instant(json.getString("calledAt")),
                Json.instant(json.getString("startedAt")),
                Json.instant(json.getString("finishedAt")),
                json.getInteger("counter"),
                json.getInteger("callCount", 0),
                json.getInteger("waitingAhead"),
                json.getLong("estimatedWaitSeconds"),
                json.getString("statusUrl"),
                json.getString("dossierCode"));
    }
}
