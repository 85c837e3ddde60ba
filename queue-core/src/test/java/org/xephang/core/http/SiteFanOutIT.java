package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueServer;
import org.xephang.core.QueueService;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;

/**
 * The connections of a site on one event loop share ONE engine subscription (issue 18: 5,000 boards cost the writer
 * one task per event, not 5,000), and each still gets its snapshot, then exactly the events after it, in order.
 */
class SiteFanOutIT {

    private static final Actor KIOSK = new Actor("kiosk1", Role.KIOSK);

    @Test
    void manyConnectionsShareOneEngineSubscriptionAndEachGetsEveryEventAfterItsSnapshot(@TempDir Path dataDir)
            throws Exception {
        try (TestApi api = TestApi.start(dataDir)) {
            AtomicInteger liveSubscriptions = new AtomicInteger();
            QueueService counting = countingSubscriptions(api, liveSubscriptions);
            Context loop = api.vertx.getOrCreateContext();
            AtomicBoolean emptied = new AtomicBoolean();
            SiteFanOut fanOut = onLoop(loop, () -> {
                SiteFanOut created = new SiteFanOut(loop, new EventJson(), 64, empty -> emptied.set(true));
                created.open(counting, "demo");
                return created;
            });
            List<StreamSubscriber> subscribers = new ArrayList<>();
            List<RecordingSink> sinks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                RecordingSink sink = new RecordingSink();
                sinks.add(sink);
                subscribers.add(onLoop(loop, () -> {
                    StreamSubscriber s = subscriber(loop);
                    s.subscribe(counting, fanOut);
                    s.attach(sink);
                    return s;
                }));
            }
            assertThat(liveSubscriptions.get())
                    .as("engine subscriptions for 50 connections")
                    .isEqualTo(1);

            for (int i = 0; i < 5; i++) {
                api.issue(i % 2 == 0 ? "A" : "B");
            }
            eventually(Duration.ofSeconds(30), () -> sinks.stream().allMatch(s -> s.messages.size() >= 6));
            for (RecordingSink sink : sinks) {
                assertSnapshotThenConsecutiveEvents(sink.messages, 6);
            }

            // A connection whose snapshot is taken before events it is attached after: they are replayed to it.
            RecordingSink late = new RecordingSink();
            StreamSubscriber lateSubscriber = onLoop(loop, () -> {
                StreamSubscriber s = subscriber(loop);
                s.subscribe(counting, fanOut);
                return s;
            });
            api.issue("A");
            api.issue("B");
            eventually(Duration.ofSeconds(30), () -> sinks.get(0).messages.size() >= 8);
            onLoop(loop, () -> {
                lateSubscriber.attach(late);
                return null;
            });
            api.issue("A");
            eventually(Duration.ofSeconds(30), () -> late.messages.size() >= 4);
            assertSnapshotThenConsecutiveEvents(late.messages, 4);
            assertThat(late.messages.get(0).getLong("seq")).isEqualTo(5);
            assertThat(late.messages.get(3).getLong("seq")).isEqualTo(8);

            subscribers.add(lateSubscriber);
            onLoop(loop, () -> {
                subscribers.forEach(StreamSubscriber::close);
                return null;
            });
            assertThat(liveSubscriptions.get()).isZero();
            assertThat(emptied.get()).isTrue();
        }
    }

    @Test
    void anEventThatArrivesDuringAPassReachesTheMembersNotYetWrittenInOneFlushWithTheEventBeforeIt(
            @TempDir Path dataDir) throws Exception {
        try (TestApi api = TestApi.start(dataDir)) {
            Map<Long, CountDownLatch> queued = new ConcurrentHashMap<>();
            QueueService signalling = signallingQueued(api.engine, queued);
            Context loop = api.vertx.getOrCreateContext();
            SiteFanOut fanOut = onLoop(loop, () -> {
                SiteFanOut created = new SiteFanOut(loop, new EventJson(), 64, empty -> {});
                created.open(signalling, "demo");
                return created;
            });
            int count = 3 * SiteFanOut.CHUNK + 7;
            List<RecordingSink> sinks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RecordingSink sink = new RecordingSink();
                sinks.add(sink);
                onLoop(loop, () -> {
                    StreamSubscriber s = subscriber(loop);
                    s.subscribe(signalling, fanOut);
                    s.attach(sink);
                    return s;
                });
            }
            long first = sinks.get(0).messages.get(0).getLong("seq") + 1;
            // The first member's flush of the first event issues the next one and waits until the engine has handed
            // it to the fan-out: it arrives while the pass is under way, right after the first chunk.
            AtomicBoolean issuedSecond = new AtomicBoolean();
            sinks.get(0).onFlush = () -> {
                if (issuedSecond.compareAndSet(false, true)) {
                    queued.put(first + 1, new CountDownLatch(1));
                    api.engine.issue(TestApi.SITE, new IssueCommand("B", null, null, null), KIOSK);
                    awaitLatch(queued.get(first + 1));
                }
            };
            api.issue(api.engine, "A");
            eventually(Duration.ofSeconds(30), () -> sinks.stream().allMatch(s -> s.messages.size() >= 3));

            for (int i = 0; i < count; i++) {
                RecordingSink sink = sinks.get(i);
                assertSnapshotThenConsecutiveEvents(sink.messages, 3);
                assertThat(sink.messages)
                        .as("member %d: snapshot and two events, each once", i)
                        .hasSize(3);
                List<List<Long>> expected = i < SiteFanOut.CHUNK
                        ? List.of(List.of(first), List.of(first + 1))
                        : List.of(List.of(first, first + 1));
                assertThat(sink.flushes)
                        .as("member %d: the events of each flush", i)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void everyMemberGetsEveryEventOnceInSeqOrderWhileEventsArriveDuringPasses(@TempDir Path dataDir) throws Exception {
        try (TestApi api = TestApi.start(dataDir)) {
            Context loop = api.vertx.getOrCreateContext();
            SiteFanOut fanOut = onLoop(loop, () -> {
                SiteFanOut created = new SiteFanOut(loop, new EventJson(), 256, empty -> {});
                created.open(api.engine, "demo");
                return created;
            });
            int count = 5 * SiteFanOut.CHUNK + 3;
            List<RecordingSink> sinks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RecordingSink sink = new RecordingSink();
                sinks.add(sink);
                onLoop(loop, () -> {
                    StreamSubscriber s = subscriber(loop);
                    s.subscribe(api.engine, fanOut);
                    s.attach(sink);
                    return s;
                });
            }
            int events = 60;
            // Two kiosks issuing at once, without waiting for the loop: events keep arriving while passes run.
            List<CompletableFuture<?>> issued = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                issued.add(api.engine
                        .issue(TestApi.SITE, new IssueCommand(i % 2 == 0 ? "A" : "B", null, null, null), KIOSK)
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(issued.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            eventually(Duration.ofSeconds(30), () -> sinks.stream().allMatch(s -> s.messages.size() >= events + 1));

            int shared = 0;
            for (int i = 0; i < count; i++) {
                RecordingSink sink = sinks.get(i);
                assertThat(sink.messages)
                        .as("member %d: snapshot and every event once", i)
                        .hasSize(events + 1);
                assertSnapshotThenConsecutiveEvents(sink.messages, events + 1);
                shared += (int) sink.flushes.stream().filter(f -> f.size() > 1).count();
            }
            assertThat(shared).as("flushes that carried more than one event").isPositive();
        }
    }

    @Test
    void webSocketsOnTheSameEventLoopShareItsFanOutThoughEachRequestRunsOnItsOwnContext(@TempDir Path dataDir)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        try (QueueEngine engine = QueueEngine.open(
                TestApi.config(), dataDir, Clock.systemUTC(), new EngineOptions(true, "http://q.test"))) {
            AtomicInteger liveSubscriptions = new AtomicInteger();
            QueueServer server = TestApi.await(QueueServer.start(
                    vertx,
                    countingSubscriptions(engine, liveSubscriptions),
                    new QueueServer.Options()
                            .host("127.0.0.1")
                            .port(0)
                            .accounts(TestApi.config().accounts())));
            WebSocketClient sockets = vertx.createWebSocketClient();
            List<AtomicInteger> received = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                AtomicInteger messages = new AtomicInteger();
                received.add(messages);
                TestApi.await(sockets.webSocket()
                        .textMessageHandler(text -> messages.incrementAndGet())
                        .connect(server.port(), "127.0.0.1", "/api/v1/sites/demo/events"));
            }
            eventually(Duration.ofSeconds(30), () -> received.stream().allMatch(m -> m.get() >= 1));

            // One per event loop the connections landed on (Vert.x runs each request on its own duplicated context).
            assertThat(liveSubscriptions.get())
                    .as("engine subscriptions held by 20 WebSocket connections")
                    .isBetween(1, 2 * Runtime.getRuntime().availableProcessors());
            TestApi.await(sockets.close());
            TestApi.await(server.close());
        } finally {
            TestApi.await(vertx.close());
        }
    }

    private static StreamSubscriber subscriber(Context loop) {
        return new StreamSubscriber(
                "demo", loop, StreamLimits.defaults(), new ApiMetrics(), false, QueueSnapshot::toPublicJson);
    }

    static void assertSnapshotThenConsecutiveEvents(List<JsonObject> messages, int count) {
        long seq = messages.get(0).getLong("seq");
        assertThat(messages.get(0).containsKey("services"))
                .as("the snapshot first")
                .isTrue();
        for (int i = 1; i < count; i++) {
            assertThat(messages.get(i).getLong("seq")).isEqualTo(seq + i);
        }
    }

    /** The engine, counting the subscriptions open at any time. */
    private static QueueService countingSubscriptions(TestApi api, AtomicInteger live) {
        return countingSubscriptions(api.engine, live);
    }

    private static QueueService countingSubscriptions(QueueService engine, AtomicInteger live) {
        return (QueueService) Proxy.newProxyInstance(
                QueueService.class.getClassLoader(), new Class<?>[] {QueueService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("subscribe")) {
                        @SuppressWarnings("unchecked")
                        QueueService.Subscription real =
                                engine.subscribe((String) args[0], (Consumer<QueueEvent>) args[1]);
                        live.incrementAndGet();
                        return new QueueService.Subscription() {
                            @Override
                            public QueueSnapshot snapshot() {
                                return real.snapshot();
                            }

                            @Override
                            public void close() {
                                real.close();
                                live.decrementAndGet();
                            }
                        };
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The engine, counting down the latch of each event's seq once the fan-out's consumer has it. */
    private static QueueService signallingQueued(QueueService engine, Map<Long, CountDownLatch> queued) {
        return (QueueService) Proxy.newProxyInstance(
                QueueService.class.getClassLoader(), new Class<?>[] {QueueService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("subscribe") && args.length == 3) {
                        @SuppressWarnings("unchecked")
                        Consumer<QueueEvent> consumer = (Consumer<QueueEvent>) args[1];
                        return engine.subscribe(
                                (String) args[0],
                                event -> {
                                    consumer.accept(event);
                                    CountDownLatch latch = queued.get(event.seq());
                                    if (latch != null) {
                                        latch.countDown();
                                    }
                                },
                                (Runnable) args[2]);
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the engine did not hand the event to the fan-out within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T onLoop(Context loop, Supplier<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(30, TimeUnit.SECONDS);
    }

    /** Records what a connection would have been sent. */
    private static final class RecordingSink implements StreamSubscriber.Sink {
        final List<JsonObject> messages = new CopyOnWriteArrayList<>();
        /** The seqs of the events each flush sent (flushes that sent nothing are not listed). */
        final List<List<Long>> flushes = new CopyOnWriteArrayList<>();

        private final List<Long> unflushed = new ArrayList<>();
        volatile Runnable onFlush = () -> {};

        @Override
        public void write(String json) {
            messages.add(new JsonObject(json));
        }

        @Override
        public void write(OutgoingEvent event, boolean full) {
            messages.add(new JsonObject(new String(event.json(full), StandardCharsets.UTF_8)));
            unflushed.add(event.seq());
        }

        @Override
        public void flush() {
            if (!unflushed.isEmpty()) {
                flushes.add(List.copyOf(unflushed));
                unflushed.clear();
            }
            onFlush.run();
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public void heartbeat() {}

        @Override
        public void onClose(Runnable closed) {}

        @Override
        public void drop(String reason) {
            throw new AssertionError("dropped: " + reason);
        }
    }
}
