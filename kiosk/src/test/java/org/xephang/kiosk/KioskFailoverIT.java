package org.xephang.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.centre.RunningCentre.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.agent.AgentServer;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;
import org.xephang.testkit.Poll;
import org.xephang.testkit.centre.RunningCentre;

/**
 * A kiosk given two real queue servers ({@code server: [A, B]}) as a cluster's nodes: when A dies, its stream moves to
 * B and resyncs from B's snapshot, and a citizen's tap made while no node serves yet (B still taking over) is retried
 * on the nodes with its idempotency key until B serves it: one ticket, printed once.
 */
@Timeout(120)
class KioskFailoverIT {

    @TempDir
    Path temp;

    private final Vertx vertx = Vertx.vertx();
    private RunningCentre a;
    private RunningCentre b;
    private AgentServer kiosk;

    @AfterEach
    void stop() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
        await(vertx.close());
    }

    @Test
    void aTapDuringAFailoverYieldsOneTicketFromTheNodeThatTookOverPrintedOnce() throws Exception {
        a = RunningCentre.started(vertx, temp.resolve("a"));
        b = RunningCentre.started(vertx, temp.resolve("b"));
        b.stop(); // B's port is known; B serves later, as a standby that takes the site over
        Path printed = temp.resolve("printed");
        JsonObject json = new JsonObject()
                .put("server", new io.vertx.core.json.JsonArray().add(a.url()).add(b.url()))
                .put("site", "demo")
                .put("username", "kiosk1")
                .put("password", "demo")
                .put("printer", "sim:printer?dir=" + printed)
                .put("settingsPin", "2468")
                .put("port", 0);
        kiosk = await(KioskApp.serve(vertx, KioskAgentConfig.fromJson(json, null)));
        WebClient page = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(kiosk.port()));
        waitFor(() -> connected(page), "the kiosk connected to node A");

        JsonObject first = issue(page, "tap-1");
        assertThat(first.getJsonObject("ticket").getString("number")).isEqualTo("C001");
        assertThat(issuedOn(a)).isEqualTo(1);

        a.stop(); // node A dies
        waitFor(() -> !connected(page), "the kiosk saw node A go");
        Future<HttpResponse<Buffer>> duringFailover = page.post("/api/tickets")
                .sendJsonObject(new JsonObject().put("service", "C").put("requestId", "tap-2"));
        Thread.sleep(1500); // an outage of 1.5 s (no node serves), not a wait for anything: then B takes over
        b.start();

        HttpResponse<Buffer> answered =
                duringFailover.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
        assertThat(issuedOn(b)).as("one ticket on the node that took over").isEqualTo(1);
        assertThat(issue(page, "tap-2").getJsonObject("ticket").getString("id"))
                .as("a second tap of the same request: the same ticket")
                .isEqualTo(answered.bodyAsJsonObject().getJsonObject("ticket").getString("id"));
        waitFor(() -> connected(page), "the kiosk's stream resynced from node B");
        waitFor(() -> printedTickets(printed) == 2, "two tickets printed");
        assertThat(issuedOn(b)).isEqualTo(1);
        assertThat(printedTickets(printed)).as("each printed once").isEqualTo(2);
    }

    private static long issuedOn(RunningCentre node) {
        return node.events().stream()
                .map(QueueEvent::type)
                .filter(EventType.TICKET_ISSUED::equals)
                .count();
    }

    private static JsonObject issue(WebClient page, String requestId) throws Exception {
        HttpResponse<Buffer> response = await(page.post("/api/tickets")
                .sendJsonObject(new JsonObject().put("service", "C").put("requestId", requestId)));
        assertThat(response.statusCode()).as(response.bodyAsString()).isIn(200, 201);
        return response.bodyAsJsonObject();
    }

    private static boolean connected(WebClient page) {
        try {
            return await(page.get("/api/state").send()).bodyAsJsonObject().getBoolean("connected", false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long printedTickets(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".png")).count();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        Poll.until(Duration.ofSeconds(30), Duration.ofMillis(50), what, condition);
    }
}
