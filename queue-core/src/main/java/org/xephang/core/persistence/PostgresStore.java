package org.xephang.core.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL database through pgjdbc and a small HikariCP pool (docs/adr/0022-postgresql-store-over-jdbc.md). The
 * engine holds two connections for its lifetime (the writer's, whose transactions are the commit groups, and the
 * outbox reader's); statistics, readiness pings and tools borrow the rest. Schema migrated by Flyway from {@code
 * db/migration/postgresql} (Flyway takes a PostgreSQL advisory lock, so nodes starting together migrate once).
 */
public final class PostgresStore implements Store {

    /** Writer + outbox reader + statistics + readiness + a tool, with room to spare. */
    static final int POOL_SIZE = 6;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final StoreLocation.Postgres location;
    private final HikariDataSource pool;
    private final int poolSize;
    /** False for a {@link #shared} view: closing it leaves the pool to its owner. */
    private final boolean ownsPool;

    private int schemaVersion;

    private PostgresStore(StoreLocation.Postgres location, HikariDataSource pool, int poolSize, boolean ownsPool) {
        this.location = location;
        this.pool = pool;
        this.poolSize = poolSize;
        this.ownsPool = ownsPool;
    }

    /**
     * The same database and pool for one engine of a node of a cluster (an engine per site, docs/adr/0027-…): the engine
     * owns this view, and closing it leaves the pool open for the node's other engines.
     */
    public PostgresStore shared() {
        PostgresStore view = new PostgresStore(location, pool, poolSize, false);
        view.schemaVersion = schemaVersion;
        return view;
    }

    /**
     * Connects (failing within a few seconds when the server does not answer) and migrates the schema.
     *
     * @throws StoreUnreachableException with the reason (no server, wrong password, no such database…)
     */
    public static PostgresStore open(StoreLocation.Postgres location) throws SQLException {
        return open(location, POOL_SIZE);
    }

    /**
     * {@link #open(StoreLocation.Postgres)} with a pool of {@code poolSize} connections at most (a node of a cluster
     * runs an engine per site: about 3 connections each).
     */
    public static PostgresStore open(StoreLocation.Postgres location, int poolSize) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("xephang-postgresql");
        config.setJdbcUrl(location.jdbcUrl());
        config.setUsername(location.user());
        if (location.password() != null) {
            config.setPassword(location.password());
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("ApplicationName", "xephang");
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        for (Map.Entry<String, String> option : location.options().entrySet()) {
            config.addDataSourceProperty(option.getKey(), option.getValue());
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            throw unreachable(location, e);
        }
        PostgresStore store = new PostgresStore(location, pool, poolSize, true);
        try {
            store.schemaVersion =
                    SchemaMigrations.migrate(pool, SchemaMigrations.Dialect.POSTGRESQL, location.toString());
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info("Store {} open (schema version {})", location, store.schemaVersion);
        return store;
    }

    /** The one-line reason why the server could not be used, from pgjdbc's SQL state. */
    static StoreUnreachableException unreachable(StoreLocation.Postgres location, Exception failure) {
        SQLException sql = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                sql = e;
                break;
            }
        }
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String detail = sql == null ? failure.getMessage() : sql.getMessage();
        String reason;
        if (state.equals("28P01") || state.equals("28000")) {
            reason = "PostgreSQL refused user \"" + location.user() + "\" (wrong user or password)";
        } else if (state.equals("3D000")) {
            reason = "PostgreSQL has no database \"" + location.database() + "\" (create it first)";
        } else if (state.startsWith("08")) {
            reason = "cannot reach PostgreSQL at " + location.host() + ":" + location.port() + " (" + detail + ")";
        } else {
            reason = "cannot open " + location + ": " + detail;
        }
        return new StoreUnreachableException(reason, failure);
    }

    @Override
    public StoreLocation.Postgres location() {
        return location;
    }

    @Override
    public Connection connect() throws SQLException {
        return pool.getConnection();
    }

    /** Skips (and evicts) pooled connections that were cut with the lost one: the pool checks only long-idle ones. */
    @Override
    public Connection reconnect() throws SQLException {
        for (int attempt = 0; attempt <= poolSize; attempt++) {
            Connection connection = pool.getConnection();
            if (connection.isValid(2)) {
                return connection;
            }
            pool.evictConnection(connection);
        }
        throw new SQLException("no working connection to " + location + " after " + (poolSize + 1) + " attempts");
    }

    @Override
    public boolean answers() {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                return rs.next();
            }
        } catch (SQLException e) {
            LOG.warn("Store {} does not answer: {}", location, e.getMessage());
            return false;
        }
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }
}
