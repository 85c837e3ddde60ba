package org.xephang.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.testkit.Poll;

@Timeout(60)
class ServerLinkTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final List<Long> snapshots = new CopyOnWriteArrayList<>();
    private final List<Long> events = new CopyOnWriteArrayList<>();
    private final List<Boolean> connection = new CopyOnWriteArrayList<>();
    private final List<String> sites = new CopyOnWriteArrayList<>();
    private final AtomicInteger configChanges = new AtomicInteger();
    private final ServerLink.Listener listener = new ServerLink.Listener() {
        @Override
        public void siteLoaded(JsonObject site) {
            sites.add(site.getString("code"));
        }

        @Override
        public void snapshotArrived(QueueSnapshot snapshot) {
            snapshots.add(snapshot.seq());
        }

        @Override
        public void eventArrived(QueueEvent event) {
            events.add(event.seq());
        }

        @Override
        public void connectionChanged(boolean up) {
            connection.add(up);
        }

        @Override
        public void configChanged(QueueEvent event) {
            configChanges.incrementAndGet();
        }
    };

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aGapResynchronisesFromAFreshSnapshotAndADroppedLinkReconnectsAndReloadsTheSite() throws Exception {
        AtomicInteger sockets = new AtomicInteger();
        AtomicInteger siteReads = new AtomicInteger();
        HttpServer server = await(vertx.createHttpServer()
                .webSocketHandler(ws -> script(ws, sockets.incrementAndGet()))
                .requestHandler(request -> {
                    siteReads.incrementAndGet();
                    request.response()
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("code", "demo").encode());
                })
                .listen(0, "127.0.0.1"));
        QueueClient client = QueueClient.create(vertx, "http://127.0.0.1:" + server.actualPort());
        ServerLink.ClientSource source = ServerLink.of(client, "demo");
        ServerLink link = new ServerLink(context, source, listener, ServerLink.Settings.of("test agent", null));

        context.runOnContext(v -> link.start());

        eventually(() -> sockets.get() == 3 && snapshots.size() == 3 && connection.size() == 5);
        assertThat(snapshots).containsExactly(5L, 8L, 9L);
        assertThat(events).containsExactly(6L, 9L); // 8 came after a gap: never delivered
        assertThat(connection).containsExactly(true, false, true, false, true);
        assertThat(configChanges).hasValue(1);
        eventually(() -> sites.size() == 5); // at start, on each of 3 connections, and after config.changed
        assertThat(sites).containsOnly("demo");
        source.close();
        client.close();
    }

    /**
     * First connection: snapshot 5, event 6, then a gap (8). Second: snapshot 8, config.changed 9, then the server
     * drops the link. Third: snapshot 9.
     */
    private static void script(ServerWebSocket ws, int connection) {
        switch (connection) {
            case 1 -> {
                ws.writeTextMessage(snapshot(5));
                ws.writeTextMessage(event(6, "counter.paused"));
                ws.writeTextMessage(event(8, "counter.paused"));
            }
            case 2 -> {
                ws.writeTextMessage(snapshot(8));
                ws.writeTextMessage(event(9, "config.changed"));
                ws.close();
            }
            default -> ws.writeTextMessage(snapshot(9));
        }
    }

    @Test
    void aSiteThatDoesNotLoadIsAskedForAgainUntilItDoes() throws Exception {
        FakeSource source = new FakeSource();
        source.siteFailures.set(2);
        ServerLink link = new ServerLink(
                context, source, listener, new ServerLink.Settings("test agent", Duration.ofMillis(20), null));

        context.runOnContext(v -> link.start());

        eventually(() -> sites.size() == 1);
        assertThat(source.siteCalls).hasValue(3);
    }

    @Test
    void aBurstOfEventsBecomesOneFreshSnapshot() throws Exception {
        FakeSource source = new FakeSource();
        ServerLink link =
                new ServerLink(context, source, listener, ServerLink.Settings.of("test agent", Duration.ofMillis(50)));
        context.runOnContext(v -> link.start());
        eventually(() -> source.onEvent != null);

        context.runOnContext(v -> {
            for (long seq = 1; seq <= 5; seq++) {
                source.onEvent.accept(QueueEvent.fromJson(new JsonObject(event(seq, "counter.paused"))));
            }
        });

        eventually(() -> snapshots.size() == 1);
        assertThat(events).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(source.snapshotCalls).hasValue(1);
    }

    @Test
    void afterCloseNothingMoreReachesTheAgent() throws Exception {
        FakeSource source = new FakeSource();
        source.siteFailures.set(1_000);
        ServerLink link = new ServerLink(
                context, source, listener, new ServerLink.Settings("test agent", Duration.ofMillis(10), null));
        context.runOnContext(v -> link.start());
        eventually(() -> source.siteCalls.get() >= 2);

        Promise<Integer> closed = Promise.promise();
        context.runOnContext(v -> {
            link.close();
            source.onConnection.accept(true);
            closed.complete(source.siteCalls.get());
        });
        int callsAtClose = await(closed.future());
        await(vertx.timer(100)); // several retry periods

        assertThat(source.siteCalls).hasValue(callsAtClose);
        assertThat(connection).isEmpty();
    }

    @Test
    void anAgentThatNeedsNoSiteDescriptionNeverAsksForIt() throws Exception {
        FakeSource source = new FakeSource();
        ServerLink link = new ServerLink(context, source, listener, ServerLink.Settings.eventsOnly("LED agent"));
        context.runOnContext(v -> link.start());
        eventually(() -> source.onConnection != null);

        context.runOnContext(v -> source.onConnection.accept(true));

        eventually(() -> connection.size() == 1);
        assertThat(source.siteCalls).hasValue(0);
        assertThat(sites).isEmpty();
    }

    /** A source the test drives by hand. */
    private static final class FakeSource implements ServerLink.Source {
        final AtomicInteger siteFailures = new AtomicInteger();
        final AtomicInteger siteCalls = new AtomicInteger();
        final AtomicInteger snapshotCalls = new AtomicInteger();
        volatile Consumer<QueueEvent> onEvent;
        volatile Consumer<Boolean> onConnection;

        @Override
        public Future<JsonObject> siteInfo() {
            siteCalls.incrementAndGet();
            return siteFailures.getAndDecrement() > 0
                    ? Future.failedFuture(new ConnectException("Connection refused"))
                    : Future.succeededFuture(new JsonObject().put("code", "demo"));
        }

        @Override
        public Future<QueueSnapshot> snapshot() {
            snapshotCalls.incrementAndGet();
            return Future.succeededFuture(QueueSnapshot.fromJson(new JsonObject(ServerLinkTest.snapshot(42))));
        }

        @Override
        public void follow(
                Consumer<QueueSnapshot> onSnapshot, Consumer<QueueEvent> onEvent, Consumer<Boolean> onConnection) {
            this.onEvent = onEvent;
            this.onConnection = onConnection;
        }
    }

    private static String snapshot(long seq) {
        return new JsonObject()
                .put("type", "snapshot")
                .put("seq", seq)
                .put("site", "demo")
                .put("at", "2026-11-23T01:00:00Z")
                .put("services", new JsonArray())
                .put("counters", new JsonArray())
                .put("lastCalls", new JsonArray())
                .encode();
    }

    private static String event(long seq, String type) {
        return new JsonObject()
                .put("id", "e" + seq)
                .put("seq", seq)
                .put("type", type)
                .put("at", "2026-11-23T01:00:00Z")
                .put("site", "demo")
                .put("counter", 1)
                .encode();
    }

    private static void eventually(java.util.function.BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(20), "the condition", condition);
    }
}
