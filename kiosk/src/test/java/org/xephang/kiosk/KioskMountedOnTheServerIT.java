package org.xephang.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServer;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.device.DeviceFactory;
import org.xephang.device.printer.TicketPrinter;

/**
 * The demo's way: the kiosk mounted at {@code /kiosk} on the queue server's own port, its router filled in once the
 * port (and so the server URL) is known.
 */
class KioskMountedOnTheServerIT {

    @TempDir
    Path temp;

    @Test
    void theKioskServedBesideTheApiIssuesAndPrintsThroughIt() throws Exception {
        Vertx vertx = Vertx.vertx();
        CentreConfig config = CentreConfigLoader.load(Path.of("..", "examples", "centre.yaml"));
        Router kioskMount = Router.router(vertx);
        QueueServer server = QueueServer.listen(
                        vertx,
                        new QueueServer.Options()
                                .host("127.0.0.1")
                                .port(0)
                                .accounts(config.accounts())
                                .dataDir(temp)
                                .mount("/kiosk", kioskMount))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        QueueEngine engine =
                QueueEngine.open(config, temp, Clock.systemUTC(), new EngineOptions(true, server.localUrl()));
        TicketPrinter printer =
                DeviceFactory.standard().create("sim:printer?dir=" + temp.resolve("printed"), TicketPrinter.class);
        printer.start();
        KioskApp kiosk = KioskApp.create(
                vertx, KioskOptions.of(server.localUrl(), "demo", "kiosk1", "demo", "sim:printer"), printer, false);
        kioskMount.route("/*").subRouter(kiosk.router());
        server.serve(engine).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebClient http = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setDefaultHost("127.0.0.1")
                        .setDefaultPort(server.port())
                        .setFollowRedirects(false));
        try {
            HttpResponse<Buffer> redirect = await(http.get("/kiosk").send());
            assertThat(redirect.statusCode()).isIn(301, 302);
            assertThat(redirect.getHeader("Location")).isEqualTo("/kiosk/");
            assertThat(await(http.get("/kiosk/").send()).bodyAsString()).contains("kiosk.js");

            HttpResponse<Buffer> issued = await(http.post("/kiosk/api/tickets")
                    .sendJsonObject(new JsonObject().put("service", "C").put("requestId", "mounted-1")));

            assertThat(issued.statusCode()).isEqualTo(201);
            String number = issued.bodyAsJsonObject().getJsonObject("ticket").getString("number");
            assertThat(number).isEqualTo("C001");
            assertThat(engine.snapshot("demo").services().stream()
                            .filter(s -> s.code().equals("C"))
                            .findFirst()
                            .orElseThrow()
                            .waiting())
                    .isEqualTo(1);
            assertThat(awaitPrintedTickets(temp.resolve("printed"))).hasSize(1);
        } finally {
            kiosk.close();
            await(server.close());
            engine.close();
            printer.close();
            await(vertx.close());
        }
    }

    private static List<Path> awaitPrintedTickets(Path folder) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> pngs =
                            files.filter(p -> p.toString().endsWith(".png")).toList();
                    if (!pngs.isEmpty()) {
                        return pngs;
                    }
                }
            }
            Thread.sleep(50);
        }
        return List.of();
    }
}
