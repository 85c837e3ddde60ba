package org.xephang.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store side of an {@link Authenticator} over a store, on a thread of its own ({@code xephang-account-pull}:
 * blocking JDBC, never an event loop): reads the accounts and revocations other servers (or {@code config import})
 * wrote, every {@code pullEvery}, and deletes old audit entries. Failures are logged once per streak.
 */
final class StoreSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSync.class);

    private final AccountDirectory accounts;
    private final TokenRevocations revocations;
    private final AccountStorage storage;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private volatile boolean pullFailing;
    private volatile boolean closed;

    StoreSync(
            AccountDirectory accounts,
            TokenRevocations revocations,
            AccountStorage storage,
            Clock clock,
            Duration pullEvery) {
        this.accounts = accounts;
        this.revocations = revocations;
        this.storage = storage;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread pulling = new Thread(runnable, "xephang-account-pull");
            pulling.setDaemon(true);
            return pulling;
        });
        thread.scheduleWithFixedDelay(this::pull, pullEvery.toMillis(), pullEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pull() {
        try {
            accounts.pull();
            revocations.pull();
            if (pullFailing) {
                pullFailing = false;
                LOG.info("Reading the accounts and revocations of the store again");
            }
        } catch (AccountStorage.StorageException | RuntimeException failed) {
            if (!pullFailing && !closed) {
                pullFailing = true;
                LOG.error("Cannot read the accounts and revocations of the store; other servers' changes wait", failed);
            }
        }
    }

    /** Deletes audit entries older than {@code retention} now and every {@code purgeEvery}. */
    void retainAudit(Duration retention, Duration purgeEvery) {
        thread.scheduleWithFixedDelay(
                () -> {
                    try {
                        int deleted = storage.purgeAuditBefore(clock.instant().minus(retention));
                        if (deleted > 0) {
                            LOG.info("Audit log: {} entries older than {} days deleted", deleted, retention.toDays());
                        }
                    } catch (AccountStorage.StorageException | RuntimeException failed) {
                        if (!closed) {
                            LOG.error("Could not delete old audit entries; trying again in {}", purgeEvery, failed);
                        }
                    }
                },
                0,
                purgeEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
    }
}
