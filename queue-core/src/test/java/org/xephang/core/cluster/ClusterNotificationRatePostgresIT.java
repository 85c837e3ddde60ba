package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServerMain;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;
import org.xephang.dossiersim.MessagingSimulator;

/**
 * A provider's rate limit holds for the whole cluster (docs/adr/0039): two nodes on PostgreSQL, each running one site,
 * share the configured 12 SMS a minute, 6 each, so each sends a burst of 2 (a third of its share) and then one every
 * 10 s. Each node applying the whole rate on its own sent a burst of 4 each: twice the provider's limit.
 */
@Timeout(180)
class ClusterNotificationRatePostgresIT {

    private static final String HASH = "$2a$04$f7KMXmk8FJzQwUWUupsip.GDqYudSa7uV64IoQc6IUlWLerCX.6C6";
    private static final int PER_MINUTE = 12;

    @TempDir
    Path dir;

    private final List<QueueServerMain.Running> nodes = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Vertx vertx = Vertx.vertx();
    private MessagingSimulator simulator;

    @AfterEach
    void stop() throws Exception {
        for (QueueServerMain.Running node : nodes) {
            node.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void twoNodesTogetherSendNoMoreThanTheProvidersRate() throws Exception {
        simulator = MessagingSimulator.start(vertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        ZoneOffset zone = ClusterNodes.nearNoon();
        Path centre = writeConfig(zone);
        StoreLocation.Postgres db = PostgresFixture.newDatabase("rate");
        String store = PostgresFixture.storeArgument(db);
        int[] ports = {ClusterNodes.freePort(), ClusterNodes.freePort()};
        QueueServerMain.Running a = start("a", centre, ports[0], ports[1], store);
        QueueServerMain.Running b = start("b", centre, ports[1], ports[0], store);
        ClusterNodes.await(
                "each node runs one site",
                () -> a.cluster().ownedSites().size() == 1
                        && b.cluster().ownedSites().size() == 1);

        // three bookings on each site, each confirmed by an SMS
        ZonedDateTime now = ZonedDateTime.now(zone);
        LocalDateTime next = now.toLocalDateTime()
                .withSecond(0)
                .withNano(0)
                .withMinute(now.getMinute() / 15 * 15)
                .plusMinutes(15);
        Map<String, List<String>> keys = new HashMap<>();
        for (String site : List.of("s1", "s2")) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> booked = send(
                        a,
                        "/api/v1/sites/" + site + "/appointments",
                        new JsonObject()
                                .put("service", "A")
                                .put(
                                        "start",
                                        next.plusMinutes(15L * i).atOffset(zone).toString())
                                .put("name", "Nguyễn Văn An")
                                .put("phone", "091234567" + i));
                assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
                keys.computeIfAbsent(site, s -> new ArrayList<>())
                        .add(new JsonObject(booked.body()).getString("code") + ":booked");
            }
        }

        // when each site's messages arrive, as the test sees them (polled every 20 ms)
        Map<String, List<Long>> arrivals = new HashMap<>(Map.of("s1", new ArrayList<>(), "s2", new ArrayList<>()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (arrivals.values().stream().anyMatch(list -> list.size() < 3)) {
            assertThat(System.nanoTime())
                    .as("every SMS sent within 60 s: " + arrivals)
                    .isLessThan(deadline);
            for (String site : keys.keySet()) {
                long delivered = simulator.delivered().stream()
                        .filter(r -> keys.get(site).contains(r.key()))
                        .count();
                while (arrivals.get(site).size() < delivered) {
                    arrivals.get(site).add(System.nanoTime());
                }
            }
            Thread.sleep(20); // sampling the simulator's record, not waiting for an outcome
        }
        for (String site : keys.keySet()) {
            List<Long> at = arrivals.get(site);
            assertThat(Duration.ofNanos(at.get(2) - at.get(1)))
                    .as(
                            "site %s: a burst of 2 (its node's share of %d a minute is 6), the third 10 s later",
                            site, PER_MINUTE)
                    .isGreaterThan(Duration.ofSeconds(5));
        }
        assertThat(simulator.delivered()).noneMatch(MessagingSimulator.Received::repeat);
    }

    private Path writeConfig(ZoneOffset zone) throws Exception {
        String sites = ClusterNodes.twoSmsSitesOpenAllDay(zone);
        Path file = dir.resolve("centre.yaml");
        Files.writeString(
                file,
                sites
                        + """
                accounts:
                  - { username: province, role: admin, sites: ALL, passwordHash: "%s" }
                notifications:
                  requestsPerMinute: %d
                  timeout: 2s
                  backoff: { initial: 100ms, max: 300ms }
                  sms: { url: "%s", apiKey: %s, brandname: UBND-XT, unicode: true }
                """.formatted(
                                        HASH,
                                        PER_MINUTE,
                                        simulator.url(MessagingSimulator.SMS_PATH),
                                        MessagingSimulator.API_KEY));
        return file;
    }

    private QueueServerMain.Running start(String name, Path centre, int clusterPort, int other, String store)
            throws Exception {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        if (!nodes.isEmpty()) {
            Files.copy(dir.resolve("a").resolve("token-signing.key"), data.resolve("token-signing.key"));
        }
        ClusterOptions cluster =
                new ClusterOptions("127.0.0.1", clusterPort, ClusterOptions.parseMembers("127.0.0.1:" + other));
        QueueServerMain.Running node = QueueServerMain.launch(
                new QueueServerMain.Settings(centre, 0, data, true, "127.0.0.1", null, store, cluster));
        nodes.add(node);
        return node;
    }

    private HttpResponse<String> send(QueueServerMain.Running node, String path, JsonObject body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(node.server().localUrl() + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
