package org.xephang.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServerMain;
import org.xephang.core.testkit.Deliveries;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.ReceivedDelivery;
import org.xephang.dossiersim.SimulatedFailure;
import org.xephang.dossiersim.SimulatedFailure.Scope;
import org.xephang.testkit.Poll;

/**
 * The server as its own process forwards to the simulated dossier system while it is failing, is killed with SIGKILL
 * in the middle of the outage, and restarts on the same data folder: once the dossier system recovers, every event is
 * delivered, each ticket's in order on first delivery, none lost, and every repeat (an answer lost after the dossier
 * system stored the event, or an event sent just before the kill) is a retry with the same idempotency key and body.
 */
class ForwardingCrashIT {

    /** Refusals scripted for the outage: far more than the server can use up before the kill. */
    private static final int OUTAGE = 100_000;

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        processes.forEach(Process::destroyForcibly);
        await(vertx.close());
    }

    @Test
    void eventsPendingAtAKillAreDeliveredInOrderAfterTheRestart() throws Exception {
        DossierSimulator simulator = await(DossierSimulator.start(vertx, DossierSimulator.Options.defaults()));
        // An outage that lasts until the test ends it, however fast or slow the machine: the kill always falls in it.
        simulator.script(Scope.WEBHOOK, SimulatedFailure.serverError(), OUTAGE);
        Path config = writeConfig(simulator);
        WebClient http = WebClient.create(vertx);

        String base = startServer(config);
        String supervisor = login(http, base, "supervisor");
        String officer = login(http, base, "officer1");
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tickets.add(post(http, base + "/api/v1/sites/s1/tickets", supervisor, new JsonObject().put("service", "A"))
                    .getString("id"));
        }
        post(http, base + "/api/v1/sites/s1/counters/1/sign-in", officer, null);
        for (int i = 0; i < 4; i++) {
            String called = post(http, base + "/api/v1/sites/s1/counters/1/call-next", officer, null)
                    .getString("id");
            post(http, base + "/api/v1/tickets/" + called + "/start", officer, null);
            post(http, base + "/api/v1/tickets/" + called + "/complete", officer, null);
        }
        waitUntil(() -> simulator.pendingFailures(Scope.WEBHOOK) <= OUTAGE - 15);

        processes.get(0).destroyForcibly(); // SIGKILL in the middle of the outage
        assertThat(processes.get(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(simulator.pendingFailures(Scope.WEBHOOK))
                .as("still failing at the kill")
                .isPositive();
        // The dossier system recovers through a few more refusals, and loses two answers after storing the event.
        simulator.clearFailures();
        simulator.script(Scope.WEBHOOK, SimulatedFailure.rateLimited(Duration.ofSeconds(1)), 2);
        simulator.script(Scope.WEBHOOK, SimulatedFailure.timeout(), 2);
        // Stored, then answered after the server's 1 s timeout: the server must send these again.
        simulator.script(Scope.WEBHOOK, SimulatedFailure.slowAfterRecording(Duration.ofMillis(2500)), 2);

        String restarted = startServer(config);
        String token = login(http, restarted, "supervisor");
        waitUntil(() -> simulator.pendingFailures(Scope.WEBHOOK) == 0
                && outbox(http, restarted, token, "pending").isEmpty());

        Map<String, Long> seqById = new HashMap<>();
        outbox(http, restarted, token, "delivered").forEach(e -> {
            JsonObject event = (JsonObject) e;
            seqById.put(event.getString("eventId"), event.getLong("seq"));
        });
        assertThat(outbox(http, restarted, token, "dead")).isEmpty();
        Set<String> accepted = new HashSet<>();
        Map<String, Long> lastSeqPerTicket = new HashMap<>();
        for (ReceivedDelivery delivery : simulator.accepted()) {
            accepted.add(delivery.idempotencyKey());
            JsonObject ticket = delivery.json().getJsonObject("ticket");
            if (ticket != null) {
                long seq = delivery.json().getLong("seq");
                Long previous = lastSeqPerTicket.put(ticket.getString("id"), seq);
                assertThat(previous == null || previous < seq)
                        .as("order of ticket %s", ticket.getString("number"))
                        .isTrue();
            }
        }
        assertThat(accepted).as("every event once, none lost").isEqualTo(seqById.keySet());
        assertThat(simulator.received())
                .allSatisfy(d -> assertThat(d.signatureValid()).isTrue());
        assertThat(Deliveries.assertDuplicatesAreSameKeyRetries(simulator.received()))
                .as("the two lost answers were retried")
                .isGreaterThanOrEqualTo(2);
        assertThat(lastSeqPerTicket.keySet()).containsAll(tickets);
    }

    private Path writeConfig(DossierSimulator simulator) throws Exception {
        String centre = Files.readString(DossierConfigReaderTest.centreFile());
        String yaml = centre.substring(0, centre.indexOf("dossier:"))
                + """
                dossier:
                  forward:
                    profile: webhook
                    url: %s
                    secret: %s
                    timeout: 1s
                    backoff: { initial: 50ms, max: 300ms }
                    pollInterval: 100ms
                """.formatted(simulator.webhookUrl(), simulator.options().webhookSecret());
        Path file = dir.resolve("centre.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String startServer(Path config) throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        QueueServerMain.class.getName(),
                        "--config",
                        config.toString(),
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--data",
                        dir.resolve("data").toString(),
                        "--always-open")
                .redirectError(
                        dir.resolve("server-" + processes.size() + ".log").toFile())
                .start();
        processes.add(process);
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("first line on standard output").isNotNull();
        Matcher matcher = LISTENING.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return matcher.group(1);
    }

    private static String login(WebClient http, String base, String username) throws Exception {
        return await(http.postAbs(base + "/api/v1/auth/login")
                        .sendJsonObject(
                                new JsonObject().put("username", username).put("password", "test")))
                .bodyAsJsonObject()
                .getString("token");
    }

    private static JsonObject post(WebClient http, String url, String token, JsonObject body) throws Exception {
        var request = http.postAbs(url).bearerTokenAuthentication(token);
        HttpResponse<Buffer> response = await(body == null ? request.send() : request.sendJsonObject(body));
        assertThat(response.statusCode())
                .as(url + ": " + response.bodyAsString())
                .isBetween(200, 201);
        return response.bodyAsJsonObject();
    }

    private static JsonArray outbox(WebClient http, String base, String token, String state) {
        try {
            HttpResponse<Buffer> response =
                    await(http.getAbs(base + "/api/v1/sites/s1/outbox?limit=1000&state=" + state)
                            .bearerTokenAuthentication(token)
                            .send());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.bodyAsJsonObject().getJsonArray("events");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(60), Duration.ofMillis(50), "the condition", condition);
    }
}
