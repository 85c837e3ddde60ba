package org.xephang.core.backend.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.xephang.api.webhook.WebhookSignature;
import org.xephang.core.QueueServerMain;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.MessagingSimulator;
import org.xephang.dossiersim.MessagingSimulator.InboundAnswer;
import org.xephang.dossiersim.SampleDossier;
import org.xephang.dossiersim.SimulatedFailure;
import org.xephang.dossiersim.SimulatedFailure.Scope;
import org.xephang.testkit.Poll;

/**
 * Dossier lookup by SMS end to end: the simulated SMS gateway posts what a citizen texted to {@code xephang server}'s
 * signed inbound webhook, the server asks the simulated dossier system and answers by SMS through the outbox, masked
 * as on the kiosk. Forged, stale and replayed requests are refused, a number asking too often gets no answer, and the
 * number never reaches a log.
 */
class InboundSmsServerIT {

    private static final String SECRET = "inbound-secret-0123456789";
    private static final String CITIZEN = "84987654321";

    @TempDir
    Path dir;

    private Vertx vertx;
    private MessagingSimulator gateway;
    private DossierSimulator dossiers;
    private QueueServerMain.Running server;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        gateway = Poll.result(MessagingSimulator.start(vertx).toCompletionStage());
        dossiers = Poll.result(DossierSimulator.start(vertx, DossierSimulator.Options.defaults())
                .toCompletionStage());
        Path configFile = dir.resolve("centre.yaml");
        Files.writeString(
                configFile,
                """
                sites:
                  - code: s1
                    name: Bộ phận Một cửa xã Thử
                    notifications: { provider: sms }
                    services:
                      - { code: A, name: Hộ tịch }
                    counters:
                      - { number: 1, services: [A] }
                notifications:
                  timeout: 2s
                  backoff: { initial: 100ms, max: 500ms }
                  sms: { url: "%s", apiKey: %s, brandname: UBND-XT, unicode: true }
                  inbound: { secret: %s }
                """.formatted(gateway.url(MessagingSimulator.SMS_PATH), MessagingSimulator.API_KEY, SECRET)
                        + dossiers.dossierYaml("generic", Duration.ofSeconds(2)));
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        server = QueueServerMain.launch(
                new QueueServerMain.Settings(configFile, 0, dir.resolve("data"), true, "127.0.0.1", null));
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (server != null) {
            server.close();
        }
        Poll.result(vertx.close().toCompletionStage());
    }

    private String inboundUrl(String site) {
        return server.server().localUrl() + "/api/v1/sites/" + site + "/sms/inbound";
    }

    private InboundAnswer text(String id, String from, String message) throws Exception {
        return Poll.result(
                gateway.deliverInbound(inboundUrl("s1"), SECRET, Instant.now().getEpochSecond(), id, from, message)
                        .toCompletionStage());
    }

    @Test
    void anSmsWithADossierCodeIsAnsweredOnceBySmsWithTheMaskedStatus() throws Exception {
        SampleDossier sample = dossiers.samples().get(0);

        InboundAnswer answer = text("gw-1", CITIZEN, "hs " + sample.code());

        assertThat(answer.status()).isEqualTo(202);
        assertThat(new JsonObject(answer.body()).getString("outcome")).isEqualTo("found");
        Poll.until(
                Poll.ANSWER,
                "gateway.delivered().size() == 1",
                () -> gateway.delivered().size() == 1);
        MessagingSimulator.Received reply = gateway.delivered().get(0);
        assertThat(reply.phone()).isEqualTo(CITIZEN);
        assertThat(reply.key()).isEqualTo("sms-in:s1:gw-1");
        assertThat(reply.textOrTemplate()).startsWith("Hồ sơ " + sample.code());
        assertThat(reply.textOrTemplate()).doesNotContain(sample.ownerName());

        // The same number again at once: no answer (one lookup per 20 s).
        assertThat(text("gw-1b", CITIZEN, "hs " + sample.code()).status()).isEqualTo(429);
        // The gateway delivers the same message id again, signed anew: it is not answered twice.
        InboundAnswer again = text("gw-1", "0912000010", "hs " + sample.code());
        assertThat(again.status()).isEqualTo(202);
        assertThat(new JsonObject(again.body()).getString("reply")).isEqualTo("already-queued");
        assertThat(gateway.delivered()).hasSize(1);

        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("987654321"));
    }

    @Test
    void unknownCodesAndTextsWithoutACodeGetAPoliteVietnameseAnswer() throws Exception {
        assertThat(text("gw-2", "0912000001", "HS H99.99-991231-9999").status()).isEqualTo(202);
        assertThat(text("gw-3", "0912000002", "xin chào").status()).isEqualTo(202);
        Poll.until(
                Poll.ANSWER,
                "gateway.delivered().size() == 2",
                () -> gateway.delivered().size() == 2);
        assertThat(gateway.delivered())
                .extracting(MessagingSimulator.Received::textOrTemplate)
                .containsExactlyInAnyOrder(
                        "Không tìm thấy hồ sơ H99.99-991231-9999. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.",
                        "Để tra cứu hồ sơ, nhắn: HS <mã hồ sơ>, ví dụ HS H21.65-261122-0001.");
    }

    @Test
    void aDossierSystemThatTimesOutOrSays429GetsTheCitizenATryAgainLaterAnswer() throws Exception {
        SampleDossier sample = dossiers.samples().get(1);
        dossiers.script(Scope.LOOKUP, SimulatedFailure.rateLimited(Duration.ofSeconds(30)), 1);
        assertThat(text("gw-4", "0912000003", sample.code()).status()).isEqualTo(202);
        dossiers.script(Scope.LOOKUP, SimulatedFailure.timeout(), 1);
        assertThat(text("gw-5", "0912000004", sample.code() + " ").status()).isEqualTo(202);
        Poll.until(
                Poll.ANSWER,
                "gateway.delivered().size() == 2",
                () -> gateway.delivered().size() == 2);
        assertThat(gateway.delivered())
                .extracting(MessagingSimulator.Received::textOrTemplate)
                .containsOnly("Hệ thống hồ sơ tạm thời không trả lời. Vui lòng nhắn lại sau ít phút.");
    }

    @Test
    void forgedStaleAndReplayedRequestsAreRefusedAndAnswerNothing() throws Exception {
        byte[] body = new JsonObject()
                .put("id", "gw-9")
                .put("from", CITIZEN)
                .put("text", "HS X")
                .encode()
                .getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        InboundAnswer forged = Poll.result(gateway.deliverSigned(
                        inboundUrl("s1"), body, now, new WebhookSignature("some-other-secret-000").sign(now, body))
                .toCompletionStage());
        assertThat(forged.status()).isEqualTo(401);
        assertThat(new JsonObject(forged.body()).getString("error")).isEqualTo("UNAUTHENTICATED");

        long stale = now - 600;
        InboundAnswer old = Poll.result(
                gateway.deliverSigned(inboundUrl("s1"), body, stale, new WebhookSignature(SECRET).sign(stale, body))
                        .toCompletionStage());
        assertThat(old.status()).isEqualTo(401);

        String signature = new WebhookSignature(SECRET).sign(now, body);
        assertThat(Poll.result(gateway.deliverSigned(inboundUrl("s1"), body, now, signature)
                                .toCompletionStage())
                        .status())
                .isEqualTo(202);
        InboundAnswer replayed = Poll.result(
                gateway.deliverSigned(inboundUrl("s1"), body, now, signature).toCompletionStage());
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(new JsonObject(replayed.body()).getString("message")).contains("đã được nhận");

        InboundAnswer unknownSite = Poll.result(gateway.deliverInbound(
                        inboundUrl("nowhere"), SECRET, Instant.now().getEpochSecond(), "gw-11", "0912000009", "HS X")
                .toCompletionStage());
        assertThat(unknownSite.status()).isEqualTo(404);

        InboundAnswer landline = text("gw-12", "02838123456", "HS X");
        assertThat(landline.status()).isEqualTo(400);
        assertThat(landline.body()).doesNotContain("02838123456");

        Poll.until(
                Poll.ANSWER,
                "gateway.delivered().size() == 1",
                () -> gateway.delivered().size() == 1);
        assertThat(gateway.delivered()).hasSize(1);
    }

    @Test
    void oneNumberAskingTooOftenIsAnsweredOnceThenRefusedWithRetryAfter() throws Exception {
        SampleDossier sample = dossiers.samples().get(0);
        assertThat(text("gw-20", "0912000005", sample.code()).status()).isEqualTo(202);
        InboundAnswer second = text("gw-21", "0912000005", sample.code());
        assertThat(second.status()).isEqualTo(429);
        assertThat(new JsonObject(second.body()).getString("error")).isEqualTo("RATE_LIMITED");
        assertThat(text("gw-22", "0912000006", sample.code()).status()).isEqualTo(202); // another number
        Poll.until(
                Poll.ANSWER,
                "gateway.delivered().size() == 2",
                () -> gateway.delivered().size() == 2);
    }
}
