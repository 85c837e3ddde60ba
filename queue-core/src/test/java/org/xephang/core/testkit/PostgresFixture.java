package org.xephang.core.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.persistence.StoreLocation;

/**
 * A PostgreSQL server for tests, one per JVM; a fresh database per call of {@link #newDatabase}, or one per test
 * class ({@link #databaseFor}, emptied before each test with {@link #empty}).
 *
 * <ul>
 *   <li>{@code XEPHANG_TEST_POSTGRES_URL} set (CI sets it): that server, e.g.
 *       {@code postgresql://127.0.0.1:5433/postgres?user=postgres}; the user must be allowed to create databases.
 *   <li>Otherwise a throwaway server from the machine's binaries ({@code /usr/lib/postgresql/N/bin}: initdb, pg_ctl)
 *       in a temporary folder on a free port, run as the {@code postgres} user when the JVM is root (PostgreSQL refuses
 *       to run as root), stopped when the JVM exits.
 *   <li>Neither: the test is skipped with a message, or FAILS under {@code CI=true}.
 * </ul>
 */
public final class PostgresFixture {

    public static final String URL_VARIABLE = "XEPHANG_TEST_POSTGRES_URL";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresFixture.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final java.util.Map<Class<?>, StoreLocation.Postgres> CLASS_DATABASES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static StoreLocation.Postgres server;
    private static String unavailable;

    private PostgresFixture() {}

    /**
     * A new empty database on the test server, named after {@code purpose}.
     *
     * @throws org.opentest4j.TestAbortedException when no PostgreSQL is available (outside CI)
     */
    public static StoreLocation.Postgres newDatabase(String purpose) {
        StoreLocation.Postgres admin = server();
        String name = ("x_" + purpose.replaceAll("[^A-Za-z0-9]", "_") + "_"
                        + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet())
                .toLowerCase(Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        try (Connection connection = connect(admin);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return admin.withDatabase(name);
    }

    /**
     * The database of a test class, created at its first use; {@link #empty} it before each test. Cheaper than a
     * database per test: creating one copies a template, and a long suite would leave hundreds behind.
     */
    public static StoreLocation.Postgres databaseFor(Class<?> testClass) {
        return CLASS_DATABASES.computeIfAbsent(testClass, c -> newDatabase(c.getSimpleName()));
    }

    /** Deletes every row of the queue tables, when the schema is there (the store keeps its migration history). */
    public static void empty(StoreLocation.Postgres database) {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet rs = statement.executeQuery("SELECT to_regclass('ticket') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            }
            // CASCADE: the tables of later migrations that reference tickets (notifications) are emptied with them.
            statement.execute(
                    "TRUNCATE rating, event, counter_desk, ticket, appointment, statistics_day, number_block CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database " + database + ": " + e.getMessage(), e);
        }
    }

    /** A plain JDBC connection to a location (for checks beside the store). */
    public static Connection connect(StoreLocation.Postgres location) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", location.user());
        if (location.password() != null) {
            properties.setProperty("password", location.password());
        }
        return DriverManager.getConnection(location.jdbcUrl(), properties);
    }

    private static synchronized StoreLocation.Postgres server() {
        if (server == null && unavailable == null) {
            String url = System.getenv(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                server = (StoreLocation.Postgres) StoreLocation.parse(url);
            } else {
                try {
                    server = startThrowawayServer();
                } catch (IOException | RuntimeException e) {
                    unavailable = e.getMessage();
                    LOG.warn("No PostgreSQL for the tests: {}", unavailable, e);
                }
            }
        }
        if (server == null) {
            String message = "PostgreSQL tests need " + URL_VARIABLE + " or the PostgreSQL server binaries"
                    + " (/usr/lib/postgresql/N/bin, Debian package postgresql): " + unavailable;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: " + message);
            }
            Assumptions.abort(message);
        }
        return server;
    }

    private static StoreLocation.Postgres startThrowawayServer() throws IOException {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("no initdb and pg_ctl found under /usr/lib/postgresql/*/bin");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        // In memory when the machine has /dev/shm: initdb and CREATE DATABASE write thousands of small files.
        Path shm = Path.of("/dev/shm");
        Path home = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "xephang-test-pg")
                : Files.createTempDirectory("xephang-test-pg");
        Path data = home.resolve("data");
        Path log = home.resolve("server.log");
        int port = freePort();
        if (root) {
            run(List.of("chown", "postgres:postgres", home.toString()), false, 30);
        }
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        "postgres",
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--no-sync"),
                root,
                120);
        // Tests need no durability against power loss: fsync off keeps the shared machine quiet.
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        log.toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c full_page_writes=off -c max_connections=200",
                        "start"),
                root,
                90);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                run(
                                        List.of(
                                                bin.resolve("pg_ctl").toString(),
                                                "-D",
                                                data.toString(),
                                                "-m",
                                                "immediate",
                                                "stop"),
                                        root,
                                        30);
                                run(List.of("rm", "-rf", home.toString()), false, 20);
                            } catch (IOException | RuntimeException e) {
                                LOG.warn("Stopping the test PostgreSQL in {} failed: {}", home, e.getMessage());
                            }
                        },
                        "xephang-test-postgresql-stop"));
        LOG.info("Test PostgreSQL started on 127.0.0.1:{} in {}", port, home);
        return new StoreLocation.Postgres("127.0.0.1", port, "postgres", "postgres", null, java.util.Map.of());
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} holding initdb and pg_ctl, or null. */
    static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
            for (Path version : versions) {
                Path bin = version.resolve("bin");
                if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                    candidates.add(bin);
                }
            }
        }
        return candidates.stream()
                .max(Comparator.comparingInt(PostgresFixture::majorVersion))
                .orElse(null);
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, boolean asPostgres, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("xephang-test-pg", ".out");
        Process process = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + Files.readString(output).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
