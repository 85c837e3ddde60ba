package org.xephang.core.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.xephang.core.persistence.Store;

/**
 * Reads of the store that need more than the published state (statistics, saved configuration documents): one at a
 * time on their own thread and their own connection, so a long report never holds up the writer or the queries.
 */
final class StoreReads implements AutoCloseable {

    @FunctionalInterface
    interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface Failure {
        RuntimeException of(SQLException cause);
    }

    private final Store database;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "xephang-statistics");
        thread.setDaemon(true);
        return thread;
    });

    StoreReads(Store database) {
        this.database = database;
    }

    /** Runs {@code read} on a fresh connection; an SQL failure becomes {@code failure}'s exception. */
    <T> CompletionStage<T> read(Read<T> read, Failure failure) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (Connection connection = database.connect()) {
                        return read.run(connection);
                    } catch (SQLException e) {
                        throw failure.of(e);
                    }
                },
                thread);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
