package org.xephang.bench.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database of one failover run: a new, empty database (so numbering and event seqs start at 1 and the
 * audit sees this run only) on the server named by {@code --store}, else by {@code XEPHANG_TEST_POSTGRES_URL} (as CI
 * sets it), else on a throwaway server started from the machine's binaries ({@code /usr/lib/postgresql/N/bin}) in a
 * temporary folder on a free port, as {@code .ci/run} does (as the {@code postgres} user when run as root). Closing
 * drops the database when asked, and stops and removes a server it started.
 */
public final class RunDatabase implements AutoCloseable {

    static final String URL_VARIABLE = "XEPHANG_TEST_POSTGRES_URL";
    private static final Logger LOG = LoggerFactory.getLogger(RunDatabase.class);

    /** Where a PostgreSQL server is: {@code postgresql://HOST:PORT/DB?user=…&password=…}. */
    public record Location(String host, int port, String database, String user, String password) {

        public static Location parse(String url) {
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a postgresql:// URL: " + e.getMessage());
            }
            if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be postgresql://HOST:PORT/DB?user=…, got " + redacted(url));
            }
            Map<String, String> query = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(
                                pair.substring(0, eq),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            String database = uri.getPath() == null || uri.getPath().length() <= 1
                    ? "postgres"
                    : uri.getPath().substring(1);
            return new Location(
                    uri.getHost(),
                    uri.getPort() > 0 ? uri.getPort() : 5432,
                    database,
                    query.getOrDefault("user", "postgres"),
                    query.get("password"));
        }

        public Location withDatabase(String name) {
            return new Location(host, port, name, user, password);
        }

        /** As {@code xephang server --store} takes it. */
        public String storeUrl() {
            return "postgresql://" + host + ":" + port + "/" + database + "?user="
                    + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + (password == null ? "" : "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        }

        public Connection connect() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            if (password != null) {
                properties.setProperty("password", password);
            }
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
        }

        @Override
        public String toString() {
            return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
        }
    }

    private static String redacted(String url) {
        return url.replaceAll("password=[^&]*", "password=…");
    }

    private final Location admin;
    private final Location database;
    private final Path startedServer;
    private final Path binaries;
    private boolean dropOnClose;

    private RunDatabase(Location admin, Location database, Path startedServer, Path binaries) {
        this.admin = admin;
        this.database = database;
        this.startedServer = startedServer;
        this.binaries = binaries;
    }

    /**
     * Whether a run could find a PostgreSQL server: {@code store} or the variable set, or the binaries installed.
     */
    public static boolean available(String store) {
        String url = store != null ? store : System.getenv(URL_VARIABLE);
        return (url != null && !url.isBlank()) || binaries() != null;
    }

    /**
     * Creates the run's database.
     *
     * @param store the {@code --store} option, or null
     * @throws IllegalArgumentException when no server can be found or reached, naming where it looked
     */
    public static RunDatabase create(String store, String name) throws IOException, InterruptedException {
        String url = store != null ? store : System.getenv(URL_VARIABLE);
        Location admin;
        Path started = null;
        Path bin = null;
        if (url != null && !url.isBlank()) {
            admin = Location.parse(url);
        } else {
            bin = binaries();
            if (bin == null) {
                throw new IllegalArgumentException("--store: no PostgreSQL given (--store postgresql://…, or "
                        + URL_VARIABLE + ") and no server binaries under /usr/lib/postgresql/*/bin to start one"
                        + " (Debian package postgresql)");
            }
            // A temporary folder (not the work folder, whose parents the postgres user may not be allowed to enter).
            started = Files.createTempDirectory("xephang-bench-pg");
            admin = startServer(bin, started);
        }
        try (Connection connection = admin.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    "--store: cannot create the run's database " + name + " on " + admin + ": " + e.getMessage(), e);
        }
        return new RunDatabase(admin, admin.withDatabase(name), started, bin);
    }

    public Location location() {
        return database;
    }

    /** Drop the run's database on close (a clean run: nothing to look into). */
    public void dropOnClose() {
        dropOnClose = true;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (dropOnClose && startedServer == null) {
            try (Connection connection = admin.connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
            } catch (SQLException e) {
                LOG.warn("Could not drop the run's database {}", database, e);
            }
        }
        if (startedServer != null) {
            run(
                    List.of(
                            binaries.resolve("pg_ctl").toString(),
                            "-D",
                            startedServer.resolve("data").toString(),
                            "-m",
                            "fast",
                            "-w",
                            "stop"),
                    60);
            run(List.of("rm", "-rf", startedServer.toString()), 60, false);
        }
    }

    private static Location startServer(Path bin, Path home) throws IOException, InterruptedException {
        Files.createDirectories(home);
        if (asRoot()) {
            run(List.of("chown", "postgres:postgres", home.toString()), 30, false);
        }
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        home.resolve("data").toString(),
                        "-U",
                        "postgres",
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--no-sync"),
                120);
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            try {
                run(
                        List.of(
                                bin.resolve("pg_ctl").toString(),
                                "-D",
                                home.resolve("data").toString(),
                                "-l",
                                home.resolve("server.log").toString(),
                                "-w",
                                "-t",
                                "60",
                                "-o",
                                "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                                "start"),
                        90);
                LOG.info("PostgreSQL for the run started on 127.0.0.1:{} in {}", port, home);
                return new Location("127.0.0.1", port, "postgres", "postgres", null);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} holding initdb and pg_ctl, or null. */
    static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
            for (Path version : versions) {
                Path bin = version.resolve("bin");
                if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                    found.add(bin);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list /usr/lib/postgresql", e);
            return null;
        }
        return found.stream()
                .max(Comparator.comparingInt(RunDatabase::majorVersion))
                .orElse(null);
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        run(command, timeoutSeconds, asRoot());
    }

    /** Runs a PostgreSQL tool (as the postgres user when root: PostgreSQL refuses to run as root). */
    private static void run(List<String> command, int timeoutSeconds, boolean asPostgres)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("xephang-bench-pg", ".out");
        try {
            Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output).strip());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
