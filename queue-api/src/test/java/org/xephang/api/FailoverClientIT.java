package org.xephang.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.testkit.Poll;

/**
 * The typed client over a list of servers, against real HTTP servers on loopback that play a cluster's nodes: a dead
 * port, a standby answering 503, a node that dies with the request, a node that serves.
 */
@Timeout(60)
class FailoverClientIT {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A node that records each request's Idempotency-Key and answers with {@code answer}. */
    private final class Node {
        final List<String> keys = new CopyOnWriteArrayList<>();
        final AtomicInteger requests = new AtomicInteger();
        final HttpServer server;
        volatile java.util.function.Consumer<HttpServerRequest> answer;

        Node(java.util.function.Consumer<HttpServerRequest> answer) throws Exception {
            this.answer = answer;
            this.server = vertx.createHttpServer()
                    .requestHandler(request -> {
                        requests.incrementAndGet();
                        keys.add(String.valueOf(request.getHeader("Idempotency-Key")));
                        this.answer.accept(request);
                    })
                    .webSocketHandler(ws -> {
                        ws.writeTextMessage(snapshot(url(), 7));
                    })
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }

        String url() {
            return "http://127.0.0.1:" + server.actualPort();
        }

        void stop() throws Exception {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void serves(HttpServerRequest request) {
        request.response()
                .setStatusCode(201)
                .putHeader("Content-Type", "application/json")
                .end(ticket().encode());
    }

    private static void standby(HttpServerRequest request) {
        request.response()
                .setStatusCode(503)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("error", "UNAVAILABLE")
                        .put("message", "Máy chủ đang khởi động; hãy thử lại sau giây lát.")
                        .encode());
    }

    private static JsonObject ticket() {
        return new JsonObject()
                .put("id", "t-1")
                .put("site", "demo")
                .put("number", "A0001")
                .put("service", "A")
                .put("state", "WAITING")
                .put("issuedAt", "2026-12-07T01:00:00Z");
    }

    private static String snapshot(String server, long seq) {
        return new JsonObject()
                .put("type", "snapshot")
                .put("seq", seq)
                .put("site", "demo")
                .put("at", "2026-12-07T01:00:00Z")
                .put("services", new JsonArray())
                .put("counters", new JsonArray())
                .put("lastCalls", new JsonArray())
                .encode();
    }

    private static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return org.xephang.testkit.Await.await(future, java.time.Duration.ofSeconds(40));
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        Poll.until(Duration.ofSeconds(20), Duration.ofMillis(20), what, condition);
    }

    @Test
    void aClientMovesPastADeadNodeAndStaysOnTheOneThatServes() throws Exception {
        Node live = new Node(FailoverClientIT::serves);
        try (QueueClient client = QueueClient.create(vertx, deadUrl() + "," + live.url())) {
            Ticket ticket = await(client.issue("demo", "A", null, "kiosk", "kiosk1:tap-1"));

            assertThat(ticket.number()).isEqualTo("A0001");
            assertThat(client.baseUrl()).isEqualTo(live.url());
            await(client.issue("demo", "A", null, "kiosk", "kiosk1:tap-2"));
            assertThat(live.keys).containsExactly("kiosk1:tap-1", "kiosk1:tap-2");
        }
    }

    @Test
    void aKioskTapDuringATakeoverGoesRoundTheStandbysWithItsKeyUntilANodeServesIt() throws Exception {
        AtomicInteger refusals = new AtomicInteger();
        Node standbyA = new Node(FailoverClientIT::standby);
        Node takingOver = new Node(request -> {
            if (refusals.incrementAndGet() <= 3) {
                standby(request); // still taking the site over
            } else {
                serves(request);
            }
        });
        try (QueueClient client =
                QueueClient.create(vertx, deadUrl() + "," + standbyA.url() + "," + takingOver.url())) {
            QueueClient.Issued issued = await(client.issueDetailed("demo", "A", null, "kiosk", "kiosk1:tap-9"));

            assertThat(issued.ticket().number()).isEqualTo("A0001");
            assertThat(takingOver.keys).hasSize(4).containsOnly("kiosk1:tap-9");
            assertThat(standbyA.keys).hasSizeGreaterThanOrEqualTo(3).containsOnly("kiosk1:tap-9");
        }
    }

