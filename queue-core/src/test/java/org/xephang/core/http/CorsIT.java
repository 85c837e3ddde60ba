package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServer;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;

/**
 * Issue 13 finding 8: CORS only for the configured origins ({@code server.cors.allowedOrigins}). Without any, no page of
 * another origin may read the API (no CORS headers, preflight 403) while the server's own pages work; with some, those
 * origins (a port may be {@code *}) get the headers and every other still does not.
 */
@Timeout(60)
class CorsIT {

    private static final String QUEUE = "/api/v1/sites/demo/queue";
    private static final String ISSUE = "/api/v1/sites/demo/tickets";

    @Test
    void withoutConfiguredOriginsOnlyTheServersOwnPagesMayCallTheApi(@TempDir Path dir) {
        try (Server server = Server.start(dir, List.of())) {
            HttpResponse<Buffer> preflight = server.preflight("http://kiosk-pc.local:9000");
            assertThat(preflight.statusCode()).isEqualTo(403);
            assertThat(preflight.bodyAsJsonObject().getString("error")).isEqualTo("FORBIDDEN");
            assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isNull();

            HttpResponse<Buffer> read = server.get("http://evil.example");
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.getHeader("Access-Control-Allow-Origin")).isNull();

            HttpResponse<Buffer> sameOrigin = server.get("http://127.0.0.1:" + server.server.port());
            assertThat(sameOrigin.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void configuredOriginsAndOnlyThoseMayReadTheApiFromTheirPages(@TempDir Path dir) {
        try (Server server = Server.start(dir, List.of("http://kiosk-pc.local:9000", "http://127.0.0.1:*"))) {
            HttpResponse<Buffer> preflight = server.preflight("http://kiosk-pc.local:9000");
            assertThat(preflight.statusCode()).isIn(200, 204);
            assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("http://kiosk-pc.local:9000");
            assertThat(preflight.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("idempotency-key");
            assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("PATCH");

            assertThat(server.get("http://127.0.0.1:7000").getHeader("Access-Control-Allow-Origin"))
                    .isEqualTo("http://127.0.0.1:7000");
            assertThat(server.get("http://kiosk-pc.local:9001").getHeader("Access-Control-Allow-Origin"))
                    .isNull();
            assertThat(server.preflight("http://kiosk-pc.local.evil.example:9000")
                            .statusCode())
                    .isEqualTo(403);
        }
    }

    private record Server(Vertx vertx, QueueEngine engine, QueueServer server, WebClient http)
            implements AutoCloseable {
        static Server start(Path dir, List<String> origins) {
            Vertx vertx = Vertx.vertx();
            CentreConfig config = TestApi.config();
            QueueEngine engine =
                    QueueEngine.open(config, dir, Clock.systemUTC(), new EngineOptions(true, "http://q.test"));
            QueueServer server = await(QueueServer.start(
                    vertx,
                    engine,
                    new QueueServer.Options()
                            .host("127.0.0.1")
                            .port(0)
                            .accounts(config.accounts())
                            .allowedOrigins(origins)));
            WebClient http = WebClient.create(
                    vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
            return new Server(vertx, engine, server, http);
        }

        HttpResponse<Buffer> preflight(String origin) {
            return await(http.request(HttpMethod.OPTIONS, ISSUE)
                    .putHeader("Origin", origin)
                    .putHeader("Access-Control-Request-Method", "POST")
                    .putHeader("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                    .send());
        }

        HttpResponse<Buffer> get(String origin) {
            return await(http.get(QUEUE).putHeader("Origin", origin).send());
        }

        @Override
        public void close() {
            http.close();
            await(server.close());
            engine.close();
            await(vertx.close());
        }
    }
}
