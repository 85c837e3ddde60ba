package org.xephang.core.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;

/**
 * {@code GET /api/v1/sites/{site}/events}: a WebSocket, or Server-Sent Events with {@code Accept: text/event-stream}.
 * Public and read-only, so any Origin may connect; anonymous readers get the public view of tickets and events, and a
 * staff token (Authorization header) the full one. Each connection gets its own engine subscription: the snapshot
 * taken with it goes first, then every event in seq order (see {@link StreamSubscriber} for how slow readers are
 * dropped).
 */
final class EventStreamRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamRoutes.class);

    private final QueueService queue;
    private final StreamLimits limits;
    private final ApiMetrics metrics;
    /**
     * The JSON of recent events. Every subscriber of a site receives the same event object, so each event is encoded
     * once however many boards follow it (5,000 subscribers on two event loops drain interleaved events, which a single
     * "last event" slot cannot serve). A slot is chosen by site and seq and checked by identity; a race only costs an
     * extra encoding.
     */
    private static final int RECENT_SLOTS = 256;

    private final AtomicReferenceArray<Encoded> recent = new AtomicReferenceArray<>(RECENT_SLOTS);

    EventStreamRoutes(QueueService queue, StreamLimits limits, ApiMetrics metrics) {
        this.queue = queue;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** An event's two encodings: the public one every board gets, and the full one for staff streams (made on demand). */
    private static final class Encoded {
        final QueueEvent event;
        final String publicJson;
        volatile String fullJson;

        Encoded(QueueEvent event) {
            this.event = event;
            this.publicJson = event.toPublicJson().encode();
        }
    }

    String encodePublic(QueueEvent event) {
        return encoded(event).publicJson;
    }

    String encodeFull(QueueEvent event) {
        Encoded encoded = encoded(event);
        String full = encoded.fullJson;
        if (full == null) {
            full = event.toJson().encode();
            encoded.fullJson = full;
        }
        return full;
    }

    private Encoded encoded(QueueEvent event) {
        int slot = (int) ((event.seq() * 31 + event.site().hashCode()) & (RECENT_SLOTS - 1));
        Encoded cached = recent.get(slot);
        if (cached != null && cached.event == event) {
            return cached;
        }
        Encoded fresh = new Encoded(event);
        recent.set(slot, fresh);
        return fresh;
    }

    void handle(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        String accept = ctx.request().getHeader("Accept");
        boolean sse = accept != null && accept.contains("text/event-stream");
        if (!sse && !ctx.request().canUpgradeToWebSocket()) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST, "Luồng sự kiện cần WebSocket hoặc tiêu đề Accept: text/event-stream.");
        }
        Context context = ctx.vertx().getOrCreateContext();
        // Staff streams (a valid staff token) get the full events; everyone else what a waiting-hall screen shows.
        boolean full = Authenticator.seesFullView(ctx, site);
        StreamSubscriber subscriber = new StreamSubscriber(
                site,
                context,
                limits,
                metrics,
                full ? this::encodeFull : this::encodePublic,
                full ? QueueSnapshot::toJson : QueueSnapshot::toPublicJson);
        // Throws UNKNOWN_SITE before anything is upgraded; the failure handler answers 404.
        subscriber.subscribe(queue);
        if (sse) {
            subscriber.attach(new SseSink(ctx.response()));
            return;
        }
        ctx.request()
                .toWebSocket()
                .onSuccess(ws -> subscriber.attach(new WebSocketSink(ws, limits)))
                .onFailure(failed -> {
                    LOG.debug("WebSocket upgrade failed for site {}: {}", site, failed.getMessage());
                    subscriber.close();
                });
    }

    /** Writes to a WebSocket: one text message per snapshot or event. */
    private static final class WebSocketSink implements StreamSubscriber.Sink {
        private final ServerWebSocket ws;

        WebSocketSink(ServerWebSocket ws, StreamLimits limits) {
            this.ws = ws;
            ws.setWriteQueueMaxSize(limits.writeQueueBytes());
        }

        @Override
        public void write(String json) {
            ws.writeTextMessage(json);
        }

        @Override
        public boolean writeQueueFull() {
            return ws.writeQueueFull();
        }

        @Override
        public void heartbeat() {
            ws.writePing(Buffer.buffer());
        }

        @Override
        public void onClose(Runnable closed) {
            ws.closeHandler(v -> closed.run());
        }

        @Override
        public void drop(String reason) {
            // 1013 Try Again Later: the client reconnects and starts again from a snapshot.
            ws.close((short) 1013, reason);
        }
    }

    /** Writes Server-Sent Events: {@code data: <json>} per snapshot or event (the JSON carries its type). */
    private static final class SseSink implements StreamSubscriber.Sink {
        private final HttpServerResponse response;

        SseSink(HttpServerResponse response) {
            this.response = response;
            response.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("X-Accel-Buffering", "no");
        }

        @Override
        public void write(String json) {
            response.write("data: " + json + "\n\n");
        }

        @Override
        public boolean writeQueueFull() {
            return response.writeQueueFull();
        }

        @Override
        public void heartbeat() {
            response.write(": keep-alive\n\n");
        }

        @Override
        public void onClose(Runnable closed) {
            response.closeHandler(v -> closed.run());
        }

        @Override
        public void drop(String reason) {
            response.reset();
        }
    }
}
