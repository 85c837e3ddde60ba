package org.xephang.core.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.QueueSnapshot;
import org.xephang.core.QueueService;

/**
 * One event-stream connection, a member of its event loop's {@link SiteFanOut}: the fan-out receives each event from
 * the engine once and hands it to every member on the loop, so a reader never slows the engine or other readers. A
 * reader that falls behind (the socket's write queue full, or more than {@link StreamLimits#queuedEvents()} events
 * behind when it joins) is dropped; it reconnects and starts again from a fresh snapshot, which is how every client
 * resynchronises anyway. Everything but construction runs on the connection's event loop.
 */
final class StreamSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSubscriber.class);

    /** Where the stream goes (a WebSocket or an SSE response). Called on the connection's event loop only. */
    interface Sink {
        /** The snapshot (once, first). */
        void write(String json);

        /**
         * An event in the view ({@code full}: staff) this connection gets, from what the fan-out built once for all
         * of its connections. May wait for {@link #flush()} to reach the socket.
         */
        void write(OutgoingEvent event, boolean full);

        /** Sends what {@link #write(OutgoingEvent, boolean)} left waiting: once per drain of the fan-out. */
        void flush();

        /** Whether the socket holds more than the stream's limit unsent (after sending what was waiting). */
        boolean writeQueueFull();

        void heartbeat();

        void onClose(Runnable closed);

        void drop(String reason);
    }

    private final String site;
    private final Context context;
    private final StreamLimits limits;
    private final ApiMetrics metrics;
    private final boolean fullView;
    private final Function<QueueSnapshot, JsonObject> snapshotView;
    private final AtomicBoolean closed = new AtomicBoolean();
    private SiteFanOut fanOut;
    private QueueSnapshot snapshot;
    /** The newest seq this connection has been given (its snapshot's, then each event's). */
    private long deliveredSeq;

    private boolean joined;
    private Sink sink;
    private long heartbeatTimer = -1;
    private long entitlementTimer = -1;

    StreamSubscriber(
            String site,
            Context context,
            StreamLimits limits,
            ApiMetrics metrics,
            boolean fullView,
            Function<QueueSnapshot, JsonObject> snapshotView) {
        this.site = site;
        this.context = context;
        this.limits = limits;
        this.metrics = metrics;
        this.fullView = fullView;
        this.snapshotView = snapshotView;
    }

    /**
     * Takes this connection's place in the fan-out (which is subscribed already, so it receives every event after the
     * snapshot taken here) and its snapshot, atomic with the engine's events.
     */
    void subscribe(QueueService queue, SiteFanOut fanOut) {
        this.fanOut = fanOut;
        fanOut.reserve();
        try (QueueService.Subscription atomic = queue.subscribe(site, event -> {})) {
            snapshot = atomic.snapshot();
            deliveredSeq = snapshot.seq();
        } catch (RuntimeException e) {
            fanOut.unreserve();
            this.fanOut = null;
            throw e;
        }
        metrics.streamOpened();
    }

    /** Writes the snapshot, then every event after it. */
    void attach(Sink sink) {
        if (closed.get()) {
            sink.drop("closed");
            return;
        }
        this.sink = sink;
        sink.onClose(this::close);
        sink.write(snapshotView.apply(snapshot).encode());
        heartbeatTimer = context.owner().setPeriodic(limits.heartbeat().toMillis(), id -> {
            if (!closed.get()) {
                sink.heartbeat();
            }
        });
        if (fanOut.ended()) {
            end();
        } else if (fanOut.join(this, snapshot.seq())) {
            joined = true;
        } else {
            drop("more than " + limits.queuedEvents() + " events behind");
        }
    }

    /**
     * One event from the fan-out, in seq order; one this connection already has (its snapshot's or given before) is
     * skipped. It reaches the socket at the latest on {@link #flush()}.
     */
    void deliver(OutgoingEvent event) {
        if (closed.get() || event.seq() <= deliveredSeq) {
            return;
        }
        if (sink.writeQueueFull()) {
            drop("socket write queue full (" + limits.writeQueueBytes() + " bytes)");
            return;
        }
        sink.write(event, fullView);
        deliveredSeq = event.seq();
    }

    /** The newest seq this connection has been given: the fan-out skips it when it has every event already. */
    long deliveredSeq() {
        return deliveredSeq;
    }

    /** The fan-out delivered what it had: send it. */
    void flush() {
        if (!closed.get()) {
            sink.flush();
        }
    }

    private void drop(String reason) {
        if (closed.get()) {
            return;
        }
        LOG.info("Dropped a slow event-stream client of site {}: {}", site, reason);
        metrics.streamDropped();
        Sink current = sink;
        close();
        if (current != null) {
            current.drop("too slow: " + reason + "; reconnect for a fresh snapshot");
        }
    }

    /**
     * A staff stream (the full view): asks {@code stillEntitled} every {@code every} and ends the stream once the answer
     * is no: its token revoked or expired, its account disabled or moved to other sites. A request with that token is
     * refused at once; a stream opened with it must not go on showing officers and dossier codes.
     */
    void endWhenNoLongerEntitled(Duration every, Supplier<Future<Boolean>> stillEntitled) {
        entitlementTimer = context.owner().setPeriodic(every.toMillis(), id -> {
            if (closed.get()) {
                return;
            }
            stillEntitled.get().onComplete(answer -> {
                if (!(answer.succeeded() && Boolean.TRUE.equals(answer.result()))) {
                    context.runOnContext(v -> notEntitled());
                }
            });
        });
    }

    private void notEntitled() {
        if (closed.get()) {
            return;
        }
        LOG.info("Ended a staff event stream of site {}: its sign-in is no longer valid", site);
        Sink current = sink;
        close();
        if (current != null) {
            current.drop("the sign-in of this stream is no longer valid; sign in again");
        }
    }

    /** The site moved to another node of a cluster: the client reconnects (through any node) for a new snapshot. */
    void end() {
        if (closed.get()) {
            return;
        }
        LOG.info("Ended an event stream of site {}: the site moved to another server", site);
        Sink current = sink;
        close();
        if (current != null) {
            current.drop("the site moved to another server; reconnect for a fresh snapshot");
        }
    }

    /** Idempotent: leaves the fan-out and ends the heartbeat. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (fanOut != null) {
            if (joined) {
                fanOut.leave(this);
            } else {
                fanOut.unreserve();
            }
            metrics.streamClosed();
        }
        if (heartbeatTimer >= 0) {
            context.owner().cancelTimer(heartbeatTimer);
        }
        if (entitlementTimer >= 0) {
            context.owner().cancelTimer(entitlementTimer);
        }
    }
}
