package org.xephang.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's event stream against a scripted WebSocket peer: gaps make it start again from a new snapshot. */
class EventStreamIT {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
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

    private static String event(long seq) {
        return new JsonObject()
                .put("id", "e" + seq)
                .put("seq", seq)
                .put("type", "counter.paused")
                .put("at", "2026-11-23T01:00:00Z")
                .put("site", "demo")
                .put("counter", 1)
                .put("reason", "Họp")
                .encode();
    }

    @Test
    void aGapInSeqMakesTheStreamReconnectAndStartAgainFromASnapshot() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        HttpServer server = vertx.createHttpServer()
                .webSocketHandler(ws -> script(ws, connections.incrementAndGet()))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        List<Long> snapshots = new CopyOnWriteArrayList<>();
        List<Long> events = new CopyOnWriteArrayList<>();
        List<Boolean> connection = new CopyOnWriteArrayList<>();

        try (QueueClient client = QueueClient.create(vertx, "http://127.0.0.1:" + server.actualPort());
                EventStream stream = client.events("demo")
                        .onSnapshot(s -> snapshots.add(s.seq()))
                        .onEvent(e -> events.add(e.seq()))
                        .onConnectionChange(connection::add)
                        .start()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (events.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(connections.get()).isEqualTo(2);
            assertThat(snapshots).containsExactly(5L, 8L);
            assertThat(events).containsExactly(6L, 9L, 10L);
            assertThat(connection).startsWith(true, false, true);
            assertThat(stream.lastSeq()).isEqualTo(10L);
        }
    }

    /** First connection: snapshot 5, event 6, then a gap (8). Second: snapshot 8, events 9 and 10. */
    private static void script(ServerWebSocket ws, int connection) {
        if (connection == 1) {
            ws.writeTextMessage(snapshot(5));
            ws.writeTextMessage(event(6));
            ws.writeTextMessage(event(6)); // a duplicate is ignored
            ws.writeTextMessage(event(8));
            ws.writeTextMessage(event(9)); // after the gap: never delivered
        } else {
            ws.writeTextMessage(snapshot(8));
            ws.writeTextMessage(event(9));
            ws.writeTextMessage(event(10));
        }
    }
}
