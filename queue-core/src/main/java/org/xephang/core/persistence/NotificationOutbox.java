package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The notification sender's view of the {@code notification} table: reads on a connection of its own (blocking: call
 * from a worker), marks through the engine's single writer (a stage that completes after the commit). Like {@link
 * Outbox} for the dossier forwarder.
 */
public final class NotificationOutbox implements AutoCloseable {

    private Connection reader;
    private final ConnectionRenewal opener;
    private NotificationStore reads;
    private final GroupCommitWriter writer;

    public NotificationOutbox(Connection reader, GroupCommitWriter writer) {
        this.reader = reader;
        this.opener = null;
        this.reads = new NotificationStore(reader);
        this.writer = writer;
    }

    /**
     * An outbox whose reader is opened from {@code opener} at its first read (an engine of a cluster node without
     * messages holds no connection for it); {@link #close()} closes it.
     */
    public NotificationOutbox(ConnectionRenewal opener, GroupCommitWriter writer) {
        this.opener = opener;
        this.writer = writer;
    }

    private NotificationStore reads() throws SQLException {
        if (reads == null) {
            reader = opener.renew();
            reads = new NotificationStore(reader);
        }
        return reads;
    }

    /** Pending messages due at {@code now}, oldest first. Blocking. */
    public synchronized List<NotificationStore.Message> due(Instant now, int limit) throws SQLException {
        return reads().due(now, limit);
    }

    /**
     * The due messages of some sites only (a node of a cluster sends those of the sites it owns, docs/adr/0034), read
     * on a connection borrowed from {@code store} for the call. Blocking.
     */
    public static List<NotificationStore.Message> dueOfSites(
            Store store, Instant now, int limit, java.util.Collection<String> sites) throws SQLException {
        try (Connection connection = store.connect()) {
            return new NotificationStore(connection).due(now, limit, sites);
        }
    }

    /** A site's messages in a state ({@code pending}, {@code sent}, {@code dead}), newest first. Blocking. */
    public synchronized List<NotificationStore.Message> list(String site, String state, int limit) throws SQLException {
        return reads().list(site, state, limit);
    }

    /**
     * Records a message of no ticket (a booking's confirmation, the answer to an SMS), due at {@code dueAt}, through
     * the writer; the stage completes after the commit with false when a message with this id was already recorded
     * (a repeated request sends nothing twice). The sender finds it at its next poll.
     */
    public CompletionStage<Boolean> enqueue(
            String id, String site, String kind, String provider, String phone, String payload, Instant dueAt) {
        return writer.submit(tx -> new NotificationStore(tx.connection())
                .recordDue(id, site, null, kind, provider, phone, payload, dueAt));
    }

    public CompletionStage<Void> markSent(String id, Instant at) {
        return writer.submit(tx -> {
            new NotificationStore(tx.connection()).markSent(id, at);
            return null;
        });
    }

    public CompletionStage<Void> markRetry(String id, String error, Instant nextAttemptAt) {
        return writer.submit(tx -> {
            new NotificationStore(tx.connection()).markRetry(id, error, nextAttemptAt);
            return null;
        });
    }

    public CompletionStage<Void> markDead(String id, String reason) {
        return writer.submit(tx -> {
            new NotificationStore(tx.connection()).markDead(id, reason);
            return null;
        });
    }

    @Override
    public synchronized void close() {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (SQLException e) {
            // closing at shutdown: nothing left to do with it
            org.slf4j.LoggerFactory.getLogger(NotificationOutbox.class).debug("closing the reader failed", e);
        }
    }
}
