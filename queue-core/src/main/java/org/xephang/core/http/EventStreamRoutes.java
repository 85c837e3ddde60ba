package org.xephang.core.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * staff token (Authorization header) the full one. Each connection gets a snapshot taken atomically with the events,
 * then every event after it in seq order. The connections of a site on one event loop share one engine subscription
 * ({@link SiteFanOut}), and each event is encoded to UTF-8 once for all of them (see {@link StreamSubscriber} for how
 * slow readers are dropped).
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

    /**
     * The fan-outs by site and event loop; each is created, used and removed on its loop. Keyed by the loop's root
     * context: each HTTP request runs on its own duplicate of it, which would give every connection its own fan-out.
     */
    private record FanOutKey(String site, Context loop) {}

    private final Map<FanOutKey, SiteFanOut> fanOuts = new ConcurrentHashMap<>();

    EventStreamRoutes(QueueService queue, StreamLimits limits, ApiMetrics metrics) {
        this.queue = queue;
        this.limits = limits;
        this.metrics = metrics;
    }

    /**
     * An event's two encodings, UTF-8: the public one every board gets, and the full one for staff streams (made on
     * demand). Every connection writes these same bytes.
     */
    private static final class Encoded {
        final QueueEvent event;
        final byte[] publicJson;
        volatile byte[] fullJson;

        Encoded(QueueEvent event) {
            this.event = event;
            this.publicJson = event.toPublicJson().encode().getBytes(StandardCharsets.UTF_8);
        }
    }

    byte[] encodePublic(QueueEvent event) {
        return encoded(event).publicJson;
    }

    byte[] encodeFull(QueueEvent event) {
        Encoded encoded = encoded(event);
        byte[] full = encoded.fullJson;
        if (full == null) {
            full = event.toJson().encode().getBytes(StandardCharsets.UTF_8);
            encoded.fullJson = full;
        }
        return full;
    }

    /** The fan-out of this site on this event loop, subscribed to the engine. Throws for an unknown site. */
    private SiteFanOut fanOut(String site, Context context) {
        Context loop = context instanceof ContextInternal internal ? internal.unwrap() : context;
        return fanOuts.computeIfAbsent(new FanOutKey(site, loop), key -> {
            SiteFanOut created = new SiteFanOut(loop, limits.queuedEvents(), empty -> fanOuts.remove(key, empty));
            created.open(queue, site);
            return created;
        });
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
        subscriber.subscribe(queue, fanOut(site, context));
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

    /**
     * Writes to a WebSocket: one text message per snapshot or event. An event's frame wraps the shared UTF-8 bytes (no
     * copy, no encoding per socket); Vert.x's public API has text frames only from a String, which it encodes again for
     * every socket, hence its frame class. Events larger than one frame go the usual way.
     */
    private static final class WebSocketSink implements StreamSubscriber.Sink {
        /** Vert.x's default largest WebSocket frame; the server does not change it. */
        private static final int MAX_FRAME_BYTES = 65536;

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
        public void write(byte[] utf8) {
            if (utf8.length > MAX_FRAME_BYTES) {
                ws.writeTextMessage(new String(utf8, StandardCharsets.UTF_8));
                return;
            }
            ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(utf8), true));
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
        private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

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
        public void write(byte[] utf8) {
            response.write(Buffer.buffer(utf8.length + 8)
                    .appendBytes(DATA)
                    .appendBytes(utf8)
                    .appendBytes(END));
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
