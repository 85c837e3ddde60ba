package org.xephang.core;

import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.config.StoredConfiguration;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreInUseException;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.persistence.StoreUnreachableException;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.ConfigException;

/**
 * The server's store at start ({@link QueueServerMain}): reads {@code --store}, opens and migrates it, and seeds the
 * configuration kept in it (issue #14). Every problem a user can fix is a usage error naming the option. Blocking.
 */
final class ServerStore {

    /**
     * Connections an engine of one site holds in a cluster: its writer's. Its outbox and notification readers connect
     * at their first read, which a node's engine never makes (the node's outbox reads for all its sites).
     */
    static final int CONNECTIONS_PER_SITE = 1;
    /**
     * The node's own (outbox of its sites, ticket lookups, readiness, lease release, accounts and revocations) and the
     * short reads of the engines (statistics, configuration), which borrow one and give it back.
     */
    static final int NODE_CONNECTIONS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(ServerStore.class);

    private ServerStore() {}

    /** Reads a {@code --store} value; a bad one is a usage error naming the option. */
    static StoreLocation parse(String text) throws QueueServerMain.UsageException {
        try {
            return StoreLocation.parse(text);
        } catch (IllegalArgumentException bad) {
            throw new QueueServerMain.UsageException("--store: " + bad.getMessage());
        }
    }

    /**
     * Opens (and migrates) the store before anything listens: a wrong {@code --store} URL or credentials, or a data
     * folder in use by another server, is a usage error naming the option; anything else (a database written by a newer
     * release) fails the start with its message. A node of a cluster gets a pool large enough for an engine per site.
     */
    static Store open(QueueServerMain.Settings settings, int sites) throws QueueServerMain.UsageException {
        StoreLocation location = settings.storeLocation();
        String option = settings.store() != null ? "--store " + location : "--data " + settings.dataDir();
        try {
            if (settings.cluster() != null && location instanceof StoreLocation.Postgres postgres) {
                // A node of a cluster runs an engine per site it owns, each holding its writer's connection; the pool
                // opens connections as they are needed (one at start), so this is a ceiling for a node owning them all.
                return PostgresStore.open(postgres, CONNECTIONS_PER_SITE * sites + NODE_CONNECTIONS);
            }
            return Store.open(location);
        } catch (StoreUnreachableException | StoreInUseException unusable) {
            throw new QueueServerMain.UsageException(option + ": " + unusable.getMessage());
        } catch (SQLException cannotOpen) {
            throw new IllegalStateException(
                    "cannot open the store " + location + ": " + cannotOpen.getMessage(), cannotOpen);
        }
    }

    static CentreConfig seedConfiguration(Store store, QueueServerMain.Settings settings)
            throws QueueServerMain.UsageException {
        try {
            return seedOnce(store, settings);
        } catch (SQLException raced) {
            if (!isRace(raced)) {
                return failedToRead(store, raced);
            }
            // Nodes of a cluster starting together (after a power cut) seed the same rows: the one that lost the race
            // reads what the other wrote.
            LOG.info("Another node seeded the configuration at the same time; reading it again");
            try {
                return seedOnce(store, settings);
            } catch (SQLException cannotRead) {
                return failedToRead(store, cannotRead);
            }
        }
    }

    /**
     * A concurrent writer won: a stale version, a unique key or a serialisation conflict (PostgreSQL SQLSTATE classes
     * 23 and 40).
     */
    static boolean isRace(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.xephang.core.persistence.ConfigDocuments.StaleVersionException) {
                return true; // another node saved version 1 of a site first
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("40"))) {
                return true;
            }
        }
        return false;
    }

    private static CentreConfig failedToRead(Store store, SQLException cannotRead) {
        store.close();
        throw new IllegalStateException(
                "cannot read the configuration from the store " + store.location() + ": " + cannotRead.getMessage(),
                cannotRead);
    }

    private static CentreConfig seedOnce(Store store, QueueServerMain.Settings settings)
            throws QueueServerMain.UsageException, SQLException {
        try {
            return StoredConfiguration.seedAndLoad(store, settings.config(), Instant.now())
                    .config();
        } catch (ConfigException invalid) {
            store.close();
            throw new QueueServerMain.UsageException("the configuration in the store " + store.location() + ": "
                    + String.join("; ", invalid.problems()));
        }
    }
}
