package org.xephang.core.backend.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServerMain;
import org.xephang.dossiersim.MessagingSimulator;
import org.xephang.testkit.Poll;

/**
 * {@code xephang server} with two sites sending messages, one by SMS and one by Zalo without booking templates: a
 * booking's phone gets "đã đặt lịch" once by SMS, and "đã đổi lịch" once per move; the Zalo site's booking message is
 * given up at once and listed for the supervisor (its account has no template for it).
 */
class BookingMessagesServerIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String HASH = "$2a$04$f7KMXmk8FJzQwUWUupsip.GDqYudSa7uV64IoQc6IUlWLerCX.6C6";

    @TempDir
    Path dir;

    private Vertx vertx;
    private MessagingSimulator simulator;
    private WebClient http;
    private QueueServerMain.Running server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = Poll.result(MessagingSimulator.start(vertx).toCompletionStage());
        http = WebClient.create(vertx);
        Path configFile = dir.resolve("centre.yaml");
        Files.writeString(configFile, """
                sites:
                  - code: s1
                    name: Bộ phận Một cửa xã Thử
                    notifications: { provider: sms }
                    openingHours: { weekdays: ["07:30-11:30", "13:30-17:00"] }
                    services:
                      - { code: A, name: Hộ tịch }
                    counters:
                      - { number: 1, services: [A] }
                  - code: s2
                    name: Bộ phận Một cửa phường Hai
                    notifications: { provider: zalo }
                    openingHours: { weekdays: ["07:30-11:30", "13:30-17:00"] }
                    services:
                      - { code: A, name: Đất đai }
                    counters:
                      - { number: 1, services: [A] }
                accounts:
                  - { username: sup1, role: supervisor, sites: [s1], passwordHash: "%s" }
                  - { username: sup2, role: supervisor, sites: [s2], passwordHash: "%s" }
                notifications:
                  timeout: 2s
                  backoff: { initial: 100ms, max: 500ms }
                  sms: { url: "%s", apiKey: %s, brandname: UBND-XT, unicode: true }
                  zalo:
                    url: "%s"
                    accessToken: %s
                    templates: { near-turn: "231456", called: "231457" }
                """.formatted(
                        HASH,
                        HASH,
                        simulator.url(MessagingSimulator.SMS_PATH),
                        MessagingSimulator.API_KEY,
                        simulator.url(MessagingSimulator.ZNS_PATH),
                        MessagingSimulator.ACCESS_TOKEN));
        server = QueueServerMain.launch(
                new QueueServerMain.Settings(configFile, 0, dir.resolve("data"), true, "127.0.0.1", null));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        Poll.result(vertx.close().toCompletionStage());
    }

    private String url(String path) {
        return server.server().localUrl() + path;
    }

    /** The first open day after today with free places, and its 09:00. */
    private LocalDate openDay(String site) throws Exception {
        return Poll.result(http.getAbs(url("/api/v1/sites/" + site + "/appointments/days?service=A"))
                        .send()
                        .toCompletionStage())
                .bodyAsJsonObject()
                .getJsonArray("days")
                .stream()
                .map(JsonObject.class::cast)
                .filter(d -> d.getInteger("free") > 0 && d.getValue("closed") == null)
                .map(d -> LocalDate.parse(d.getString("date")))
                .filter(d -> d.isAfter(LocalDate.now(VIETNAM)))
                .findFirst()
                .orElseThrow();
    }

    private String book(String site, LocalDate day, String time) throws Exception {
        HttpResponse<Buffer> booked = Poll.result(http.postAbs(url("/api/v1/sites/" + site + "/appointments"))
                .sendJsonObject(new JsonObject()
                        .put("service", "A")
                        .put("start", day + "T" + time + ":00+07:00")
                        .put("name", "Nguyễn Văn An")
                        .put("phone", "0912345678"))
                .toCompletionStage());
        assertThat(booked.statusCode()).as(booked.bodyAsString()).isEqualTo(201);
        return booked.bodyAsJsonObject().getString("code");
    }

    private String token(String username) throws Exception {
        return Poll.result(http.postAbs(url("/api/v1/auth/login"))
                        .sendJsonObject(
                                new JsonObject().put("username", username).put("password", "test"))
                        .toCompletionStage())
                .bodyAsJsonObject()
                .getString("token");
    }

    @Test
    void aBookingsPhoneGetsOneConfirmationAndOneMessagePerMoveBySms() throws Exception {
        LocalDate day = openDay("s1");
        String code = book("s1", day, "09:00");

        Poll.until(
                Poll.ANSWER,
                "simulator.delivered().size() == 1",
                () -> simulator.delivered().size() == 1);
        MessagingSimulator.Received confirmation = simulator.delivered().get(0);
        assertThat(confirmation.key()).isEqualTo(code + ":booked");
        assertThat(confirmation.phone()).isEqualTo("84912345678");
        assertThat(confirmation.textOrTemplate())
                .startsWith("Đã đặt lịch Hộ tịch tại Bộ phận Một cửa xã Thử lúc 09:00 ngày")
                .contains("Mã lịch hẹn: " + code)
                .doesNotContain("Nguyễn");

        HttpResponse<Buffer> moved = Poll.result(http.patchAbs(url("/api/v1/appointments/" + code))
                .sendJsonObject(new JsonObject().put("start", day + "T10:00:00+07:00"))
                .toCompletionStage());
        assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);

        Poll.until(
                Poll.ANSWER,
                "simulator.delivered().size() == 2",
                () -> simulator.delivered().size() == 2);
        assertThat(simulator.delivered().get(1).textOrTemplate())
                .startsWith("Lịch hẹn " + code + " (Hộ tịch) tại Bộ phận Một cửa xã Thử đã đổi sang 10:00 ngày");
        assertThat(simulator.received()).hasSize(2);
    }

    @Test
    void aZaloSiteWithoutABookingTemplateListsTheMessageAsGivenUpForItsSupervisor() throws Exception {
        String code = book("s2", openDay("s2"), "09:00");
        String token = token("sup2");

        Poll.until(Poll.ANSWER, "the dead notification listed", () -> {
            try {
                return !Poll.result(http.getAbs(url("/api/v1/sites/s2/notifications?state=dead"))
                                .bearerTokenAuthentication(token)
                                .send()
                                .toCompletionStage())
                        .bodyAsJsonObject()
                        .getJsonArray("notifications")
                        .isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonObject dead = Poll.result(http.getAbs(url("/api/v1/sites/s2/notifications?state=dead"))
                        .bearerTokenAuthentication(token)
                        .send()
                        .toCompletionStage())
                .bodyAsJsonObject()
                .getJsonArray("notifications")
                .getJsonObject(0);
        assertThat(dead.getString("id")).isEqualTo(code + ":booked");
        assertThat(dead.getString("lastError")).isEqualTo("provider 'zalo' has no template for booked");
        assertThat(dead.encode()).doesNotContain("912345678");
        assertThat(simulator.received()).isEmpty();
    }
}
