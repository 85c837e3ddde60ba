package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueService;
import org.xephang.core.clock.ClockWatch;

/** {@code /health} as before, {@code /health/live} and {@code /health/ready} with the failing check named. */
@Timeout(60)
class HealthIT {

    @Test
    void aRunningServerIsLiveAndReadyAndHealthAnswersAsBefore(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir)) {
            HttpResponse<Buffer> health = api.send(HttpMethod.GET, "/health", null, null);
            HttpResponse<Buffer> live = api.send(HttpMethod.GET, "/health/live", null, null);
            HttpResponse<Buffer> ready = api.send(HttpMethod.GET, "/health/ready", null, null);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("UP");
            assertThat(health.bodyAsJsonObject().getJsonArray("sites")).containsExactly("demo");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonObject checks = ready.bodyAsJsonObject().getJsonObject("checks");
            assertThat(checks.getJsonObject("writer").getString("status")).isEqualTo("UP");
            assertThat(checks.getJsonObject("store").getString("status")).isEqualTo("UP");
            assertThat(checks.getJsonObject("forwarder").getString("status")).isEqualTo("UP");
        }
    }

    @Test
    void aWriterThatDoesNotAnswerMakesTheServerNotReadyNamingTheWriter() {
        HttpResponse<Buffer> ready = ready(new CompletableFuture<>(), new SimpleMeterRegistry());

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.getHeader("Retry-After")).isEqualTo("5");
        assertThat(ready.bodyAsJsonObject().getJsonArray("failing")).containsExactly("writer");
        assertThat(ready.bodyAsJsonObject().getString("message")).contains("writer");
    }

    @Test
    void aFailingStoreMakesTheServerNotReadyNamingTheStoreButNotTheDriversText() {
        // /health/ready answers anyone: the driver's message (hosts, database, user) stays in the server's log.
        SQLException driver = new SQLException(
                "FATAL: password authentication failed for user \"xephang\" (db.tinh.internal:5432/xephang)", "28P01");
        HttpResponse<Buffer> ready = ready(CompletableFuture.failedFuture(driver), new SimpleMeterRegistry());

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.bodyAsJsonObject().getJsonArray("failing")).containsExactly("store");
        assertThat(ready.bodyAsJsonObject()
                        .getJsonObject("checks")
                        .getJsonObject("store")
                        .getString("detail"))
                .contains("nhật ký")
                .doesNotContain("xephang")
                .doesNotContain("db.tinh.internal");
    }

    @Test
    void deadLettersAboveTheLimitMakeTheServerNotReadyNamingTheForwarder() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong backlog = new AtomicLong(3);
        AtomicLong dead = new AtomicLong(101);
        Gauge.builder("xephang.outbox.backlog", backlog, AtomicLong::get).register(registry);
        Gauge.builder("xephang.outbox.dead", dead, AtomicLong::get).register(registry);

        HttpResponse<Buffer> ready = ready(CompletableFuture.completedFuture(null), registry);

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.bodyAsJsonObject().getJsonArray("failing")).containsExactly("forwarder");
        JsonObject forwarder = ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("forwarder");
        assertThat(forwarder.getLong("dead")).isEqualTo(101);
        assertThat(forwarder.getLong("backlog")).isEqualTo(3);
    }

    private static HttpResponse<Buffer> ready(CompletionStage<Void> probe, SimpleMeterRegistry registry) {
        QueueService queue = (QueueService) Proxy.newProxyInstance(
                QueueService.class.getClassLoader(), new Class<?>[] {QueueService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("probe")) {
                        return probe;
                    }
                    if (method.getName().equals("siteCodes")) {
                        return List.of("demo");
                    }
                    if (method.isDefault()) { // ownsItsSites() and the other defaults answer as a single server
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ClockWatch clocks = new ClockWatch(Clock.systemUTC(), System::nanoTime, Map.of(), ZoneId.of("UTC"), null);
        HealthRoutes health =
                new HealthRoutes(queue, registry, clocks, new HealthRoutes.Limits(Duration.ofMillis(300), 10_000, 100));
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.get("/health/ready").handler(health::ready);
            HttpServer server =
                    await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
            WebClient client = WebClient.create(vertx);
            return await(client.get(server.actualPort(), "127.0.0.1", "/health/ready")
                    .timeout(10_000)
                    .send());
        } finally {
            await(vertx.close());
        }
    }
}
