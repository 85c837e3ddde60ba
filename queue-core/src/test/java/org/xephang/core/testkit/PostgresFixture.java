package org.xephang.core.testkit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.localpg.ThrowawayPostgres;

/**
 * A PostgreSQL server for tests, one per JVM; a fresh database per call of {@link #newDatabase}, or one per test
 * class ({@link #databaseFor}, emptied before each test with {@link #empty}).
 *
 * <ul>
 *   <li>{@code XEPHANG_TEST_POSTGRES_URL} set (CI sets it): that server, e.g.
 *       {@code postgresql://127.0.0.1:5433/postgres?user=postgres}; the user must be allowed to create databases.
 *   <li>Otherwise a {@link ThrowawayPostgres} from the machine's binaries ({@code /usr/lib/postgresql/N/bin}), in a
 *       temporary folder in memory, without fsync, stopped when the JVM exits.
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

    /** The server's {@code --store} argument for {@code database}: {@code postgresql://host:port/db?user=…}. */
    public static String storeArgument(StoreLocation.Postgres database) {
        return "postgresql://" + database.host() + ":" + database.port() + "/" + database.database() + "?user="
                + database.user() + (database.password() == null ? "" : "&password=" + database.password());
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
        ThrowawayPostgres started = ThrowawayPostgres.start("xephang-test-pg", true, false);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                started.kill();
                            } catch (IOException | RuntimeException e) {
                                LOG.warn("Stopping the test PostgreSQL in {} failed", started.home(), e);
                            }
                        },
                        "xephang-test-postgresql-stop"));
        return new StoreLocation.Postgres(
                started.host(), started.port(), "postgres", ThrowawayPostgres.USER, null, java.util.Map.of());
    }
}
