package org.xephang.core.http;

import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.core.QueueService;

/**
 * One event-stream connection. The engine calls {@link #accept} on its writer thread; the event is only queued here
 * and written later on the connection's event loop, so a reader never slows the engine or other readers. A reader
 * that falls behind (more than {@link StreamLimits#queuedEvents()} queued, or the socket's write queue full) is
 * dropped; it reconnects and starts again from a fresh snapshot, which is how every client resynchronises anyway.
 */
final class StreamSubscriber implements Consumer<QueueEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSubscriber.class);

    /** Where the stream goes (a WebSocket or an SSE response). Called on the connection's event loop only. */
    interface Sink {
        void write(String json);

        boolean writeQueueFull();

        void heartbeat();

        void onClose(Runnable closed);

        void drop(String reason);
    }

    private final String site;
    private final Context context;
    private final StreamLimits limits;
    private final ApiMetrics metrics;
    private final Function<QueueEvent, String> encoder;
    private final Function<QueueSnapshot, JsonObject> snapshotView;
    private final Queue<QueueEvent> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedCount = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private QueueService.Subscription subscription;
    private Sink sink;
    private long heartbeatTimer = -1;

    StreamSubscriber(
            String site,
            Context context,
            StreamLimits limits,
            ApiMetrics metrics,
            Function<QueueEvent, String> encoder,
            Function<QueueSnapshot, JsonObject> snapshotView) {
        this.site = site;
        this.context = context;
        this.limits = limits;
        this.metrics = metrics;
        this.encoder = encoder;
        this.snapshotView = snapshotView;
    }

    /** Subscribes; events that arrive before {@link #attach} wait in the queue. Throws for an unknown site. */
    void subscribe(QueueService queue) {
        subscription = queue.subscribe(site, this, () -> context.runOnContext(v -> end()));
        metrics.streamOpened();
    }

    /** On the event loop: writes the snapshot, then every queued and later event. */
    void attach(Sink sink) {
        if (closed.get()) {
            sink.drop("closed");
            return;
        }
        this.sink = sink;
        sink.onClose(this::close);
        sink.write(snapshotView.apply(subscription.snapshot()).encode());
        heartbeatTimer = context.owner().setPeriodic(limits.heartbeat().toMillis(), id -> {
            if (!closed.get()) {
                sink.heartbeat();
            }
        });
        drain();
    }

    @Override
    public void accept(QueueEvent event) {
        if (closed.get()) {
            return;
        }
        if (queuedCount.incrementAndGet() > limits.queuedEvents()) {
            context.runOnContext(v -> drop("more than " + limits.queuedEvents() + " events behind"));
            return;
        }
        queued.add(event);
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (sink == null || closed.get()) {
            return;
        }
        QueueEvent event;
        while ((event = queued.poll()) != null) {
            queuedCount.decrementAndGet();
            if (sink.writeQueueFull()) {
                drop("socket write queue full (" + limits.writeQueueBytes() + " bytes)");
                return;
            }
            sink.write(encoder.apply(event));
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

    /** The site moved to another node of a cluster: the client reconnects (through any node) for a new snapshot. */
    private void end() {
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

    /** Idempotent: ends the engine subscription and the heartbeat. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (subscription != null) {
            subscription.close();
            metrics.streamClosed();
        }
        if (heartbeatTimer >= 0) {
            context.owner().cancelTimer(heartbeatTimer);
        }
        queued.clear();
    }
}
