package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.dossiersim.MessagingSimulator;

/**
 * Two server nodes as separate JVMs on PostgreSQL, two sites sending SMS (issue 16, docs/adr/0034): a ticket's "mời
 * đến quầy" message becomes due while the provider fails, so its owner keeps it pending; the owner is killed with
 * SIGKILL, and the surviving node, once it took the site over, sends the message once. Nothing is sent twice.
 */
@Timeout(240)
class ClusterMessagesKillPostgresIT {

    private static final String HASH = "$2a$04$f7KMXmk8FJzQwUWUupsip.GDqYudSa7uV64IoQc6IUlWLerCX.6C6";

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private ClusterNodes cluster;

    @AfterEach
    void killNodes() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
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

    private HttpResponse<String> send(ClusterNodes.Node node, String method, String path, String token, JsonObject body)
            throws Exception {
        return cluster.send(node.url(), method, path, token, body);
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
        cluster = new ClusterNodes(dir, "messages_kill");
        List<Integer> ports = ClusterNodes.freePorts(2);
        ClusterNodes.Node a = cluster.start("a", centre, ports.get(0), ports);
        ClusterNodes.Node b = cluster.start("b", centre, ports.get(1), ports);
        ClusterNodes.await("each node holds one site's lease", () -> {
            Map<String, Integer> holders = cluster.leaseHolders();
            return holders.size() == 2 && !holders.get("s1").equals(holders.get("s2"));
        });
        ClusterNodes.Node owner = cluster.leaseHolders().get("s1").equals(ports.get(0)) ? a : b;
        ClusterNodes.Node other = owner == a ? b : a;

        String token = cluster.login(other.url(), "province");
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
        ClusterNodes.await(
                "the near-turn message is sent by the owner", () -> delivered(simulator, ticketId + ":near-turn") == 1);

        // The provider fails from now on: the call's message stays pending on the owner, which is then killed.
        assertThat(send(other, "POST", "/api/v1/sites/s1/counters/1/sign-in", token, null)
                        .statusCode())
                .isEqualTo(200);
        simulator.fail(MessagingSimulator.Failure.SERVER_ERROR, 100_000);
        int attemptsBefore = simulator.attempts();
        HttpResponse<String> called = send(other, "POST", "/api/v1/tickets/" + ticketId + "/call", token, null);
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        ClusterNodes.await(
                "the owner tries to send the call's message", () -> simulator.attempts() > attemptsBefore + 1);
        owner.process().destroyForcibly(); // SIGKILL
        assertThat(owner.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        simulator.clearScript();

        ClusterNodes.await(
                "the surviving node takes the site and sends the call's message",
                () -> delivered(simulator, ticketId + ":called") == 1);
        assertThat(cluster.leaseHolders().get("s1")).isEqualTo(other.clusterPort());
        assertThat(simulator.received().stream().map(MessagingSimulator.Received::key))
                .as("every message the provider accepted, repeats included")
                .containsExactlyInAnyOrder(ticketId + ":near-turn", ticketId + ":called");
    }
}
