package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Where the queue state is kept: the SQLite file of one office ({@link SqliteStore}) or a PostgreSQL database shared by
 * a province ({@link PostgresStore}). Both hold the same tables, migrated by Flyway on open ({@link SchemaMigrations}),
 * and the same SQL runs on both ({@link QueueStore}, {@link Outbox}); a store only hands out connections. Blocking:
 * call from a worker, the writer thread or main.
 */
public interface Store extends AutoCloseable {

    /**
     * Opens the store, creating the SQLite file or connecting to PostgreSQL, and migrates its schema to the newest
     * version this release knows.
     *
     * @throws StoreUnreachableException when PostgreSQL cannot be reached or refuses the credentials
     * @throws SchemaTooNewException when the database was written by a newer release
     * @throws SQLException when anything else fails
     */
    static Store open(StoreLocation location) throws SQLException {
        if (location instanceof StoreLocation.Sqlite sqlite) {
            return SqliteStore.open(sqlite);
        }
        return PostgresStore.open((StoreLocation.Postgres) location);
    }

    /** Where it is (safe to log: no password). */
    StoreLocation location();

    /** A connection with auto-commit on; the caller owns and closes it. */
    Connection connect() throws SQLException;

    /**
     * A connection for the engine's one writer (its transactions are the only writes while the engine runs), tuned for
     * group commits where the store has something to tune; the caller owns and closes it. Auto-commit is on.
     */
    default Connection connectWriter() throws SQLException {
        return connect();
    }

    /** Like {@link #reconnect()}, for the writer: replaces a writer's connection that was lost. */
    default Connection reconnectWriter() throws SQLException {
        return reconnect();
    }

    /**
     * A connection known to work, to replace one that was lost (the pool may still hold connections cut at the same
     * moment). Blocking.
     */
    default Connection reconnect() throws SQLException {
        return connect();
    }

    /** Whether the store answers a trivial query within about two seconds (for readiness checks). Blocking. */
    boolean answers();

    /** The schema version in the database (Flyway's). */
    int schemaVersion() throws SQLException;

    /**
     * Deletes the audit log's entries older than {@code before} (the data-retention job calls it; entries are kept 400
     * days by default). Blocking.
     *
     * @return how many were deleted
     */
    default int purgeAuditBefore(Instant before) throws SQLException {
        try (Connection connection = connect()) {
            return AuditRecords.purgeBefore(connection, before);
        }
    }

    /** Releases the store (the SQLite lock, the PostgreSQL pool). Connections handed out should be closed first. */
    @Override
    void close();
}
