package org.xephang.core.backend.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueServerMain;
import org.xephang.dossiersim.MessagingSimulator;
import org.xephang.dossiersim.MessagingSimulator.Failure;
import org.xephang.testkit.Poll;

/**
 * {@code xephang server} with a site that sends messages through the simulated SMS gateway: a citizen leaves a number
 * for a ticket over the public API and gets exactly one "sắp đến lượt" and one "mời đến quầy", through a provider
 * outage and a server restart in the middle of it.
 */
class NotificationsServerIT {

    private static final String SITE = "s1";
    private static final Actor KIOSK = new Actor("kiosk1", Role.KIOSK);
    private static final Actor OFFICER = new Actor("officer1", Role.OFFICER);

    @TempDir
    Path dir;

    private Vertx vertx;
    private MessagingSimulator simulator;
    private WebClient http;
    private Path configFile;
    private QueueServerMain.Running server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = Poll.result(MessagingSimulator.start(vertx).toCompletionStage());
        http = WebClient.create(vertx);
        configFile = dir.resolve("centre.yaml");
        Files.writeString(
                configFile, """
                sites:
                  - code: s1
                    name: Bộ phận Một cửa xã Thử
                    notifications: { provider: sms, nearPosition: 2, nearMinutes: 0 }
                    services:
                      - { code: A, name: Hộ tịch }
                    counters:
                      - { number: 1, services: [A] }
                accounts:
                  - { username: officer1, role: officer, counter: 1, passwordHash: "$2a$04$f7KMXmk8FJzQwUWUupsip.GDqYudSa7uV64IoQc6IUlWLerCX.6C6" }
                notifications:
                  timeout: 2s
                  backoff: { initial: 100ms, max: 500ms }
                  sms: { url: "%s", apiKey: %s, brandname: UBND-XT }
                """.formatted(simulator.url(MessagingSimulator.SMS_PATH), MessagingSimulator.API_KEY));
        server = launch();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        Poll.result(vertx.close().toCompletionStage());
    }

    private QueueServerMain.Running launch() throws Exception {
        return QueueServerMain.launch(
                new QueueServerMain.Settings(configFile, 0, dir.resolve("data"), true, "127.0.0.1", null));
    }

    private Ticket issue() {
        return server.engine()
                .issue(SITE, new IssueCommand("A", null, null, null), KIOSK)
                .toCompletableFuture()
                .join()
                .ticket();
    }

    private Ticket callNext() {
        return server.engine()
                .callNext(SITE, 1, OFFICER)
                .toCompletableFuture()
                .join()
                .orElseThrow();
    }

    private void complete(Ticket ticket) {
        server.engine().complete(ticket.id(), OFFICER).toCompletableFuture().join();
    }

    private HttpResponse<Buffer> subscribe(String ticketId, JsonObject body) throws Exception {
        return Poll.result(http.postAbs(server.server().localUrl() + "/api/v1/tickets/" + ticketId + "/notify")
                .sendJsonObject(body)
                .toCompletionStage());
    }

    @Test
    void aTicketWithANumberGetsOneNearTurnAndOneCalledThroughAnOutageAndARestart() throws Exception {
        server.engine().signIn(SITE, 1, OFFICER).toCompletableFuture().join();
        Ticket first = issue();
        Ticket second = issue();
        Ticket mine = issue(); // position 3: not near yet

        HttpResponse<Buffer> subscribed = subscribe(
                mine.id(), new JsonObject().put("phone", "+84 912 345 678").put("consent", true));
        assertThat(subscribed.statusCode()).isEqualTo(201);
        assertThat(subscribed.bodyAsJsonObject().getString("phone")).isEqualTo("*******678");

        simulator.fail(Failure.SERVER_ERROR, 1_000); // the gateway is down
        complete(callNext()); // mine is at position 2: "sắp đến lượt" is due
        assertThat(first.id()).isNotNull();
        Poll.until(Poll.ANSWER, "simulator.attempts() >= 2", () -> simulator.attempts() >= 2);
        assertThat(simulator.delivered()).isEmpty();

        server.close(); // a restart in the middle of the outage
        server = null;
        simulator.clearScript(); // the gateway is back
        server = launch();

        Poll.until(
                Poll.ANSWER,
                "simulator.delivered().size() == 1",
                () -> simulator.delivered().size() == 1);
        assertThat(simulator.delivered().get(0).key()).isEqualTo(mine.id() + ":near-turn");
        assertThat(simulator.delivered().get(0).phone()).isEqualTo("84912345678");

        assertThat(callNext().id()).isEqualTo(second.id());
        complete(second);
        assertThat(callNext().id()).isEqualTo(mine.id());
        server.engine().recall(mine.id(), OFFICER).toCompletableFuture().join();

        Poll.until(
                Poll.ANSWER,
                "simulator.delivered().size() == 2",
                () -> simulator.delivered().size() == 2);
        assertThat(simulator.delivered())
                .extracting(MessagingSimulator.Received::key)
                .containsExactly(mine.id() + ":near-turn", mine.id() + ":called");
        assertThat(simulator.delivered().get(1).textOrTemplate())
                .isEqualTo("Moi so " + mine.number() + " den quay 1 tai Bo phan Mot cua xa Thu.");
        assertThat(simulator.received()).hasSize(2); // nothing sent twice
        String metrics = Poll.result(http.getAbs(server.server().localUrl() + "/metrics")
                        .send()
                        .toCompletionStage())
                .bodyAsString();
        assertThat(metrics).contains("xephang_notifications_sent_total{provider=\"sms\"} 2.0");
    }

    @Test
    void badNumbersMissingConsentAndUnknownTicketsAreRefusedInVietnamese() throws Exception {
        Ticket ticket = issue();
        HttpResponse<Buffer> noConsent = subscribe(ticket.id(), new JsonObject().put("phone", "0912345678"));
        assertThat(noConsent.statusCode()).isEqualTo(400);
        assertThat(noConsent.bodyAsJsonObject().getString("message")).startsWith("Cần đồng ý nhận tin nhắn");

        HttpResponse<Buffer> landline = subscribe(
                ticket.id(), new JsonObject().put("phone", "02838123456").put("consent", true));
        assertThat(landline.statusCode()).isEqualTo(400);
        assertThat(landline.bodyAsJsonObject().getString("error")).isEqualTo("INVALID_REQUEST");
        assertThat(landline.bodyAsString()).doesNotContain("02838123456");

        HttpResponse<Buffer> unknown = subscribe(
                "no-such-ticket", new JsonObject().put("phone", "0912345678").put("consent", true));
        assertThat(unknown.statusCode()).isEqualTo(404);

        HttpResponse<Buffer> notJson =
                Poll.result(http.postAbs(server.server().localUrl() + "/api/v1/tickets/" + ticket.id() + "/notify")
                        .sendBuffer(Buffer.buffer("phone=0912345678"))
                        .toCompletionStage());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.bodyAsJsonObject().getString("error")).isEqualTo("INVALID_JSON");

        HttpResponse<Buffer> fifth = subscribe(
                ticket.id(), new JsonObject().put("phone", "0912345678").put("consent", true));
        assertThat(fifth.statusCode()).isEqualTo(429); // a burst of four per client address
        assertThat(fifth.getHeader("Retry-After")).isNotBlank();
    }
}
