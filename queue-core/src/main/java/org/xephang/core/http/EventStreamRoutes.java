package org.xephang.core.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.HttpObjectEncoder;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.QueueSnapshot;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;

/**
 * {@code GET /api/v1/sites/{site}/events}: a WebSocket, or Server-Sent Events with {@code Accept: text/event-stream}.
 * Public and read-only, so any Origin may connect; anonymous readers get the public view of tickets and events, and a
 * staff token (Authorization header) the full one. Each connection gets a snapshot taken atomically with the events,
 * then every event after it in seq order. The connections of a site on one event loop share one engine subscription
 * ({@link SiteFanOut}); each event is encoded to JSON once for all of them and to a WebSocket frame once per loop (see
 * {@link StreamSubscriber} for how slow readers are dropped).
 */
final class EventStreamRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamRoutes.class);

    private final QueueService queue;
    private final Authenticator auth;
    private final StreamLimits limits;
    private final ApiMetrics metrics;
    private final EventJson json = new EventJson();

    /**
     * The fan-outs by site and event loop; each is created, used and removed on its loop. Keyed by the loop's root
     * context: each HTTP request runs on its own duplicate of it, which would give every connection its own fan-out.
     */
    private record FanOutKey(String site, Context loop) {}

    private final Map<FanOutKey, SiteFanOut> fanOuts = new ConcurrentHashMap<>();

    EventStreamRoutes(QueueService queue, Authenticator auth, StreamLimits limits, ApiMetrics metrics) {
        this.queue = queue;
        this.auth = auth;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** The fan-out of this site on this event loop, subscribed to the engine. Throws for an unknown site. */
    private SiteFanOut fanOut(String site, Context context) {
        Context loop = context instanceof ContextInternal internal ? internal.unwrap() : context;
        return fanOuts.computeIfAbsent(new FanOutKey(site, loop), key -> {
            SiteFanOut created = new SiteFanOut(loop, json, limits.queuedEvents(), empty -> fanOuts.remove(key, empty));
            created.open(queue, site);
            return created;
        });
    }

    void handle(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        String accept = ctx.request().getHeader("Accept");
        boolean sse = accept != null && accept.contains("text/event-stream");
        if (!sse && !ctx.request().canUpgradeToWebSocket()) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Luồng sự kiện cần WebSocket hoặc tiêu đề Accept: text/event-stream.",
                    "The event stream needs a WebSocket or the header Accept: text/event-stream.");
        }
        Context context = ctx.vertx().getOrCreateContext();
        // Staff streams (a valid staff token) get the full events; everyone else what a waiting-hall screen shows.
        boolean full = Authenticator.seesFullView(ctx, site);
        StreamSubscriber subscriber = new StreamSubscriber(
                site, context, limits, metrics, full, full ? QueueSnapshot::toJson : QueueSnapshot::toPublicJson);
        // Throws UNKNOWN_SITE before anything is upgraded; the failure handler answers 404.
        subscriber.subscribe(queue, fanOut(site, context));
        if (full) {
            // A revoked token or a disabled account ends the stream as it ends every request made with the token.
            subscriber.endWhenNoLongerEntitled(Authenticator.PULL_EVERY, auth.fullViewCheck(ctx, site));
        }
        if (sse) {
            subscriber.attach(new SseSink(ctx.response()));
            return;
        }
        // vertx-web wraps the WebSocket it upgrades to (no way to its channel); the connection still has it.
        Channel channel = ctx.request().connection() instanceof HttpServerConnection connection
                ? connection.channelHandlerContext().channel()
                : null;
        ctx.request()
                .toWebSocket()
                .onSuccess(ws -> subscriber.attach(new WebSocketSink(ws, channel, limits)))
                .onFailure(failed -> {
                    LOG.debug("WebSocket upgrade failed for site {}: {}", site, failed.getMessage());
                    subscriber.close();
                });
    }

    /**
     * Writes to a WebSocket: the snapshot as a text message through Vert.x, then each event as the complete frame its
     * fan-out built once for the loop ({@link OutgoingEvent}), a retained duplicate written straight to the socket's
     * channel and flushed once per drain. Server frames are not masked, so the same bytes serve every socket; Vert.x
     * has no public way to write pre-encoded frames, and would build, encode and flush a frame per socket and event.
     * Raw bytes pass the channel's WebSocket encoders (and a permessage-deflate encoder: an uncompressed message is
     * allowed, RFC 7692 §6) untouched; TLS still encrypts them. Events larger than Vert.x's frame limit, a channel off
     * this loop or one that cannot be reached go through Vert.x as before.
     */
    private static final class WebSocketSink implements StreamSubscriber.Sink {
        /** Vert.x's default largest WebSocket frame (it splits longer messages); the server does not change it. */
        private static final int MAX_FRAME_BYTES = 65536;

        private final ServerWebSocket ws;
        /** The socket's channel, or null when unreachable or still carrying the HTTP encoder (Vert.x writes then). */
        private final Channel channel;

        private final ChannelPromise noAnswer;
        private boolean unflushed;

        WebSocketSink(ServerWebSocket ws, Channel channel, StreamLimits limits) {
            this.ws = ws;
            ws.setWriteQueueMaxSize(limits.writeQueueBytes());
            boolean raw = channel != null && channel.pipeline().get(HttpObjectEncoder.class) == null;
            this.channel = raw ? channel : null;
            this.noAnswer = raw ? new VoidChannelPromise(channel, false) : null;
        }

        @Override
        public void write(String json) {
            ws.writeTextMessage(json);
        }

        @Override
        public void write(OutgoingEvent event, boolean full) {
            byte[] utf8 = event.json(full);
            if (channel == null
                    || utf8.length > MAX_FRAME_BYTES
                    || !channel.eventLoop().inEventLoop()) {
                flush();
                ws.writeTextMessage(new String(utf8, StandardCharsets.UTF_8));
                return;
            }
            channel.write(event.webSocketFrame(full, channel.alloc()).retainedDuplicate(), noAnswer);
            unflushed = true;
        }

        @Override
        public void flush() {
            if (unflushed) {
                unflushed = false;
                channel.flush();
            }
        }

        /**
         * The channel's own writability when this sink writes to it: its high-water mark is the stream's limit, and
         * Vert.x's writes (snapshot, pings) run on this loop and reach the same channel. Vert.x's {@code
         * writeQueueFull} takes the WebSocket's lock per call: the first Java frame of a fan-out's profile (ADR 0037).
         */
        @Override
        public boolean writeQueueFull() {
            if (channel == null) {
                return ws.writeQueueFull();
            }
            if (channel.isWritable()) {
                return false;
            }
            // What this drain wrote so far may just be unsent: let the socket take it before judging.
            flush();
            return !channel.isWritable();
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
            flush();
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
        public void write(OutgoingEvent event, boolean full) {
            byte[] utf8 = event.json(full);
            response.write(Buffer.buffer(utf8.length + 8)
                    .appendBytes(DATA)
                    .appendBytes(utf8)
                    .appendBytes(END));
        }

        /** Vert.x sends each write at once. */
        @Override
        public void flush() {}

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
