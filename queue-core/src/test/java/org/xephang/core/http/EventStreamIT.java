package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;

/** The event stream: snapshot first, then seq + 1 each time; slow readers are dropped, others keep up. */
class EventStreamIT {

    @Test
    void aWebSocketGetsTheSnapshotFirstThenEveryEventWithSeqIncreasingByOne(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir)) {
            api.issue("A");
            List<JsonObject> messages = new CopyOnWriteArrayList<>();
            WebSocketClient sockets = api.vertx.createWebSocketClient(); // kept: Vert.x closes unreachable clients
            WebSocket ws = TestApi.await(sockets.webSocket()
                    .textMessageHandler(text -> messages.add(new JsonObject(text)))
                    .connect(new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(api.port())
                            .setURI("/api/v1/sites/demo/events")
                            .addHeader("Origin", "http://board-tv.local:7000")));
            eventually(Duration.ofSeconds(30), () -> !messages.isEmpty());

            for (int i = 0; i < 5; i++) {
                api.issue(i % 2 == 0 ? "A" : "B");
            }
            api.signIn(1);

            eventually(Duration.ofSeconds(30), () -> messages.size() >= 7);
            assertSnapshotThenConsecutiveEvents(messages, 7);
            assertThat(messages.get(0).getJsonArray("services")).isNotEmpty();
            assertThat(messages.get(1).getString("type")).isEqualTo("ticket.issued");
            assertThat(messages.get(6).getString("type")).isEqualTo("counter.signed-in");
            ws.close();
            sockets.close();
        }
    }

    @Test
    void serverSentEventsCarryTheSameSnapshotAndEvents(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir)) {
            HttpClient client = api.vertx.createHttpClient();
            StringBuilder received = new StringBuilder();
            HttpClientResponse response = TestApi.await(client.request(new RequestOptions()
                            .setMethod(HttpMethod.GET)
                            .setHost("127.0.0.1")
                            .setPort(api.port())
                            .setURI("/api/v1/sites/demo/events")
                            .addHeader("Accept", "text/event-stream"))
                    .compose(request -> {
                        // The body handler is set as the head arrives, before the first chunk (the snapshot) can.
                        request.response()
                                .onSuccess(answer -> answer.handler(chunk -> {
                                    synchronized (received) {
                                        received.append(chunk.toString(StandardCharsets.UTF_8));
                                    }
                                }));
                        return request.send();
                    }));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");

            api.issue("A");
            api.issue("B");

            eventually(Duration.ofSeconds(30), () -> dataLines(received).size() >= 3);
            List<JsonObject> messages =
                    dataLines(received).stream().map(JsonObject::new).toList();
            assertSnapshotThenConsecutiveEvents(messages, 3);
            client.close();
        }
    }

    @Test
    void aReaderThatStopsReadingIsDroppedWhileAnotherKeepsUp(@TempDir Path dataDir) throws IOException {
        StreamLimits tight = new StreamLimits(256, 32 * 1024, Duration.ofSeconds(20));
        try (TestApi api = TestApi.start(dataDir, tight, new HttpServerOptions().setSendBufferSize(8 * 1024));
                Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4 * 1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", api.port()));
            upgradeAndStopReading(stalled);
            List<JsonObject> fast = new CopyOnWriteArrayList<>();
            WebSocketClient sockets = api.vertx.createWebSocketClient(); // kept: Vert.x closes unreachable clients
            WebSocket ws = TestApi.await(sockets.webSocket()
                    .textMessageHandler(text -> fast.add(new JsonObject(text)))
                    .connect(api.port(), "127.0.0.1", "/api/v1/sites/demo/events"));
            eventually(Duration.ofSeconds(30), () -> !fast.isEmpty());

            // In batches of 10, so the reader that keeps up never has more than a few events in flight.
            int tickets = 300;
            String token = api.token("kiosk1");
            for (int batch = 0; batch < tickets / 10; batch++) {
                List<io.vertx.core.Future<?>> issues = new java.util.ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    issues.add(api.http
                            .post("/api/v1/sites/demo/tickets")
                            .putHeader("Authorization", "Bearer " + token)
                            .sendJsonObject(new JsonObject().put("service", i % 2 == 0 ? "A" : "B")));
                }
                issues.forEach(TestApi::await);
            }

            try {
                eventually(Duration.ofSeconds(30), () -> fast.size() >= tickets + 1);
            } catch (AssertionError e) {
                throw new AssertionError(
                        "fast reader got " + fast.size() + ", engine at seq "
                                + api.engine.snapshot(TestApi.SITE).seq() + ", metrics "
                                + api.send(HttpMethod.GET, "/metrics", null, null)
                                        .bodyAsString()
                                        .lines()
                                        .filter(l -> l.startsWith("xephang_stream"))
                                        .toList(),
                        e);
            }
            assertSnapshotThenConsecutiveEvents(fast, tickets + 1);
            eventually(Duration.ofSeconds(30), () -> droppedCount(api) >= 1.0);
            ws.close();
            sockets.close();
        }
    }

    @Test
    void aReaderThatKeepsUpGetsAWholeBurstOfEventsFromOneDrainWithoutBeingDropped(@TempDir Path dataDir)
            throws Exception {
        // The burst (200 events, ~100 KB) is far more than the socket may hold unsent (8 KiB): the fan-out writes a
        // drain's events to a socket without flushing, so it must let the socket take them before calling it slow.
        StreamLimits tight = new StreamLimits(1024, 8 * 1024, Duration.ofSeconds(20));
        Vertx clientVertx = Vertx.vertx();
        try (TestApi api = TestApi.start(dataDir, tight)) {
            List<JsonObject> messages = new CopyOnWriteArrayList<>();
            WebSocketClient sockets = clientVertx.createWebSocketClient();
            TestApi.await(sockets.webSocket()
                    .textMessageHandler(text -> messages.add(new JsonObject(text)))
                    .connect(api.port(), "127.0.0.1", "/api/v1/sites/demo/events"));
            eventually(Duration.ofSeconds(30), () -> !messages.isEmpty());

            int tickets = 200;
            CountDownLatch loopsHeld = new CountDownLatch(1);
            for (EventExecutor loop : ((VertxInternal) api.vertx).eventLoopGroup()) {
                loop.execute(() -> {
                    try {
                        loopsHeld.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            List<CompletableFuture<?>> issued = new ArrayList<>();
            try {
                for (int i = 0; i < tickets; i++) {
                    issued.add(api.engine
                            .issue(
                                    TestApi.SITE,
                                    new IssueCommand(i % 2 == 0 ? "A" : "B", null, null, null),
                                    new Actor("kiosk1", Role.KIOSK))
                            .toCompletableFuture());
                }
                CompletableFuture.allOf(issued.toArray(CompletableFuture[]::new))
                        .get(30, TimeUnit.SECONDS);
            } finally {
                loopsHeld.countDown();
            }

            eventually(Duration.ofSeconds(30), () -> messages.size() >= tickets + 1 || droppedCount(api) > 0);
            assertThat(droppedCount(api)).as("readers dropped").isZero();
            assertSnapshotThenConsecutiveEvents(messages, tickets + 1);
            TestApi.await(sockets.close());
        } finally {
            TestApi.await(clientVertx.close());
        }
    }

    private static void upgradeAndStopReading(Socket socket) throws IOException {
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/sites/demo/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("handshake answer").isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
    }

    private static double droppedCount(TestApi api) {
        String metrics = api.send(HttpMethod.GET, "/metrics", null, null).bodyAsString();
        return metrics.lines()
                .filter(line -> line.startsWith("xephang_stream_dropped_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static List<String> dataLines(StringBuilder received) {
        synchronized (received) {
            return received.toString()
                    .lines()
                    .filter(line -> line.startsWith("data: "))
                    .map(line -> line.substring("data: ".length()))
                    .toList();
        }
    }

    private static void assertSnapshotThenConsecutiveEvents(List<JsonObject> messages, int expected) {
        assertThat(messages).hasSize(expected);
        JsonObject snapshot = messages.get(0);
        assertThat(snapshot.getString("type")).isEqualTo("snapshot");
        long seq = snapshot.getLong("seq");
        for (JsonObject event : messages.subList(1, messages.size())) {
            assertThat(event.getString("type")).isNotEqualTo("snapshot");
            assertThat(event.getLong("seq")).isEqualTo(++seq);
        }
    }
}
