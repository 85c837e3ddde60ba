package org.xephang.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServerMain;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.ReceivedDelivery;

/** {@code xephang server} with a {@code dossier:} section: lookups, forwarding and metrics wired end to end. */
class ServerWithDossierIT {

    @TempDir
    Path dir;

    @Test
    void theServerLooksUpDossiersForwardsEventsAndExposesOutboxMetrics() throws Exception {
        Vertx vertx = Vertx.vertx();
        DossierSimulator simulator = await(DossierSimulator.start(vertx, DossierSimulator.Options.defaults()));
        String centre = Files.readString(DossierConfigReaderTest.centreFile());
        String config = centre.substring(0, centre.indexOf("dossier:")) + """
                dossier:
                  lookup:
                    style: dvcqg
                    dvcqg: { loginUrl: "%1$s/dvcqg/login", serviceUrl: "%1$s/dvcqg/service", dstcode: H56.27,
                             username: xephang, password: demo, madonvi: H56.27 }
                  forward:
                    profile: webhook
                    url: %1$s/webhook
                    secret: demo-webhook-secret
                    backoff: { initial: 50ms, max: 500ms }
                """.formatted(simulator.baseUrl());
        Path configFile = dir.resolve("centre.yaml");
        Files.writeString(configFile, config);

        QueueServerMain.Running server = QueueServerMain.launch(
                new QueueServerMain.Settings(configFile, 0, dir.resolve("data"), true, "127.0.0.1", null));
        try {
            WebClient http = WebClient.create(vertx);
            String base = server.server().localUrl();
            String token = await(http.postAbs(base + "/api/v1/auth/login")
                            .sendJsonObject(new JsonObject()
                                    .put("username", "supervisor")
                                    .put("password", "test")))
                    .bodyAsJsonObject()
                    .getString("token");

            HttpResponse<Buffer> issued = await(http.postAbs(base + "/api/v1/sites/s1/tickets")
                    .bearerTokenAuthentication(token)
                    .sendJsonObject(new JsonObject().put("service", "A")));
            assertThat(issued.statusCode()).isEqualTo(201);
            String ticketId = issued.bodyAsJsonObject().getString("id");

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (simulator.accepted().isEmpty()) {
                assertThat(System.nanoTime()).as("forwarded within 20 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            ReceivedDelivery delivery = simulator.accepted().get(0);
            assertThat(delivery.eventType()).isEqualTo("ticket.issued");
            assertThat(delivery.json().getJsonObject("ticket").getString("id")).isEqualTo(ticketId);

            String code = simulator.samples().get(9).code();
            HttpResponse<Buffer> dossier =
                    await(http.getAbs(base + "/api/v1/dossiers/" + code).send());
            assertThat(dossier.statusCode()).isEqualTo(200);
            assertThat(dossier.bodyAsJsonObject().getString("source")).isEqualTo("dvcqg");

            String metrics = await(http.getAbs(base + "/metrics").send()).bodyAsString();
            assertThat(metrics)
                    .contains("xephang_outbox_backlog", "xephang_outbox_oldest_pending_age_seconds")
                    .contains("xephang_outbox_delivered_total")
                    .containsPattern("xephang_dossier_lookups_total\\{outcome=\"found\",?\\} 1\\.0");
        } finally {
            server.close();
            simulator.close();
            await(vertx.close());
        }
    }
}
