package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServerMain;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;

/**
 * Three nodes of a cluster in one JVM (each its own clustered Vert.x) on PostgreSQL: the sites spread over them, a
 * request reaching a node that does not own its site is forwarded to the owner, the event stream works through any
 * node, and the sites of a node that leaves move to the others with their numbering.
 */
@Timeout(180)
class ClusterPlacementPostgresIT {

    static final List<String> SITES = List.of("s1", "s2", "s3", "s4", "s5", "s6");

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ClusterNodes cluster;

    @AfterEach
    void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A node held back 2 s after it joined (the sites spread quickly when the nodes start one after another). */
    private QueueServerMain.Running start(String name, int clusterPort, List<Integer> others) throws Exception {
        return start(name, clusterPort, others, Duration.ofSeconds(2));
    }

    private QueueServerMain.Running start(String name, int clusterPort, List<Integer> others, Duration holdBack)
            throws Exception {
        Path centre = Path.of(ClusterPlacementPostgresIT.class
                .getResource("/cluster/six-sites.yaml")
                .toURI());
        return cluster.launch(name, centre, clusterPort, others, holdBack);
    }

    private Map<String, QueueServerMain.Running> ownersOf(List<QueueServerMain.Running> live) {
        Map<String, QueueServerMain.Running> owners = new HashMap<>();
        for (QueueServerMain.Running node : live) {
            for (String site : node.cluster().ownedSites()) {
                if (owners.put(site, node) != null) {
                    throw new AssertionError("site " + site + " runs on two nodes");
                }
            }
        }
        return owners;
    }

    private String login(QueueServerMain.Running node) throws Exception {
        return cluster.login(node.server().localUrl(), "province");
    }

