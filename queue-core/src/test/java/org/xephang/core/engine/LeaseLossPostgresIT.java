package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueServer;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.SiteOwnership;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;
import org.xephang.testkit.MutableClock;

/**
 * A node of a cluster whose lease runs out without a committed renewal (PostgreSQL unreachable, the node paused) stops
 * owning its sites: /health/ready and every site request answer 503 UNAVAILABLE in Vietnamese. It owns them again when
 * a renewal commits before another node took them; after a takeover it never does.
 */
@Timeout(120)
class LeaseLossPostgresIT {

    /** Long enough that the real-time renewal timer does not fire during the test (it renews every ttl/3). */
    static final Duration TTL = Duration.ofMinutes(30);

    final MutableClock clock = MutableClock.at(MONDAY_MORNING);

    @TempDir
    Path dir;

    QueueEngine node(StoreLocation.Postgres database, String name) throws SQLException {
        return QueueEngine.open(
                EngineFixture.config(),
                PostgresStore.open(database),
                clock,
                new EngineOptions(false, "http://q.test"),
                SiteOwnership.forNode(name, TTL, clock));
    }

    static ErrorCode refusal(QueueEngine engine) {
        try {
            engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK)
                    .toCompletableFuture()
                    .join();
            return null;
        } catch (CompletionException e) {
            return ((QueueError) e.getCause()).code();
        }
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNodeWhoseLeaseRanOutServesNothingUntilItRenewsAndNeverAfterATakeover() throws Exception {
        StoreLocation.Postgres database = PostgresFixture.newDatabase("leaseloss");
        Vertx vertx = Vertx.vertx();
        try (QueueEngine first = node(database, "node-a")) {
            QueueServer server = QueueServer.start(
                            vertx,
                            first,
                            new QueueServer.Options()
                                    .host("127.0.0.1")
                                    .port(0)
                                    .clock(clock)
                                    .accounts(EngineFixture.config().accounts())
                                    .dataDir(dir))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            String base = server.localUrl();
            assertThat(first.ownsItsSites()).isTrue();
            assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);

            clock.advance(TTL.plusSeconds(1)); // no renewal committed for a whole lease: cut off, or paused
            assertThat(first.ownsItsSites()).isFalse();
            HttpResponse<String> refused = get(base + "/api/v1/sites/" + SITE + "/queue");
            assertThat(refused.statusCode()).isEqualTo(503);
            JsonObject error = new JsonObject(refused.body());
            assertThat(error.getString("error")).isEqualTo("UNAVAILABLE");
            assertThat(error.getString("message")).startsWith("Máy chủ này tạm thời không phục vụ điểm giao dịch");
            assertThat(get(base + "/health").statusCode())
                    .as("alive all the same")
                    .isEqualTo(200);

            // Nobody took the site: the next write group renews the lease, and the node serves again.
            assertThat(refusal(first)).isNull();
            assertThat(first.ownsItsSites()).isTrue();
            assertThat(get(base + "/api/v1/sites/" + SITE + "/queue").statusCode())
                    .isEqualTo(200);

            clock.advance(TTL.plusSeconds(1));
            try (QueueEngine second = node(database, "node-b")) {
                assertThat(second.ownsItsSites()).isTrue();
                assertThat(refusal(first)).isEqualTo(ErrorCode.UNAVAILABLE);
                clock.advance(Duration.ofSeconds(1));
                assertThat(first.ownsItsSites()).as("taken over: never again").isFalse();
                assertThat(refusal(first)).isEqualTo(ErrorCode.UNAVAILABLE);
                HttpResponse<String> ready = get(base + "/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(new JsonObject(ready.body()).getJsonArray("failing").getList())
                        .contains("sites");
            }
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
