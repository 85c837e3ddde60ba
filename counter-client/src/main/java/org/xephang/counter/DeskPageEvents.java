package org.xephang.counter;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Server-sent events from the agent to the counter pages, per counter ({@code GET api/events?session=…}). The
 * browser's {@code EventSource} reconnects by itself; a comment every 15 s keeps idle connections open. Used on the
 * agent's context only.
 */
final class DeskPageEvents implements DeskChannel {

    private final Map<Integer, Set<HttpServerResponse>> open = new HashMap<>();

    private final Vertx vertx;
    private long keepAlive = -1;

    DeskPageEvents(Vertx vertx) {
        this.vertx = vertx;
    }

    void open(int counter, HttpServerResponse response, JsonObject firstView) {
        if (keepAlive < 0) { // started here, so the timer runs on the agent's context like everything else
            keepAlive = vertx.setPeriodic(
                    15_000, t -> open.values().forEach(set -> set.forEach(r -> r.write(": keep-alive\n\n"))));
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        Set<HttpServerResponse> set = open.computeIfAbsent(counter, c -> new LinkedHashSet<>());
        set.add(response);
        response.closeHandler(v -> set.remove(response));
        response.exceptionHandler(e -> set.remove(response));
        response.write("retry: 2000\n\n");
        write(response, "desk", firstView);
    }

    @Override
    public void publish(int counter, String event, JsonObject data) {
        Set<HttpServerResponse> set = open.get(counter);
        if (set != null) {
            set.forEach(response -> write(response, event, data));
        }
    }

    private static void write(HttpServerResponse response, String event, JsonObject data) {
        response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
    }

    void closeAll() {
        if (keepAlive >= 0) {
            vertx.cancelTimer(keepAlive);
        }
        open.values().forEach(set -> set.forEach(HttpServerResponse::end));
        open.clear();
    }
}
