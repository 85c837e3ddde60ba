package org.xephang.bench.harness;

import java.io.IOException;
import org.xephang.bench.report.BenchReport;

/**
 * The store of a run of {@code bench issue} or {@code bench province-day} ({@code --store}): {@code sqlite} (the
 * default: the SQLite file in the work folder), {@code postgresql} (a new database on the server named by {@code
 * XEPHANG_TEST_POSTGRES_URL}, else on one started from the machine's binaries, as {@code bench failover} does), or
 * {@code postgresql://HOST:PORT/DB?user=…} (a new database on that server). The run's database is dropped after a
 * clean run; a server started for the run is stopped.
 */
public final class BenchStore implements AutoCloseable {

    private final RunDatabase database;

    private BenchStore(RunDatabase database) {
        this.database = database;
    }

    /**
     * @param option the {@code --store} value
     * @param scenario names the run's database
     * @throws IllegalArgumentException for a value that is none of the three, or a PostgreSQL that cannot be found or
     *     reached (naming the option)
     */
    public static BenchStore open(String option, String scenario) throws IOException, InterruptedException {
        if (option == null || option.equals("sqlite")) {
            return new BenchStore(null);
        }
        if (!option.equals("postgresql") && !option.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "--store: sqlite, postgresql or postgresql://HOST:PORT/DB?user=…, got \"" + option + "\"");
        }
        String name = "xephang_" + scenario.replace('-', '_') + "_"
                + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100000;
        return new BenchStore(RunDatabase.create(option.equals("postgresql") ? null : option, name));
    }

    /** What a scenario runs on its store: its exit code. */
    @FunctionalInterface
    public interface Run {
        int on(BenchStore store) throws Exception;
    }

    /**
     * Opens the store of {@code --store} ({@link #open}), names it in the report, runs {@code run} on it, and drops its
     * database when the run returned 0 (a failed run's database is kept to look at).
     */
    public static int run(String option, String scenario, BenchReport report, Run run) throws Exception {
        try (BenchStore store = open(option, scenario)) {
            report.parameter("store", store.describe());
            report.print("store: " + store.describe());
            int code = run.on(store);
            if (code == 0) {
                store.dropOnClose();
            }
            return code;
        }
    }

    /** Whether the run is on PostgreSQL. */
    public boolean postgres() {
        return database != null;
    }

    /** {@code xephang server --store} of the run; null on SQLite (the data folder's file). */
    public String serverStore() {
        return database == null ? null : database.location().storeUrl();
    }

    /** For the report: {@code sqlite} or the database without its password. */
    public String describe() {
        return database == null ? "sqlite" : database.location().toString();
    }

    /** The run went well: its database is not kept. */
    public void dropOnClose() {
        if (database != null) {
            database.dropOnClose();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (database != null) {
            database.close();
        }
    }
}
