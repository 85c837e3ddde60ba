package org.xephang.agent;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Server-sent events from an agent to its pages ({@code GET api/events}), grouped by {@code K} (the counter a page
 * serves; a single group for the kiosk). A page gets its first event at once, then every event published to its
 * group; the browser's {@code EventSource} reconnects by itself. A comment line every 15 s keeps idle connections
 * open through proxies. Used on the agent's context only.
 *
 * @param <K> what pages are grouped by
 */
public final class PageEventStream<K> {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Map<K, Set<HttpServerResponse>> open = new HashMap<>();
    private final Vertx vertx;
    private long keepAlive = -1;

    public PageEventStream(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Turns {@code response} into an event stream of {@code group}, starting with {@code firstEvent}. */
    public void open(K group, HttpServerResponse response, String firstEvent, JsonObject firstData) {
        if (keepAlive < 0) { // started here, so the timer runs on the agent's context like everything else
            keepAlive = vertx.setPeriodic(
                    KEEP_ALIVE.toMillis(),
                    t -> open.values().forEach(set -> set.forEach(r -> r.write(": keep-alive\n\n"))));
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        Set<HttpServerResponse> set = open.computeIfAbsent(group, g -> new LinkedHashSet<>());
        set.add(response);
        response.closeHandler(v -> set.remove(response));
        response.exceptionHandler(e -> set.remove(response));
        response.write("retry: 2000\n\n");
        write(response, firstEvent, firstData);
    }

    /** Sends {@code event} to the pages of {@code group}. */
    public void publish(K group, String event, JsonObject data) {
        Set<HttpServerResponse> set = open.get(group);
        if (set != null) {
            set.forEach(response -> write(response, event, data));
        }
    }

    /** Sends {@code event} to every page. */
    public void publishToAll(String event, JsonObject data) {
        open.values().forEach(set -> set.forEach(response -> write(response, event, data)));
    }

    private static void write(HttpServerResponse response, String event, JsonObject data) {
        response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
    }

    /** Ends every stream (the agent stops). */
    public void closeAll() {
        if (keepAlive >= 0) {
            vertx.cancelTimer(keepAlive);
            keepAlive = -1;
        }
        open.values().forEach(set -> set.forEach(HttpServerResponse::end));
        open.clear();
    }
}
