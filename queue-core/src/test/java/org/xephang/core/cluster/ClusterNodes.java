package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xephang.core.QueueServerMain;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;
import org.xephang.testkit.Poll;

/**
 * N real server nodes of one cluster on one PostgreSQL database, for the cluster ITs: each in its own JVM ({@link
 * #spawn}, {@code xephang server --cluster}, to be killed with SIGKILL) or in this JVM ({@link #launch}, each its own
 * clustered Vert.x), every node in its own data folder signing tokens with the same key (docs/scale-out.md); the HTTP
 * calls the tests make of them and the site leases they read from the store. {@link #close} kills and closes them all.
 */
final class ClusterNodes implements AutoCloseable {

    /** How long {@link #await} waits for the cluster to reach a state (a takeover, a placement). */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String SIGNING_KEY = Base64.getEncoder()
            .encodeToString("xephang-cluster-test-signing-key-32b".getBytes(StandardCharsets.US_ASCII));

    /** A node in its own JVM: its process, cluster port and HTTP port. */
    record Node(Process process, int clusterPort, int httpPort) {
        String url() {
            return "http://127.0.0.1:" + httpPort;
        }
    }

    private final Path dir;
    private final StoreLocation.Postgres db;
    private final List<Process> processes = new ArrayList<>();
    private final List<QueueServerMain.Running> launched = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Nodes with their data folders under {@code dir}, on a new database named after {@code purpose}. */
    ClusterNodes(Path dir, String purpose) {
        this.dir = dir;
        this.db = PostgresFixture.newDatabase(purpose);
    }

    StoreLocation.Postgres database() {
        return db;
    }

    /** The {@code --store} value of {@link #database}. */
    String storeUrl() {
        return PostgresFixture.storeArgument(db);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code count} free ports, one per node's cluster port. */
    static List<Integer> freePorts(int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(freePort());
        }
        return ports;
    }

    /** Polls {@code condition} for at most {@link #DEADLINE} ({@link Poll#until}); fails naming {@code what}. */
    static void await(String what, BooleanSupplier condition) {
        Poll.until(DEADLINE, Duration.ofMillis(50), what, condition);
    }

    /**
     * The UTC offset that puts a site's clock near noon whatever the hour the test runs at, so that with
     * {@link #twoSmsSitesOpenAllDay} the next slots are open and a slot starting within minutes can be booked.
     */
    static ZoneOffset nearNoon() {
        int utcHour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        int offset = 12 - utcHour;
        if (offset < -11) {
            offset += 24;
        } else if (offset > 13) {
            offset -= 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    /**
     * A centre file's {@code sites:} section: s1 and s2 in {@code zone}, open 06:00–18:00 every day, sending SMS, each
     * with one counter for service A (Hộ tịch).
     */
    static String twoSmsSitesOpenAllDay(ZoneOffset zone) {
        StringBuilder sites = new StringBuilder("sites:\n");
        for (String site : List.of("s1", "s2")) {
            sites.append("""
                      - code: %s
                        name: Bộ phận Một cửa %s
                        timeZone: "%s"
                        notifications: { provider: sms }
                        openingHours:
                          weekdays: ["06:00-18:00"]
                          saturday: ["06:00-18:00"]
                          sunday: ["06:00-18:00"]
                        services:
                          - { code: A, name: Hộ tịch, expectedServiceMinutes: 5 }
                        counters:
                          - { number: 1, name: "Quầy 1", services: [A] }
                    """.formatted(site, site, zone.getId()));
        }
        return sites.toString();
    }

    /** A node's data folder, with the cluster's token signing key in it. */
    private Path dataFolder(String name) throws IOException {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        Path key = data.resolve("token-signing.key");
        Files.writeString(key, SIGNING_KEY + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return data;
    }

    private static String members(int clusterPort, List<Integer> clusterPorts) {
        return String.join(
                ",",
                clusterPorts.stream()
                        .filter(port -> port != clusterPort)
                        .map(port -> "127.0.0.1:" + port)
                        .toList());
    }

    /**
     * Starts a node in its own JVM, its members being the other {@code clusterPorts}, with {@code options} added to its
     * command line; {@link #listening} waits for its port (start several, then wait: they join in parallel).
     */
    Process spawn(String name, Path centre, int clusterPort, List<Integer> clusterPorts, String... options)
            throws IOException {
        Path data = dataFolder(name);
        List<String> command = new ArrayList<>(List.of(
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
                storeUrl(),
                "--cluster",
                "--cluster-host",
                "127.0.0.1",
                "--cluster-port",
                String.valueOf(clusterPort),
                "--cluster-members",
                members(clusterPort, clusterPorts)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectError(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    /** Waits for a spawned node's first line, the port it listens on, and keeps draining its output. */
    Node listening(String name, Process process, int clusterPort) throws IOException {
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

    /** {@link #spawn} and {@link #listening} in one. */
    Node start(String name, Path centre, int clusterPort, List<Integer> clusterPorts, String... options)
            throws IOException {
        return listening(name, spawn(name, centre, clusterPort, clusterPorts, options), clusterPort);
    }

    /** Starts a node in this JVM, its members being the other {@code clusterPorts}, held back {@code holdBack}. */
    QueueServerMain.Running launch(
            String name, Path centre, int clusterPort, List<Integer> clusterPorts, Duration holdBack) throws Exception {
        ClusterOptions cluster = new ClusterOptions(
                "127.0.0.1", clusterPort, ClusterOptions.parseMembers(members(clusterPort, clusterPorts)), holdBack);
        QueueServerMain.Running node = QueueServerMain.launch(new QueueServerMain.Settings(
                centre, 0, dataFolder(name), true, "127.0.0.1", null, storeUrl(), cluster));
        launched.add(node);
        return node;
    }

    /** Site → the cluster port of the node holding its live lease. */
    Map<String, Integer> leaseHolders() {
        Map<String, Integer> holders = new TreeMap<>();
        try (Connection c = PostgresFixture.connect(db);
                PreparedStatement s = c.prepareStatement("SELECT site, owner FROM site_lease WHERE expires_at > ?")) {
            s.setLong(1, System.currentTimeMillis());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    holders.put(rs.getString(1), clusterPortOf(rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return holders;
    }

    /** The cluster port in a lease's owner ({@code host:port/instance}). */
    static int clusterPortOf(String owner) {
        return Integer.parseInt(owner.substring(owner.indexOf(':') + 1, owner.indexOf('/')));
    }

    /** Sends {@code method path} to the node at {@code baseUrl}, with a bearer token and a JSON body when not null. */
    HttpResponse<String> send(String baseUrl, String method, String path, String token, JsonObject body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
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

    /** Signs {@code username} (password {@code test}) in at the node at {@code baseUrl}: its token. */
    String login(String baseUrl, String username) throws IOException, InterruptedException {
        HttpResponse<String> login = send(
                baseUrl,
                "POST",
                "/api/v1/auth/login",
                null,
                new JsonObject().put("username", username).put("password", "test"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return new JsonObject(login.body()).getString("token");
    }

    /** Kills every spawned node (SIGKILL) and closes every launched one. */
    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
        for (QueueServerMain.Running node : launched) {
            try {
                node.close();
            } catch (RuntimeException ignored) {
                // already closed by the test
            }
        }
    }
}
