package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
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

    private static final String SITE = "s1";

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Vertx vertx = Vertx.vertx();
    private ClusterNodes cluster;

    @AfterEach
    void killNodes() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
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

    /** {owner's cluster port, epoch, expires_at} of {@link #SITE}'s lease. */
    private static long[] lease(StoreLocation.Postgres db) throws Exception {
        try (Connection c = PostgresFixture.connect(db);
                PreparedStatement s =
                        c.prepareStatement("SELECT owner, epoch, expires_at FROM site_lease WHERE site = ?")) {
            s.setString(1, SITE);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String owner = rs.getString(1);
                return new long[] {ClusterNodes.clusterPortOf(owner), rs.getLong(2), rs.getLong(3)};
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

    /** Issues with {@code key} until acknowledged (retrying 503 and broken connections): number and id; null at the deadline. */
    private String[] issueUntilAcknowledged(ClusterNodes.Node via, String token, String key, long deadline)
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
    private int postUntilAnswered(ClusterNodes.Node via, String token, String path, long deadline)
            throws InterruptedException {
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
        cluster = new ClusterNodes(dir, "failover");
        StoreLocation.Postgres db = cluster.database();
        DossierSimulator simulator = DossierSimulator.start(vertx, DossierSimulator.Options.defaults())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        Path centre = writeConfig(simulator);
        List<Integer> ports = ClusterNodes.freePorts(3);
        // Every node started before any is waited for: they join in parallel.
        List<Process> started = List.of(
                cluster.spawn("a", centre, ports.get(0), ports, "--cluster-hold-back", "2"),
                cluster.spawn("b", centre, ports.get(1), ports, "--cluster-hold-back", "2"),
                cluster.spawn("c", centre, ports.get(2), ports, "--cluster-hold-back", "2"));
        List<ClusterNodes.Node> nodes = List.of(
                cluster.listening("a", started.get(0), ports.get(0)),
                cluster.listening("b", started.get(1), ports.get(1)),
                cluster.listening("c", started.get(2), ports.get(2)));

        ClusterNodes.await("the six sites spread over the three nodes, two each", () -> {
            try {
                Map<String, Integer> holders = cluster.leaseHolders();
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
        int ownerPort = cluster.leaseHolders().get(SITE);
        ClusterNodes.Node victim = nodes.stream()
                .filter(n -> n.clusterPort() == ownerPort)
                .findFirst()
                .orElseThrow();
        ClusterNodes.Node via =
                nodes.stream().filter(n -> n != victim).findFirst().orElseThrow();
        String token = cluster.login(via.url(), "province");
        String officer = cluster.login(via.url(), "officer-s1");
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
        assertThat(cluster.leaseHolders().get(SITE)).isNotEqualTo(ownerPort);
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
        ClusterNodes.await("every event of every site delivered", () -> {
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
