package org.xephang.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueServer;
import org.xephang.core.backend.forward.ForwarderConfig;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.persistence.Outbox.DeliveryState;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.testkit.SimulatorLink;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.SampleDossier;
import org.xephang.dossiersim.SimulatedFailure;
import org.xephang.dossiersim.SimulatedFailure.Scope;
import org.xephang.testkit.Poll;

/** The dossier routes on the real server (port 0) with the real engine, in front of the simulated dossier system. */
class DossierRoutesIT {

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private DossierSimulator simulator;
    private QueueEngine engine;
    private DossierBackend dossier;
    private QueueServer server;
    private WebClient http;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = await(DossierSimulator.start(vertx, DossierSimulator.Options.defaults()));
        CentreConfig centre = CentreConfigLoader.load(DossierConfigReaderTest.centreFile());
        LookupConfig lookup = SimulatorLink.lookup(simulator, "igate", Duration.ofSeconds(4));
        ForwarderConfig forward = ForwarderConfig.webhook(
                        simulator.webhookUrl(), simulator.options().webhookSecret())
                .withTimings(
                        Duration.ofSeconds(3),
                        Duration.ofMillis(20),
                        Duration.ofMillis(50),
                        Duration.ofMillis(300),
                        Duration.ofMillis(50));
        dossier = DossierBackend.create(
                vertx,
                new DossierConfig(
                        new LookupConfig("igate", lookup.timeout(), null, 12, null, lookup.igate(), null), forward),
                Clock.systemUTC());
        engine = QueueEngine.open(centre, dataDir, Clock.systemUTC(), new EngineOptions(true, "http://q.test"));
        await(dossier.startForwarding(engine.outbox(), engine, null));
        server = await(QueueServer.start(
                vertx,
                engine,
                new QueueServer.Options()
                        .host("127.0.0.1")
                        .port(0)
                        .accounts(centre.accounts())
                        .extend(api -> dossier.mount(api.router(), api.authenticator()))));
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
    }

    @AfterEach
    void stop() throws Exception {
        await(server.close());
        await(dossier.close());
        engine.close();
        simulator.close();
        await(vertx.close());
    }

    @Test
    void aDossierIsLookedUpPubliclyWithNamesMaskedAndOverdueFlagged() throws Exception {
        SampleDossier late = simulator.samples().stream()
                .filter(s -> s.rescheduledAppointmentAt() != null)
                .findFirst()
                .orElseThrow();

        HttpResponse<Buffer> response = send(HttpMethod.GET, "/api/v1/dossiers/" + late.code(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getJsonObject("status").getInteger("code")).isEqualTo(4);
        assertThat(body.getBoolean("overdue")).isTrue();
        assertThat(body.getString("rescheduledAppointmentAt")).isNotNull();
        assertThat(body.getString("owner")).isEqualTo("Võ V*** H");
        assertThat(response.bodyAsString()).doesNotContain(late.idNumber(), late.phone());
    }

    @Test
    void aReceiptUrlInThePathIsReadForItsCode() throws Exception {
        SampleDossier sample = simulator.samples().get(2);
        String url = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?MaHoSo=" + sample.code();

        HttpResponse<Buffer> response = send(
                HttpMethod.GET,
                "/api/v1/dossiers/" + java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8),
                null);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(sample.code());
    }

    @Test
    void anUnknownDossierIs404WithTheApiErrorShape() throws Exception {
        HttpResponse<Buffer> response = send(HttpMethod.GET, "/api/v1/dossiers/H56.27-990101-0001", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("UNKNOWN_DOSSIER");
        assertThat(response.bodyAsJsonObject().getString("message")).startsWith("Không tìm thấy hồ sơ");
    }

    @Test
    void aClientLookingUpTooOftenGets429WithRetryAfter() throws Exception {
        String code = simulator.samples().get(0).code();
        HttpResponse<Buffer> last = null;
        for (int i = 0; i < 6; i++) {
            last = send(HttpMethod.GET, "/api/v1/dossiers/" + code, null);
        }

        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.getHeader("Retry-After")).matches("\\d+");
        assertThat(last.bodyAsJsonObject().getString("error")).isEqualTo("RATE_LIMITED");
        assertThat(last.bodyAsJsonObject().getString("message")).startsWith("Bạn đã tra cứu quá nhiều lần");
    }

    @Test
    void eventsThatKeepFailingAreListedDeadForSupervisorsAndCanBeRetried() throws Exception {
        simulator.script(Scope.WEBHOOK, SimulatedFailure.serverError(), 1_000_000);
        String ticketId = engine.issue("s1", new IssueCommand("A", null, null, null), new Actor("kiosk1", Role.KIOSK))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .ticket()
                .id();
        waitUntil(() -> count(DeliveryState.DEAD) == 1);

        assertThat(send(HttpMethod.GET, "/api/v1/sites/s1/outbox?state=dead", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(HttpMethod.GET, "/api/v1/sites/s1/outbox?state=dead", "officer1")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<Buffer> listed = send(HttpMethod.GET, "/api/v1/sites/s1/outbox?state=dead", "supervisor");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonArray events = listed.bodyAsJsonObject().getJsonArray("events");
        assertThat(events).hasSize(1);
        JsonObject dead = events.getJsonObject(0);
        assertThat(dead.getString("type")).isEqualTo("ticket.issued");
        assertThat(dead.getString("lastError")).isEqualTo("HTTP 500");
        assertThat(dead.getString("ticketNumber")).isEqualTo("A001");

        simulator.clearFailures();
        String eventId = dead.getString("eventId");
        HttpResponse<Buffer> retried =
                send(HttpMethod.POST, "/api/v1/sites/s1/outbox/" + eventId + "/retry", "supervisor");

        assertThat(retried.statusCode()).isEqualTo(200);
        waitUntil(() ->
                simulator.accepted().stream().anyMatch(d -> d.idempotencyKey().equals(eventId)));
        assertThat(simulator.accepted().get(0).json().getJsonObject("ticket").getString("id"))
                .isEqualTo(ticketId);
        assertThat(count(DeliveryState.DEAD)).isZero();
        assertThat(send(HttpMethod.POST, "/api/v1/sites/s1/outbox/" + eventId + "/retry", "supervisor")
                        .statusCode())
                .as("no longer dead")
                .isEqualTo(404);
    }

    @Test
    void badOutboxQueriesGetClearErrors() throws Exception {
        HttpResponse<Buffer> badState = send(HttpMethod.GET, "/api/v1/sites/s1/outbox?state=lost", "supervisor");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.bodyAsJsonObject().getString("message")).contains("dead, pending");

        HttpResponse<Buffer> badSite = send(HttpMethod.GET, "/api/v1/sites/nowhere/outbox", "supervisor");
        assertThat(badSite.statusCode()).isEqualTo(404);
        assertThat(badSite.bodyAsJsonObject().getString("error")).isEqualTo("UNKNOWN_SITE");
    }

    private long count(DeliveryState state) {
        try {
            return engine.outbox().count(state);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<Buffer> send(HttpMethod method, String path, String username) throws Exception {
        HttpRequest<Buffer> request = http.request(method, path).timeout(10_000);
        if (username != null) {
            HttpResponse<Buffer> login = await(http.post("/api/v1/auth/login")
                    .sendJsonObject(new JsonObject().put("username", username).put("password", "test")));
            assertThat(login.statusCode()).as("login " + username).isEqualTo(200);
            request.bearerTokenAuthentication(login.bodyAsJsonObject().getString("token"));
        }
        return await(request.send());
    }

    private static void waitUntil(BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(20), Duration.ofMillis(20), "the condition", condition);
    }
}
