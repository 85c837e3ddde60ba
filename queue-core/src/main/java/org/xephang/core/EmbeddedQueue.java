package org.xephang.core;

import java.nio.file.Path;
import java.time.Clock;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;

/**
 * The queue engine in this JVM, for tools that drive it through {@link QueueService} alone (bench's province-day):
 * the published way in. Opened from a centre YAML and a data directory; nothing of the engine's, the store's or the
 * routing's own types shows, so they stay free to change.
 */
public final class EmbeddedQueue implements AutoCloseable {

    /** The most commands committed in one transaction unless told otherwise. */
    public static final int DEFAULT_MAX_GROUP_SIZE = EngineOptions.DEFAULT_MAX_GROUP_SIZE;

    private final QueueEngine engine;

    private EmbeddedQueue(QueueEngine engine) {
        this.engine = engine;
    }

    /**
     * Opens (or creates) the database in {@code dataDir} and rebuilds the state; tickets are issued at any hour.
     * Blocking.
     *
     * @throws IllegalArgumentException when the centre file is not valid (the message lists every problem)
     * @throws IllegalStateException when the database cannot be opened
     */
    public static EmbeddedQueue openAlwaysOpen(Path centreYaml, Path dataDir, Clock clock, int maxGroupSize) {
        return openAlwaysOpen(centreYaml, null, dataDir, clock, maxGroupSize);
    }

    /**
     * {@link #openAlwaysOpen(Path, Path, Clock, int)} on a store given as {@code xephang server --store} takes it
     * ({@code postgresql://HOST:PORT/DB?user=…}, {@code sqlite:DIR}); null: SQLite in {@code dataDir}.
     */
    public static EmbeddedQueue openAlwaysOpen(
            Path centreYaml, String store, Path dataDir, Clock clock, int maxGroupSize) {
        org.xephang.core.persistence.StoreLocation location;
        try {
            location = store == null
                    ? org.xephang.core.persistence.StoreLocation.Sqlite.inFolder(dataDir)
                    : ServerStore.parse(store);
        } catch (QueueServerMain.UsageException bad) {
            throw new IllegalArgumentException(bad.getMessage(), bad);
        }
        try {
            return new EmbeddedQueue(QueueEngine.open(
                    CentreConfigLoader.load(centreYaml),
                    location,
                    clock,
                    new EngineOptions(true, "http://127.0.0.1:8080", maxGroupSize)));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The commands and queries, completing on the engine's writer thread. */
    public QueueService service() {
        return engine;
    }

    /** Finishes queued commands, then closes the database. Blocking. */
    @Override
    public void close() {
        engine.close();
    }
}
