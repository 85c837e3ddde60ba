package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServerMain;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;

/**
 * Three server nodes as separate JVMs ({@code xephang server --cluster}) on PostgreSQL, six sites: the sites spread over
 * all three; a client issues tickets of one site through another node while the site's owner is killed with SIGKILL;
 * every acknowledged ticket is in the store, numbers have no gap and no duplicate, the site's events keep a gap-free
 * seq, and a surviving node serves the site again within 10 s.
 */
@Timeout(240)
class ClusterFailoverPostgresIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String SITE = "s1";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A node process: its cluster port and HTTP port. */
    private record Node(Process process, int clusterPort, int httpPort) {
        String url() {
            return "http://127.0.0.1:" + httpPort;
        }
    }

    @AfterEach
    void killNodes() {
        processes.forEach(Process::destroyForcibly);
    }

    private Node start(String name, int clusterPort, int[] allPorts, StoreLocation.Postgres db) throws IOException {
        Path centre;
        try {
            centre = Path.of(ClusterFailoverPostgresIT.class
                    .getResource("/cluster/six-sites.yaml")
                    .toURI());
        } catch (java.net.URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        Path key = dir.resolve("a").resolve("token-signing.key");
        if (!name.equals("a")) {
            Files.copy(key, data.resolve("token-signing.key"));
        }
        List<String> members = new ArrayList<>();
        for (int port : allPorts) {
            if (port != clusterPort) {
                members.add("127.0.0.1:" + port);
            }
        }
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
                        String.join(",", members))
                .redirectError(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line)
                .as("first line of node " + name + " (log: " + dir.resolve(name + ".log") + ")")
                .isNotNull();
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
    private static Map<String, Integer> leaseHolders(StoreLocation.Postgres db) throws Exception {
        Map<String, Integer> holders = new TreeMap<>();
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
        }
        return holders;
    }

    private String login(Node node) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"province\",\"password\":\"test\"}"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("token");
    }

    /** Issues with {@code key} until acknowledged (retrying 503 and broken connections); the number, or null at the deadline. */
    private String issueUntilAcknowledged(Node via, String token, String key, long deadline)
            throws InterruptedException {
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(via.url() + "/api/v1/sites/" + SITE + "/tickets"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"A\"}"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    return new JsonObject(response.body()).getString("number");
                }
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            } catch (IOException broken) {
                // the owner died mid-request: retry with the same key
            }
            Thread.sleep(100);
        }
        return null;
    }

    @Test
    void killingASitesOwnerUnderLoadLosesNoAcknowledgedTicketAndAnotherNodeServesItWithinTenSeconds() throws Exception {
        StoreLocation.Postgres db = PostgresFixture.newDatabase("failover");
        int[] ports = {
            ClusterServerPostgresIT.freePort(), ClusterServerPostgresIT.freePort(), ClusterServerPostgresIT.freePort()
        };
        List<Node> nodes = new ArrayList<>();
        nodes.add(start("a", ports[0], ports, db));
        nodes.add(start("b", ports[1], ports, db));
        nodes.add(start("c", ports[2], ports, db));

        ClusterPlacementPostgresIT.await("the six sites spread over the three nodes, two each", () -> {
            try {
                Map<String, Integer> holders = leaseHolders(db);
                return holders.size() == 6
                        && holders.values().stream().distinct().count() == 3
                        && nodes.stream()
                                .allMatch(n -> holders.values().stream()
                                                .filter(p -> p == n.clusterPort())
                                                .count()
                                        == 2);
            } catch (Exception notYet) {
                return false;
            }
        });
        int ownerPort = leaseHolders(db).get(SITE);
        Node victim = nodes.stream()
                .filter(n -> n.clusterPort() == ownerPort)
                .findFirst()
                .orElseThrow();
        Node via = nodes.stream().filter(n -> n != victim).findFirst().orElseThrow();
        String token = login(via);

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstAfterKill = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int i = 0; i < 60; i++) {
            String number = issueUntilAcknowledged(via, token, "t-" + i, deadline);
            assertThat(number)
                    .as("ticket t-" + i + " acknowledged before the deadline")
                    .isNotNull();
            acknowledged.put("t-" + i, number);
            if (killed.get() && firstAfterKill.get() == 0) {
                firstAfterKill.set(System.nanoTime());
            }
            if (i == 20) {
                victim.process().destroyForcibly(); // SIGKILL: no lease given back, no goodbye to the cluster
                killedAt.set(System.nanoTime());
                killed.set(true);
            }
        }

        Duration takeover = Duration.ofNanos(firstAfterKill.get() - killedAt.get());
        assertThat(takeover).as("the site served again after its owner died").isLessThan(Duration.ofSeconds(10));
        assertThat(leaseHolders(db).get(SITE)).isNotEqualTo(ownerPort);
        try (Connection c = PostgresFixture.connect(db)) {
            Set<String> stored = new HashSet<>();
            List<Integer> sequences = new ArrayList<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT number, sequence FROM ticket WHERE site = ? ORDER BY sequence")) {
                s.setString(1, SITE);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        assertThat(stored.add(rs.getString(1)))
                                .as("number " + rs.getString(1) + " once")
                                .isTrue();
                        sequences.add(rs.getInt(2));
                    }
                }
            }
            assertThat(stored).as("every acknowledged ticket is stored").containsAll(acknowledged.values());
            assertThat(stored).as("one ticket per idempotency key").hasSize(acknowledged.size());
            for (int i = 0; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).as("numbers without a gap").isEqualTo(i + 1);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT seq FROM event WHERE site = ? ORDER BY seq")) {
                s.setString(1, SITE);
                try (ResultSet rs = s.executeQuery()) {
                    long expected = 1;
                    while (rs.next()) {
                        assertThat(rs.getLong(1)).as("event seq without a gap").isEqualTo(expected++);
                    }
                }
            }
        }
    }
}