    private HttpResponse<String> issue(QueueServerMain.Running via, String site, String token, String key)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(via.server().localUrl() + "/api/v1/sites/" + site + "/tickets"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .header("Idempotency-Key", key)
                        .header("X-Request-Id", "test-" + key)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"A\"}"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sitesSpreadOverTheNodesAnyNodeAnswersAndALeavingNodesSitesMoveWithTheirNumbering() throws Exception {
        cluster = new ClusterNodes(dir, "placement");
        StoreLocation.Postgres db = cluster.database();
        int[] ports = {ClusterNodes.freePort(), ClusterNodes.freePort(), ClusterNodes.freePort()};
        QueueServerMain.Running a = start("a", ports[0], List.of(ports[1], ports[2]));
        QueueServerMain.Running b = start("b", ports[1], List.of(ports[0], ports[2]));
        QueueServerMain.Running c = start("c", ports[2], List.of(ports[0], ports[1]));
        List<QueueServerMain.Running> all = List.of(a, b, c);

        ClusterNodes.await("every site runs on one node, two on each", () -> {
            Map<String, QueueServerMain.Running> owners = ownersOf(all);
            return owners.keySet().equals(Set.copyOf(SITES))
                    && all.stream().allMatch(n -> n.cluster().ownedSites().size() == 2);
        });

        // A request reaching a node that does not own the site is forwarded, with its headers and its answer.
        String siteOfA = List.copyOf(a.cluster().ownedSites()).get(0);
        String token = login(b);
        HttpResponse<String> first = issue(b, siteOfA, token, "k-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(new JsonObject(first.body()).getString("number")).isEqualTo("A001");
        assertThat(first.headers().firstValue("X-Request-Id")).contains("test-k-1");
        assertThat(first.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/tickets/"));
        HttpResponse<String> bounced = http.send(
                HttpRequest.newBuilder(URI.create(b.server().localUrl() + "/api/v1/sites/" + siteOfA + "/tickets"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .header(SiteForwarding.FORWARDED_BY, "another-node")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"A\"}"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bounced.statusCode())
                .as("a forwarded request is never forwarded again: " + bounced.body())
                .isEqualTo(503);
        assertThat(new JsonObject(bounced.body()).getString("error")).isEqualTo("UNAVAILABLE");
        assertThat(new JsonObject(bounced.body()).getBoolean("applied"))
                .as("refused before anything ran: any client may send it again")
                .isFalse();
        assertThat(bounced.headers().firstValue("X-Xephang-Not-Applied")).contains("1");
        HttpResponse<String> replay = issue(c, siteOfA, login(c), "k-1");
        assertThat(replay.statusCode())
                .as("the idempotency key reaches the owner")
                .isEqualTo(200);
        String ticketId = new JsonObject(first.body()).getString("id");
        HttpResponse<String> ticket = http.send(
                HttpRequest.newBuilder(URI.create(c.server().localUrl() + "/api/v1/tickets/" + ticketId))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ticket.statusCode())
                .as("a ticket of another node's site, found in the store")
                .isEqualTo(200);

        // The event stream through a node that does not own the site: the owner's snapshot, then its events.
        HttpResponse<java.io.InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create(b.server().localUrl() + "/api/v1/sites/" + siteOfA + "/events"))
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            JsonObject snapshot = nextData(events);
            assertThat(snapshot.getString("type")).isEqualTo("snapshot");
            long seq = snapshot.getLong("seq");
            assertThat(issue(a, siteOfA, login(a), "k-2").statusCode()).isEqualTo(201);
            JsonObject event = nextData(events);
            assertThat(event.getLong("seq")).as("no gap after the snapshot").isEqualTo(seq + 1);
        }

        // The same through a WebSocket relayed by a node that does not own the site.
        java.util.concurrent.BlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket ws = http.newWebSocketBuilder()
                .buildAsync(
                        URI.create(
                                b.server().localUrl().replace("http", "ws") + "/api/v1/sites/" + siteOfA + "/events"),
                        new java.net.http.WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(
                                    java.net.http.WebSocket socket, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    messages.add(text.toString());
                                    text.setLength(0);
                                }
                                socket.request(1);
                                return null;
                            }
                        })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        try {
            JsonObject snapshot = new JsonObject(messages.poll(10, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(snapshot.getString("type")).isEqualTo("snapshot");
            assertThat(issue(a, siteOfA, login(a), "k-ws").statusCode()).isEqualTo(201);
            JsonObject event = new JsonObject(messages.poll(10, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(event.getLong("seq")).as("no gap after the snapshot").isEqualTo(snapshot.getLong("seq") + 1);
        } finally {
            ws.abort();
        }

        // A live configuration change saved through a node that does not own the site reaches every node.
        HttpResponse<String> stored = http.send(
                HttpRequest.newBuilder(URI.create(c.server().localUrl() + "/api/v1/admin/sites/" + siteOfA))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        JsonObject document = new JsonObject(stored.body()).getJsonObject("document");
        document.put("name", "Điểm đổi tên");
        HttpResponse<String> saved = http.send(
                HttpRequest.newBuilder(URI.create(c.server().localUrl() + "/api/v1/admin/sites/" + siteOfA))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                .put("version", new JsonObject(stored.body()).getLong("version"))
                                .put("document", document)
                                .encode()))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        ClusterNodes.await(
                "every node applies the stored change",
                () -> all.stream()
                        .allMatch(node -> node.queue().site(siteOfA).name().equals("Điểm đổi tên")));

        // A leaves: its sites move to B and C, which continue the numbering from PostgreSQL.
        long left = System.nanoTime();
        a.close();
        List<QueueServerMain.Running> survivors = List.of(b, c);
        ClusterNodes.await(
                "A's sites run on B or C", () -> ownersOf(survivors).keySet().equals(Set.copyOf(SITES)));
        assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(Duration.ofSeconds(10));
        HttpResponse<String> after = issue(b, siteOfA, token, "k-3");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
        assertThat(new JsonObject(after.body()).getString("number")).isEqualTo("A004");
        try (Connection connection = PostgresFixture.connect(db);
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT site, owner FROM site_lease WHERE expires_at > 0")) {
            while (rs.next()) {
                assertThat(rs.getString(2))
                        .as("lease of " + rs.getString(1))
                        .doesNotStartWith("127.0.0.1:" + ports[0] + "/");
            }
        }
    }

    @Test
    void aRejoinedNodeTakesNoSiteALiveNodeServesUntilItSettledThenTheSitesMoveToIt() throws Exception {
        cluster = new ClusterNodes(dir, "holdback");
        int[] ports = {ClusterNodes.freePort(), ClusterNodes.freePort()};
        QueueServerMain.Running a = start("a", ports[0], List.of(ports[1]));
        QueueServerMain.Running b = start("b", ports[1], List.of(ports[0]));
        ClusterNodes.await(
                "three sites on each node",
                () -> a.cluster().ownedSites().size() == 3
                        && b.cluster().ownedSites().size() == 3);

        // Until some node has settled, the cluster is starting and the sites spread at once (PlacementPlan): on a
        // quick machine a and b are still within their 2 s when b leaves. The restart below meets a settled node.
        ClusterNodes.await("a settled", () -> a.cluster().settled());
        b.close(); // a restart: b leaves, a serves every site
        ClusterNodes.await("a runs every site", () -> a.cluster().ownedSites().size() == SITES.size());
        Duration holdBack = Duration.ofSeconds(6);
        // Taken before the start: b2's hold-back begins inside it, and a start slowed by a busy machine (seconds) must
        // not
        // move the sampling below past the hold-back's end (it did: b2 settled, a rightly handed it sites, the sample
        // failed).
        long joined = System.nanoTime();
        QueueServerMain.Running b2 = start("b2", ClusterNodes.freePort(), List.of(ports[0]), holdBack);

        // While b2 is held back, a keeps serving every site: the restart moves nothing back yet.
        while (System.nanoTime() - joined < holdBack.minusSeconds(2).toNanos()) {
            assertThat(b2.cluster().ownedSites()).as("b2 is held back").isEmpty();
            assertThat(a.cluster().ownedSites()).hasSize(SITES.size());
            Thread.sleep(100); // sampling the placement during the hold-back, bounded by it
        }
        // Then half of the sites move to b2 by clean hand-overs, with nothing lost on the way.
        String token = login(a);
        for (String site : SITES) {
            assertThat(issue(a, site, token, "hb-" + site).statusCode()).isEqualTo(201);
        }
        ClusterNodes.await(
                "three sites on each node again",
                () -> a.cluster().ownedSites().size() == 3
                        && b2.cluster().ownedSites().size() == 3);
        for (String site : SITES) {
            HttpResponse<String> replay = issue(b2, site, token, "hb-" + site);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(new JsonObject(replay.body()).getString("number")).isEqualTo("A001");
        }
    }

    @Test
    void anAccountDisabledThroughOneNodeLosesItsTokenOnAnotherWithinFiveSeconds() throws Exception {
        cluster = new ClusterNodes(dir, "accounts");
        int[] ports = {ClusterNodes.freePort(), ClusterNodes.freePort()};
        QueueServerMain.Running a = start("a", ports[0], List.of(ports[1]));
        QueueServerMain.Running b = start("b", ports[1], List.of(ports[0]));
        String province = login(a);
        assertThat(send(a, "POST", "/api/v1/admin/accounts", province, """
                        {"username":"tinh2","role":"ADMIN","displayName":"Quản trị 2","sites":[],"counters":[],                        "password":"mat-khau-du-dai-2026"}""").statusCode())
                .isEqualTo(201);
        String[] signedIn = new String[1];
        ClusterNodes.await("node b reads the account created through node a (it reads the store every second)", () -> {
            try {
                HttpResponse<String> login = send(b, "POST", "/api/v1/auth/login", null, """
                        {"username":"tinh2","password":"mat-khau-du-dai-2026"}""");
                signedIn[0] = login.statusCode() == 200 ? token(login) : null;
                return signedIn[0] != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String other = signedIn[0];
        assertThat(send(b, "GET", "/api/v1/admin/accounts", other, null).statusCode())
                .as("the account created on node a signs in and acts on node b")
                .isEqualTo(200);

        assertThat(send(a, "PATCH", "/api/v1/admin/accounts/tinh2", province, "{\"disabled\":true}")
                        .statusCode())
                .isEqualTo(200);
        long disabledAt = System.nanoTime();

        ClusterNodes.await("node b refuses the disabled account's token", () -> {
            try {
                return send(b, "GET", "/api/v1/admin/accounts", other, null).statusCode() == 401;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(Duration.ofNanos(System.nanoTime() - disabledAt)).isLessThan(Duration.ofSeconds(5));
    }

    private HttpResponse<String> send(
            QueueServerMain.Running node, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(node.server().localUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpResponse<String> login) {
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return new JsonObject(login.body()).getString("token");
    }

    private static JsonObject nextData(BufferedReader events) throws Exception {
        String line;
        while ((line = events.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return new JsonObject(line.substring("data: ".length()));
            }
        }
        throw new AssertionError("the stream ended");
    }
}
