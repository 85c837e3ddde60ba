package org.xephang.kiosk;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The server-sent event stream from the agent to its pages ({@code GET api/events}). A page gets the current state
 * first, then every published event; the browser's {@code EventSource} reconnects by itself. A comment line every
 * 15 s keeps idle connections open through proxies. Used on the agent's context only.
 */
final class PageEvents implements PageChannel {

    private final Set<HttpServerResponse> open = new LinkedHashSet<>();
    private final Supplier<JsonObject> currentState;

    private final Vertx vertx;
    private long keepAlive = -1;

    PageEvents(Vertx vertx, Supplier<JsonObject> currentState) {
        this.vertx = vertx;
        this.currentState = currentState;
    }

    void open(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (keepAlive < 0) { // started here, so the timer runs on the agent's context like everything else
            keepAlive = vertx.setPeriodic(15_000, t -> open.forEach(r -> r.write(": keep-alive\n\n")));
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        open.add(response);
        response.closeHandler(v -> open.remove(response));
        response.exceptionHandler(e -> open.remove(response));
        response.write("retry: 2000\n\n");
        write(response, "state", currentState.get());
    }

    @Override
    public void publish(String event, JsonObject data) {
        open.forEach(response -> write(response, event, data));
    }

    private static void write(HttpServerResponse response, String event, JsonObject data) {
        response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
    }

    void closeAll() {
        if (keepAlive >= 0) {
            vertx.cancelTimer(keepAlive);
        }
        open.forEach(HttpServerResponse::end);
        open.clear();
    }
}
