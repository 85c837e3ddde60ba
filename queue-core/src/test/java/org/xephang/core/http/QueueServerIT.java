package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xephang.core.http.TestApi.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServer;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;

/** The server bootstrap: sub-routers on the same port, 503 until the routes are served, port 0. */
class QueueServerIT {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @Test
    void mountedSubRoutersShareThePortWithTheApi(@TempDir Path dataDir) {
        Router kiosk = Router.router(vertx);
        kiosk.get("/").handler(ctx -> ctx.response().end("trang kiosk"));
        kiosk.get("/config.json").handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject().put("ok", true)));
        try (QueueEngine engine = QueueEngine.open(
                TestApi.config(), dataDir, Clock.systemUTC(), new EngineOptions(true, "http://q.test"))) {
            QueueServer server = await(QueueServer.start(
                    vertx,
                    engine,
                    new QueueServer.Options()
                            .host("127.0.0.1")
                            .port(0)
                            .accounts(TestApi.config().accounts())
                            .mount("/kiosk", kiosk)
                            .extend(api -> api.router()
                                    .get("/hello")
                                    .handler(ctx -> ctx.response().end("xin chào")))));
            WebClient http = client(server.port());

            assertThat(server.port()).isPositive();
            assertThat(server.localUrl()).isEqualTo("http://127.0.0.1:" + server.port());
            assertThat(await(http.get("/kiosk/").send()).bodyAsString()).isEqualTo("trang kiosk");
            assertThat(await(http.get("/kiosk/config.json").send())
                            .bodyAsJsonObject()
                            .getBoolean("ok"))
                    .isTrue();
            assertThat(await(http.get("/hello").send()).bodyAsString()).isEqualTo("xin chào");
            assertThat(await(http.get("/api/v1/sites/demo/queue").send()).statusCode())
                    .isEqualTo(200);
            HttpResponse<Buffer> missing = await(http.get("/kiosk/nothing").send());
            assertThat(missing.statusCode()).isEqualTo(404);
            await(server.close());
        }
    }

    @Test
    void untilTheQueueIsServedEveryRequestIsAnswered503WithRetryAfter() {
        QueueServer server = await(QueueServer.listen(
                vertx, new QueueServer.Options().host("127.0.0.1").port(0)));

        HttpResponse<Buffer> early =
                await(client(server.port()).get("/api/v1/sites/demo/queue").send());

        assertThat(early.statusCode()).isEqualTo(503);
        assertThat(early.getHeader("Retry-After")).isEqualTo("1");
        assertThat(early.bodyAsJsonObject().getString("error")).isEqualTo("UNAVAILABLE");
        await(server.close());
    }

    @Test
    void mountingOnTheApiOrTheTicketPageIsRefused() {
        QueueServer.Options options = new QueueServer.Options();
        Router router = Router.router(vertx);

        assertThatThrownBy(() -> options.mount("/api", router)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.mount("/t", router)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.mount("kiosk", router)).isInstanceOf(IllegalArgumentException.class);
    }

    private WebClient client(int port) {
        return WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }
}
