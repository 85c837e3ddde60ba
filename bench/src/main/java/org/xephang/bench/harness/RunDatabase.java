package org.xephang.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.localpg.ThrowawayPostgres;

/**
 * The PostgreSQL database of one failover run: a new, empty database (so numbering and event seqs start at 1 and the
 * audit sees this run only) on the server named by {@code --store}, else by {@code XEPHANG_TEST_POSTGRES_URL} (as CI
 * sets it), else on a {@link ThrowawayPostgres} started from the machine's binaries (the same one the PostgreSQL
 * tests start; durable, as a real server). Closing drops the database when asked, and stops and removes a server it
 * started.
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
    private final ThrowawayPostgres startedServer;
    private boolean dropOnClose;

    private RunDatabase(Location admin, Location database, ThrowawayPostgres startedServer) {
        this.admin = admin;
        this.database = database;
        this.startedServer = startedServer;
    }

    /**
     * Whether a run could find a PostgreSQL server: {@code store} or the variable set, or the binaries installed.
     */
    public static boolean available(String store) {
        String url = store != null ? store : System.getenv(URL_VARIABLE);
        return (url != null && !url.isBlank()) || ThrowawayPostgres.binaries().isPresent();
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
        ThrowawayPostgres started = null;
        if (url != null && !url.isBlank()) {
            admin = Location.parse(url);
        } else {
            if (ThrowawayPostgres.binaries().isEmpty()) {
                throw new IllegalArgumentException("--store: no PostgreSQL given (--store postgresql://…, or "
                        + URL_VARIABLE + ") and no server binaries under /usr/lib/postgresql/*/bin to start one"
                        + " (Debian package postgresql)");
            }
            started = ThrowawayPostgres.start("xephang-bench-pg", false, true);
            admin = new Location(started.host(), started.port(), "postgres", ThrowawayPostgres.USER, null);
        }
        try (Connection connection = admin.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            if (started != null) {
                started.close();
            }
            throw new IllegalArgumentException(
                    "--store: cannot create the run's database " + name + " on " + admin + ": " + e.getMessage(), e);
        }
        return new RunDatabase(admin, admin.withDatabase(name), started);
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
            startedServer.close();
        }
    }
}
