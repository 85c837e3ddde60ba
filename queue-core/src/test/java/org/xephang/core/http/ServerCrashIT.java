package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServerMain;

/**
 * The server as its own process ({@link QueueServerMain}), loaded with ticket issues over HTTP, killed with SIGKILL,
 * restarted on the same data folder: every ticket the API acknowledged (201) is there with its number, numbering
 * continues without duplicates, and tokens signed before the crash still work.
 */
class ServerCrashIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final int ISSUERS = 16;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        vertx.close();
    }

    @Test
    void aKilledServerLosesNoAcknowledgedTicketAndNumberingContinuesWithoutDuplicates() throws Exception {
        int port = startServer();
        WebClient http = client(port);
        String token = login(http);

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        Promise<Void> enough = Promise.promise();
        for (int i = 0; i < ISSUERS; i++) {
            issueUntilKilled(http, token, i % 2 == 0 ? "A" : "B", acknowledged, killed, enough);
        }
        TestApi.await(enough.future());
        processes.get(0).destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
        assertThat(processes.get(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
        killed.set(true);
        http.close();

        int restartedPort = startServer();
        WebClient restarted = client(restartedPort);
        Map<String, Integer> highest = new ConcurrentHashMap<>();
        acknowledged.forEach((id, number) -> {
            HttpResponse<Buffer> ticket =
                    TestApi.await(restarted.get("/api/v1/tickets/" + id).send());
            assertThat(ticket.statusCode()).as("acknowledged ticket %s", number).isEqualTo(200);
            assertThat(ticket.bodyAsJsonObject().getString("number")).isEqualTo(number);
            highest.merge(number.substring(0, 1), Integer.parseInt(number.substring(1)), Math::max);
        });
        assertThat(acknowledged.values()).doesNotHaveDuplicates();

        for (String service : List.of("A", "B")) {
            HttpResponse<Buffer> next = TestApi.await(restarted
                    .post("/api/v1/sites/demo/tickets")
                    .putHeader("Authorization", "Bearer " + token) // signed before the crash
                    .sendJsonObject(new JsonObject().put("service", service)));
            assertThat(next.statusCode()).as(next.bodyAsString()).isEqualTo(201);
            String number = next.bodyAsJsonObject().getString("number");
            assertThat(acknowledged.values()).doesNotContain(number);
            assertThat(Integer.parseInt(number.substring(1))).isGreaterThan(highest.getOrDefault(service, 0));
        }
        restarted.close();
    }

    @Test
    void sigtermShutsTheServerDownGracefullyAndNothingIsLost() throws Exception {
        int port = startServer();
        WebClient http = client(port);
        String token = login(http);
        HttpResponse<Buffer> issued = TestApi.await(http.post("/api/v1/sites/demo/tickets")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("service", "A")));
        http.close();

        Process server = processes.get(0);
        server.destroy(); // SIGTERM: the shutdown hook closes the server, the engine and Vert.x
        assertThat(server.waitFor(30, TimeUnit.SECONDS))
                .as("exited after SIGTERM")
                .isTrue();
        assertThat(server.exitValue()).isIn(0, 143);

        WebClient restarted = client(startServer());
        HttpResponse<Buffer> ticket = TestApi.await(restarted
                .get("/api/v1/tickets/" + issued.bodyAsJsonObject().getString("id"))
                .send());
        assertThat(ticket.statusCode()).isEqualTo(200);
        restarted.close();
    }

    private void issueUntilKilled(
            WebClient http,
            String token,
            String service,
            Map<String, String> acknowledged,
            AtomicBoolean killed,
            Promise<Void> enough) {
        if (killed.get()) {
            return;
        }
        http.post("/api/v1/sites/demo/tickets")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("service", service))
                .onComplete(result -> {
                    if (result.succeeded() && result.result().statusCode() == 201) {
                        JsonObject ticket = result.result().bodyAsJsonObject();
                        acknowledged.put(ticket.getString("id"), ticket.getString("number"));
                        if (acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL) {
                            enough.tryComplete();
                        }
                    }
                    if (result.succeeded() || !killed.get()) {
                        issueUntilKilled(http, token, service, acknowledged, killed, enough);
                    }
                });
    }

    private int startServer() throws IOException {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        QueueServerMain.class.getName(),
                        "--config",
                        TestApi.configFile().toString(),
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--data",
                        dataDir.toString(),
                        "--always-open")
                .redirectError(
                        dataDir.resolve("server-" + processes.size() + ".log").toFile())
                .start();
        processes.add(process);
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("first line on standard output").isNotNull();
        Matcher matcher = LISTENING.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private WebClient client(int port) {
        return WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    /** The supervisor's token: a kiosk's is held to a person's pace (30 tickets a minute), this load is not. */
    private static String login(WebClient http) {
        Future<HttpResponse<Buffer>> login = http.post("/api/v1/auth/login")
                .sendJsonObject(new JsonObject().put("username", "supervisor").put("password", TestApi.PASSWORD));
        return TestApi.await(login).bodyAsJsonObject().getString("token");
    }
}
