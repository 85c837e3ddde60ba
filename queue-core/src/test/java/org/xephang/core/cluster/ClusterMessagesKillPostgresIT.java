package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServerMain;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;
import org.xephang.dossiersim.MessagingSimulator;

/**
 * Two server nodes as separate JVMs on PostgreSQL, two sites sending SMS (issue 16, docs/adr/0034): a ticket's "mời
 * đến quầy" message becomes due while the provider fails, so its owner keeps it pending; the owner is killed with
 * SIGKILL, and the surviving node, once it took the site over, sends the message once. Nothing is sent twice.
 */
@Timeout(240)
class ClusterMessagesKillPostgresIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String HASH = "$2a$04$f7KMXmk8FJzQwUWUupsip.GDqYudSa7uV64IoQc6IUlWLerCX.6C6";
    private static final String SIGNING_KEY = java.util.Base64.getEncoder()
            .encodeToString("xephang-cluster-test-signing-key-32b".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Vertx vertx = Vertx.vertx();

    private record Node(Process process, int clusterPort, int httpPort) {
        String url() {
            return "http://127.0.0.1:" + httpPort;
        }
    }

    @AfterEach
    void killNodes() throws Exception {
        processes.forEach(Process::destroyForcibly);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Path writeConfig(MessagingSimulator simulator) throws IOException {
        StringBuilder yaml = new StringBuilder("sites:\n");
        for (String site : List.of("s1", "s2")) {
            yaml.append("""
                      - code: %s
                        name: Bộ phận Một cửa %s
                        notifications: { provider: sms }
                        services:
                          - { code: A, name: Hộ tịch }
                        counters:
                          - { number: 1, name: "Quầy 1", services: [A] }
                    """.formatted(site, site));
        }
        yaml.append("""
                accounts:
                  - { username: province, role: admin, sites: ALL, passwordHash: "%s" }
                notifications:
                  timeout: 2s
                  backoff: { initial: 100ms, max: 300ms }
                  sms: { url: "%s", apiKey: %s, brandname: UBND-XT, unicode: true }
                """.formatted(HASH, simulator.url(MessagingSimulator.SMS_PATH), MessagingSimulator.API_KEY));
        Path file = dir.resolve("centre.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Node start(String name, Path centre, int clusterPort, int otherPort, StoreLocation.Postgres db)
            throws IOException {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        Path key = data.resolve("token-signing.key");
        Files.writeString(key, SIGNING_KEY + "\n");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        QueueServerMain.class.getName(),
                        "--config",
                        centre.toString(),
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--data",
                        data.toString(),
                        "--always-open",
                        "--store",
                        ClusterServerPostgresIT.url(db),
                        "--cluster",
                        "--cluster-host",
                        "127.0.0.1",
                        "--cluster-port",
                        String.valueOf(clusterPort),
                        "--cluster-members",
                        "127.0.0.1:" + otherPort)
                .redirectError(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new AssertionError(
                    "node " + name + " did not start:\n" + Files.readString(dir.resolve(name + ".log")));
        }
        Matcher matcher = LISTENING.matcher(line);
        assertThat(matcher.find()).as(line).isTrue();
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling up
                }
            } catch (IOException closed) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Node(process, clusterPort, Integer.parseInt(matcher.group(1)));
    }

    /** Site → the cluster port of the node holding its live lease. */
    private static Map<String, Integer> leaseHolders(StoreLocation.Postgres db) {
        Map<String, Integer> holders = new HashMap<>();
        try (Connection c = PostgresFixture.connect(db);
                PreparedStatement s = c.prepareStatement("SELECT site, owner FROM site_lease WHERE expires_at > ?")) {
            s.setLong(1, System.currentTimeMillis());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String owner = rs.getString(2);
                    holders.put(
                            rs.getString(1),
                            Integer.parseInt(owner.substring(owner.indexOf(':') + 1, owner.indexOf('/'))));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return holders;
    }

    private HttpResponse<String> send(Node node, String method, String path, String token, JsonObject body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long delivered(MessagingSimulator simulator, String key) {
        return simulator.delivered().stream().filter(r -> r.key().equals(key)).count();
    }

    @Test
    void aMessageDueWhenItsSitesOwnerIsKilledIsSentOnceByTheNodeThatTakesTheSite() throws Exception {
        MessagingSimulator simulator = MessagingSimulator.start(vertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Path centre = writeConfig(simulator);
        StoreLocation.Postgres db = PostgresFixture.newDatabase("messages_kill");
        int portA = ClusterServerPostgresIT.freePort();
        int portB = ClusterServerPostgresIT.freePort();
        Node a = start("a", centre, portA, portB, db);
        Node b = start("b", centre, portB, portA, db);
        ClusterPlacementPostgresIT.await("each node holds one site's lease", () -> {
            Map<String, Integer> holders = leaseHolders(db);
            return holders.size() == 2 && !holders.get("s1").equals(holders.get("s2"));
        });
        Node owner = leaseHolders(db).get("s1") == portA ? a : b;
        Node other = owner == a ? b : a;

        HttpResponse<String> login = send(
                other,
                "POST",
                "/api/v1/auth/login",
                null,
                new JsonObject().put("username", "province").put("password", "test"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = new JsonObject(login.body()).getString("token");
        HttpResponse<String> issued =
                send(other, "POST", "/api/v1/sites/s1/tickets", token, new JsonObject().put("service", "A"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String ticketId = new JsonObject(issued.body()).getString("id");
        HttpResponse<String> subscribed = send(
                other,
                "POST",
                "/api/v1/tickets/" + ticketId + "/notify",
                null,
                new JsonObject().put("phone", "0987654321").put("consent", true));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        ClusterPlacementPostgresIT.await(
                "the near-turn message is sent by the owner", () -> delivered(simulator, ticketId + ":near-turn") == 1);

        // The provider fails from now on: the call's message stays pending on the owner, which is then killed.
        assertThat(send(other, "POST", "/api/v1/sites/s1/counters/1/sign-in", token, null)
                        .statusCode())
                .isEqualTo(200);
        simulator.fail(MessagingSimulator.Failure.SERVER_ERROR, 100_000);
        int attemptsBefore = simulator.attempts();
        HttpResponse<String> called = send(other, "POST", "/api/v1/tickets/" + ticketId + "/call", token, null);
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        ClusterPlacementPostgresIT.await(
                "the owner tries to send the call's message", () -> simulator.attempts() > attemptsBefore + 1);
        owner.process().destroyForcibly(); // SIGKILL
        assertThat(owner.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        simulator.clearScript();

        ClusterPlacementPostgresIT.await(
                "the surviving node takes the site and sends the call's message",
                () -> delivered(simulator, ticketId + ":called") == 1);
        assertThat(leaseHolders(db).get("s1")).isEqualTo(other.clusterPort());
        assertThat(simulator.received().stream().map(MessagingSimulator.Received::key))
                .as("every message the provider accepted, repeats included")
                .containsExactlyInAnyOrder(ticketId + ":near-turn", ticketId + ":called");
    }
}
