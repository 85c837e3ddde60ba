package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes to the store made by something other than the queue (accounts, token revocations, the audit log) go through
 * the store's one writer, inside its next group transaction: a second writing connection to a SQLite file would make the
 * writer's own transactions fail with SQLITE_BUSY. Blocking: call from a worker, never from the writer thread itself.
 */
public final class StoreWrites {

    /** How long a write waits for its group's commit. */
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Work on the writer's connection, inside its transaction; keep it to plain, short statements. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final GroupCommitWriter writer;
    private final Store direct;

    public StoreWrites(GroupCommitWriter writer) {
        this.writer = java.util.Objects.requireNonNull(writer, "writer");
        this.direct = null;
    }

    private StoreWrites(Store direct) {
        this.writer = null;
        this.direct = direct;
    }

    /** Writes on a connection of their own, each in its own transaction: only where no engine writes the store. */
    public static StoreWrites direct(Store store) {
        return new StoreWrites(java.util.Objects.requireNonNull(store, "store"));
    }

    /** Runs {@code work} in the writer's next transaction and waits for the commit. */
    public <T> T write(Work<T> work) throws SQLException {
        if (direct != null) {
            try (Connection c = direct.connect()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException failed) {
                    c.rollback();
                    throw failed;
                }
            }
        }
        try {
            return writer.submit(transaction -> work.run(transaction.connection()))
                    .toCompletableFuture()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException(
                    "the store's writer refused: " + failed.getCause().getMessage(), failed.getCause());
        } catch (TimeoutException slow) {
            throw new SQLException("the store's writer did not commit within " + WAIT.toSeconds() + " s", slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the store's writer", interrupted);
        }
    }
}
