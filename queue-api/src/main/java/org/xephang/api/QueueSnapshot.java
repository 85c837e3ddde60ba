package org.xephang.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The whole visible state of a site at event {@code seq}: the first message of every event stream, and the answer
 * of {@code GET /api/v1/sites/{site}/queue}. Applying the events with seq+1, seq+2, … to it gives the later states.
 *
 * @param lastCalls newest first, at most 8
 */
public record QueueSnapshot(
        long seq,
        String site,
        Instant at,
        List<ServiceQueue> services,
        List<CounterView> counters,
        List<Call> lastCalls) {

    public QueueSnapshot {
        services = List.copyOf(services);
        counters = List.copyOf(counters);
        lastCalls = List.copyOf(lastCalls);
    }

    /** Waiting tickets of one service (field). */
    public record ServiceQueue(String code, String name, String prefix, int waiting, int priorityWaiting) {
        public JsonObject toJson() {
            return new JsonObject()
                    .put("code", code)
                    .put("name", name)
                    .put("prefix", prefix)
                    .put("waiting", waiting)
                    .put("priorityWaiting", priorityWaiting);
        }

        public static ServiceQueue fromJson(JsonObject json) {
            return new ServiceQueue(
                    json.getString("code"),
                    json.getString("name"),
                    json.getString("prefix"),
                    json.getInteger("waiting", 0),
                    json.getInteger("priorityWaiting", 0));
        }
    }

    /**
     * One counter: its state, the officer's username (never a full name) and the ticket it holds (CALLED or SERVING),
     * or null.
     *
     * @param pausedAt when the current pause began (PAUSED only, else null; null too when no longer known); staff only
     */
    public record CounterView(
            int number,
            String name,
            CounterState state,
            String pauseReason,
            Instant pausedAt,
            String officer,
            List<String> services,
            Ticket ticket) {

        public CounterView {
            services = List.copyOf(services);
        }

        /**
         * For anonymous viewers: no officer, no pause start, and the ticket in its {@linkplain Ticket#toPublicJson()
         * public} form.
         */
        public JsonObject toPublicJson() {
            JsonObject json = toJson();
            json.remove("officer");
            json.remove("pausedAt");
            return json.put("ticket", ticket == null ? null : ticket.toPublicJson());
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("number", number)
                    .put("name", name)
                    .put("state", state.name())
                    .put("pauseReason", pauseReason)
                    .put("pausedAt", Json.instant(pausedAt))
                    .put("officer", officer)
                    .put("services", new JsonArray(List.copyOf(services)))
                    .put("ticket", ticket == null ? null : ticket.toJson());
        }

        public static CounterView fromJson(JsonObject json) {
            JsonObject ticket = json.getJsonObject("ticket");
            return new CounterView(
                    json.getInteger("number"),
                    json.getString("name"),
                    CounterState.valueOf(json.getString("state")),
                    json.getString("pauseReason"),
                    Json.instant(json.getString("pausedAt")),
                    json.getString("officer"),
                    json.getJsonArray("services", new JsonArray()).stream()
                            .map(String::valueOf)
                            .toList(),
                    ticket == null ? null : Ticket.fromJson(ticket));
        }
    }

    /** A call shown on the boards: which number went to which counter, when, and how many times it was called. */
    public record Call(String ticketId, String number, String service, int counter, Instant at, int callCount) {
        public JsonObject toJson() {
            return new JsonObject()
                    .put("ticketId", ticketId)
                    .put("number", number)
                    .put("service", service)
                    .put("counter", counter)
                    .put("at", Json.instant(at))
                    .put("callCount", callCount);
        }

        public static Call fromJson(JsonObject json) {
            return new Call(
                    json.getString("ticketId"),
                    json.getString("number"),
                    json.getString("service"),
                    json.getInteger("counter"),
                    Json.instant(json.getString("at")),
                    json.getInteger("callCount", 1));
        }
    }

    /** For anonymous viewers and public streams: the counters in their {@linkplain CounterView#toPublicJson() public} form. */
    public JsonObject toPublicJson() {
        return toJson().put(
                        "counters",
                        new JsonArray(
                                counters.stream().map(CounterView::toPublicJson).toList()));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("type", "snapshot")
                .put("seq", seq)
                .put("site", site)
                .put("at", Json.instant(at))
                .put(
                        "services",
                        new JsonArray(
                                services.stream().map(ServiceQueue::toJson).toList()))
                .put(
                        "counters",
                        new JsonArray(counters.stream().map(CounterView::toJson).toList()))
                .put(
                        "lastCalls",
                        new JsonArray(lastCalls.stream().map(Call::toJson).toList()));
    }

    public static QueueSnapshot fromJson(JsonObject json) {
        return new QueueSnapshot(
                json.getLong("seq"),
                json.getString("site"),
                Json.instant(json.getString("at")),
                objects(json.getJsonArray("services")).stream()
                        .map(ServiceQueue::fromJson)
                        .toList(),
                objects(json.getJsonArray("counters")).stream()
                        .map(CounterView::fromJson)
                        .toList(),
                objects(json.getJsonArray("lastCalls")).stream()
                        .map(Call::fromJson)
                        .toList());
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array == null
                ? List.of()
                : array.stream().map(JsonObject.class::cast).toList();
    }
}