    @Test
    void aCommandWithoutKeyWhoseAnswerWasLostIsNotRepeatedButTheClientMovesOn() throws Exception {
        Node dying = new Node(request -> request.connection().close()); // took the request, died before answering
        Node live = new Node(request -> request.response().setStatusCode(204).end());
        try (QueueClient client = QueueClient.create(vertx, dying.url() + "," + live.url())) {
            assertThatThrownBy(() -> await(client.callNext("demo", 1)))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(QueueClient.isLostConnection(e.getCause()))
                            .as("told as a lost connection, for the counter to read its state back")
                            .isTrue());
            assertThat(dying.requests.get()).isEqualTo(1);
            assertThat(live.requests.get()).as("not repeated elsewhere").isZero();

            assertThat(await(client.callNext("demo", 1))).isEmpty();
            assertThat(live.requests.get())
                    .as("the next request goes to the next node")
                    .isEqualTo(1);
        }
    }

    @Test
    void aCommandWithoutKeyAnswered503IsNotRepeatedElsewhereAsAForwardingNodeMayHaveLostTheOwnersAnswer()
            throws Exception {
        Node forwarding = new Node(FailoverClientIT::standby);
        Node live = new Node(request -> request.response().setStatusCode(204).end());
        try (QueueClient client = QueueClient.create(vertx, forwarding.url() + "," + live.url())) {
            assertThatThrownBy(() -> await(client.callNext("demo", 1)))
                    .cause()
                    .isInstanceOfSatisfying(
                            QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(live.requests.get()).as("not sent again").isZero();
            assertThat(client.baseUrl()).as("but the client moved on").isEqualTo(live.url());
        }
    }

    @Test
    void aCallNextRefusedBeforeAnythingRanMidTakeoverIsSentAgainUntilTheNewOwnerServesIt() throws Exception {
        // A cluster node refusing a site without an owner marks its 503 "not applied" (docs/adr/0033-…).
        java.util.function.Consumer<HttpServerRequest> notApplied = request -> request.response()
                .setStatusCode(503)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Xephang-Not-Applied", "1")
                .end(new JsonObject()
                        .put("error", "UNAVAILABLE")
                        .put(
                                "message",
                                "Điểm \"demo\" đang được chuyển sang máy chủ khác; yêu cầu chưa được thực hiện.")
                        .put("applied", false)
                        .encode());
        Node first = new Node(notApplied);
        Node second = new Node(notApplied);
        try (QueueClient client = QueueClient.create(vertx, first.url() + "," + second.url())) {
            var called = client.callNext("demo", 1);
            waitFor(() -> first.requests.get() >= 2 && second.requests.get() >= 1, "call-next tried on both, twice");
            second.answer = request -> request.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .end(ticket().put("state", "CALLED").encode());
            assertThat(await(called)).as("the new owner's answer").isPresent();
            assertThat(second.requests.get() + first.requests.get()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aRefusalThatIsTheAnswerIsNotRetriedAndWithOneServerNothingIsRetried() throws Exception {
        Node refusing = new Node(request -> request.response()
                .setStatusCode(409)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("error", "INVALID_STATE")
                        .put("message", "Vé không ở trạng thái này.")
                        .encode()));
        Node standby = new Node(FailoverClientIT::standby);
        try (QueueClient two = QueueClient.create(vertx, refusing.url() + "," + standby.url());
                QueueClient one = QueueClient.create(vertx, standby.url())) {
            assertThatThrownBy(() -> await(two.start("t-1"))).hasCauseInstanceOf(QueueError.class);
            assertThat(refusing.requests.get()).isEqualTo(1);
            assertThat(standby.requests.get()).isZero();

            assertThatThrownBy(() -> await(one.issue("demo", "A", null, "kiosk", "k")))
                    .cause()
                    .isInstanceOfSatisfying(
                            QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(standby.requests.get())
                    .as("one server: sent once, as before lists")
                    .isEqualTo(1);
        }
    }

    @Test
    void theEventStreamMovesToTheNextNodeWhenItsNodeStopsAndStartsAgainFromThatNodesSnapshot() throws Exception {
        Node first = new Node(FailoverClientIT::serves);
        Node second = new Node(FailoverClientIT::serves);
        List<Boolean> connection = new CopyOnWriteArrayList<>();
        AtomicInteger snapshots = new AtomicInteger();
        try (QueueClient client = QueueClient.create(vertx, first.url() + "," + second.url());
                EventStream stream = client.events("demo")
                        .onSnapshot(s -> snapshots.incrementAndGet())
                        .onConnectionChange(connection::add)
                        .start()) {
            waitFor(() -> snapshots.get() == 1, "the first snapshot");
            assertThat(client.baseUrl()).isEqualTo(first.url());

            first.stop();

            waitFor(() -> snapshots.get() == 2, "a snapshot from the second node");
            assertThat(connection).containsExactly(true, false, true);
            assertThat(client.baseUrl()).as("requests follow the stream").isEqualTo(second.url());
        }
    }
}
