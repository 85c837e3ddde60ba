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
import org.xephang.core.testkit.Deliveries;
import org.xephang.core.testkit.PostgresFixture;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.ReceivedDelivery;

/**
 * Three server nodes as separate JVMs ({@code xephang server --cluster}) on PostgreSQL, six sites: the sites spread over
 * all three; a client issues tickets of one site through another node while the site's owner is killed with SIGKILL;
 * every acknowledged ticket is in the store, numbers have no gap and no duplicate, the site's events keep a gap-free
 * seq, no ticket is called twice, a surviving node serves the site again within 10 s, and the site's events reach the
 * simulated dossier system once at least, each ticket's in order.
 */
@Timeout(240)
class ClusterFailoverPostgresIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String SITE = "s1";
    private static final String SIGNING_KEY = java.util.Base64.getEncoder()
            .encodeToString("xephang-cluster-test-signing-key-32b".getBytes(StandardCharsets.US_ASCII));

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

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void killNodes() throws Exception {
        processes.forEach(Process::destroyForcibly);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The six sites, forwarding their events to the simulated dossier system. */
    private Path writeConfig(DossierSimulator simulator) throws Exception {
        String sites = Files.readString(Path.of(ClusterFailoverPostgresIT.class
                .getResource("/cluster/six-sites.yaml")
                .toURI()));
        Path file = dir.resolve("centre.yaml");
        Files.writeString(
                file,
                sites
                        + """
                dossier:
                  forward:
                    profile: webhook
                    url: %s
                    secret: %s
                    timeout: 2s
                    backoff: { initial: 50ms, max: 300ms }
                    pollInterval: 100ms
                """.formatted(
                                simulator.webhookUrl(), simulator.options().webhookSecret()));
        return file;
    }

    /** Starts a node's JVM; {@link #listening} waits for its port. */
    private Process spawn(String name, Path centre, int clusterPort, int[] allPorts, StoreLocation.Postgres db)
            throws IOException {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        // Every node of a cluster signs tokens with the same key (docs/scale-out.md).
        Path key = data.resolve("token-signing.key");
        Files.writeString(key, SIGNING_KEY + "\n");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
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
                        String.join(",", members),
                        "--cluster-hold-back",
                        "2")
                .redirectError(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    private Node listening(String name, Process process, int clusterPort) throws IOException {
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

    /** {owner's cluster port, epoch, expires_at} of {@link #SITE}'s lease. */
    private static long[] lease(StoreLocation.Postgres db) throws Exception {
        try (Connection c = PostgresFixture.connect(db);
                PreparedStatement s =
                        c.prepareStatement("SELECT owner, epoch, expires_at FROM site_lease WHERE site = ?")) {
            s.setString(1, SITE);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String owner = rs.getString(1);
                return new long[] {
                    Integer.parseInt(owner.substring(owner.indexOf(':') + 1, owner.indexOf('/'))),
                    rs.getLong(2),
                    rs.getLong(3)
                };
            }
        }
    }

    /** Polls {@link #SITE}'s lease until its epoch moved past {@code dead}'s: {wall-clock ms seen, new epoch}. */
    private static java.util.concurrent.CompletableFuture<long[]> watchForNewOwner(
            StoreLocation.Postgres db, long[] dead) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    long[] now = lease(db);
                    if (now[1] > dead[1]) {
                        return new long[] {System.currentTimeMillis(), now[1]};
                    }
                    Thread.sleep(20); // polling the table with a deadline
                }
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
            throw new AssertionError("nobody took site " + SITE + " over within 60 s");
        });
    }

    private String login(Node node, String username) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"" + username + "\",\"password\":\"test\"}"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("token");
    }

    /** Issues with {@code key} until acknowledged (retrying 503 and broken connections): number and id; null at the deadline. */
    private String[] issueUntilAcknowledged(Node via, String token, String key, long deadline)
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
                    JsonObject ticket = new JsonObject(response.body());
                    return new String[] {ticket.getString("number"), ticket.getString("id")};
                }
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            } catch (IOException broken) {
                // the owner died mid-request: retry with the same key
            }
            Thread.sleep(100);
        }
        return null;
    }

    /**
     * Posts {@code path} until answered (retrying 503 and broken connections): the status, 409 meaning an earlier attempt
     * whose answer was lost already did it; -1 at the deadline.
     */
    private int postUntilAnswered(Node via, String token, String path, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(via.url() + path))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503) {
                    return response.statusCode();
                }
            } catch (IOException broken) {
                // the owner died mid-request: try again
            }
            Thread.sleep(100);
        }
        return -1;
    }

    @Test
    void killingASitesOwnerUnderLoadLosesNoAcknowledgedTicketAndAnotherNodeServesItWithinTenSeconds() throws Exception {
        StoreLocation.Postgres db = PostgresFixture.newDatabase("failover");
        DossierSimulator simulator = DossierSimulator.start(vertx, DossierSimulator.Options.defaults())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        Path centre = writeConfig(simulator);
        int[] ports = {
            ClusterServerPostgresIT.freePort(), ClusterServerPostgresIT.freePort(), ClusterServerPostgresIT.freePort()
        };
        List<Process> started = List.of(
                spawn("a", centre, ports[0], ports, db),
                spawn("b", centre, ports[1], ports, db),
                spawn("c", centre, ports[2], ports, db));
        List<Node> nodes = List.of(
                listening("a", started.get(0), ports[0]),
                listening("b", started.get(1), ports[1]),
                listening("c", started.get(2), ports[2]));

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
        String token = login(via, "province");
        String officer = login(via, "officer-s1");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        assertThat(postUntilAnswered(via, officer, "/api/v1/sites/" + SITE + "/counters/1/sign-in", deadline))
                .isEqualTo(200);

        long[] deadLease = null;
        java.util.concurrent.CompletableFuture<long[]> leaseWatch = null;
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstAfterKill = new AtomicLong();
        for (int i = 0; i < 60; i++) {
            String[] issued = issueUntilAcknowledged(via, token, "t-" + i, deadline);
            assertThat(issued)
                    .as("ticket t-" + i + " acknowledged before the deadline")
                    .isNotNull();
            acknowledged.put("t-" + i, issued[0]);
            if (i % 2 == 0) {
                // The counter calls and completes every other ticket: 409 = an attempt whose answer was lost did it.
                assertThat(postUntilAnswered(via, officer, "/api/v1/tickets/" + issued[1] + "/call", deadline))
                        .isIn(200, 409);
                assertThat(postUntilAnswered(via, officer, "/api/v1/tickets/" + issued[1] + "/complete", deadline))
                        .isIn(200, 409);
            }
            if (killed.get() && firstAfterKill.get() == 0) {
                firstAfterKill.set(System.nanoTime());
            }
            if (i == 20) {
                victim.process().destroyForcibly(); // SIGKILL: no lease given back, no goodbye to the cluster
                killedAt.set(System.nanoTime());
                killed.set(true);
                deadLease = lease(db);
                leaseWatch = watchForNewOwner(db, deadLease);
            }
        }

        // The membership dropped the killed node at once (its sockets closed): its lease was taken over after 1.5 s
        // unrenewed, before it ran out (ADR 0033); the fence keeps anything of the dead owner from committing after.
        long[] taken = leaseWatch.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(taken[1]).as("a new epoch").isGreaterThan(deadLease[1]);
        assertThat(taken[0])
                .as("the site taken over before the dead owner's lease ran out (at %d)", deadLease[2])
                .isLessThan(deadLease[2]);

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
            Map<String, Integer> callsPerTicket = new java.util.HashMap<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT seq, type, payload FROM event WHERE site = ? ORDER BY seq")) {
                s.setString(1, SITE);
                try (ResultSet rs = s.executeQuery()) {
                    long expected = 1;
                    while (rs.next()) {
                        assertThat(rs.getLong(1)).as("event seq without a gap").isEqualTo(expected++);
                        if (rs.getString(2).equals("ticket.called")) {
                            JsonObject ticket = new JsonObject(rs.getString(3)).getJsonObject("ticket");
                            callsPerTicket.merge(ticket.getString("id"), 1, Integer::sum);
                        }
                    }
                }
            }
            assertThat(callsPerTicket).as("30 tickets called").hasSize(30);
            assertThat(callsPerTicket.values()).as("no ticket called twice").containsOnly(1);
        }

        // The outbox: the new owner forwards what the dead one had not; every event once at least, each ticket's in
        // order of its first delivery, and a repeat is only a retry of the same event.
        ClusterPlacementPostgresIT.await("every event of every site delivered", () -> {
            try (Connection c = PostgresFixture.connect(db);
                    java.sql.Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM event WHERE delivery_state <> 'delivered'")) {
                rs.next();
                return rs.getLong(1) == 0;
            } catch (java.sql.SQLException notYet) {
                return false;
            }
        });
        Set<String> eventIds = new HashSet<>();
        try (Connection c = PostgresFixture.connect(db);
                java.sql.Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM event")) {
            while (rs.next()) {
                eventIds.add(rs.getString(1));
            }
        }
        Set<String> accepted = new HashSet<>();
        Map<String, Long> lastSeqPerTicket = new java.util.HashMap<>();
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
        assertThat(accepted).as("every event forwarded, none lost").isEqualTo(eventIds);
        Deliveries.assertDuplicatesAreSameKeyRetries(simulator.received());
    }
}
