package org.xephang.core.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.persistence.BookingStore;
import org.xephang.core.persistence.GroupCommitWriter;
import org.xephang.core.persistence.NotificationStore;
import org.xephang.core.persistence.QueueStore;
import org.xephang.core.persistence.Store;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.TicketRecord;

/**
 * The engine's one writer (docs/architecture.md §7): every command of every site queues here and runs on the writer
 * thread in arrival order, grouped into one transaction and one fsync ({@link GroupCommitWriter}). A site's command
 * first runs the site's housekeeping ({@link SiteQueue#beforeCommand}), then the command, then the hook that records
 * what the command made due (notifications); after the commit the sites' new states are published under the publish
 * lock; after a rollback memory is rebuilt from the database. A lost connection is replaced after the group that found
 * it failed, so the engine serves again when the database is back.
 */
final class EngineWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWriter.class);

    @FunctionalInterface
    interface SiteCommand<T> {
        T run(SiteQueue site, SiteQueue.Writes writes, Instant now) throws SQLException;
    }

    @FunctionalInterface
    interface TicketCommand<T> {
        T run(SiteQueue site, SiteQueue.Writes writes, TicketRecord ticket, Instant now) throws SQLException;
    }

    @FunctionalInterface
    interface WriterCommand<T> {
        T run(SiteQueue.Writes writes, Instant now) throws SQLException;
    }

    /** Run after every site command, in its write group. */
    @FunctionalInterface
    interface AfterCommand {
        void run(SiteQueue site, SiteQueue.Writes writes, Instant now) throws SQLException;
    }

    private final Clock clock;
    private final Map<String, SiteQueue> sites;
    /** The site of every ticket in memory (writer thread): a ticket command finds its site without asking each one. */
    private final Map<String, SiteQueue> siteOfTicket;
    /** Held while committed events and state are published, and while a subscription takes its snapshot. */
    private final ReentrantLock publishLock = new ReentrantLock();

    private final GroupCommitWriter writer;
    private final AfterCommand afterCommand;
    /** The writer's statements; replaced on the writer thread when the writer renews a lost connection. */
    private QueueStore store;
    /** The notification tables on the writer's connection (replaced with it). */
    private NotificationStore notificationStore;

    /** Loads every site from the store on {@code connection}, then starts the writer thread on it. */
    EngineWriter(
            Map<String, SiteQueue> sites,
            Map<String, SiteQueue> siteOfTicket,
            Store database,
            Connection connection,
            Clock clock,
            int maxGroupSize,
            SiteLeases leases,
            AfterCommand afterCommand)
            throws SQLException {
        this.sites = sites;
        this.siteOfTicket = siteOfTicket;
        this.clock = clock;
        this.afterCommand = afterCommand;
        this.store = new QueueStore(connection);
        this.notificationStore = new NotificationStore(connection);
        for (SiteQueue site : sites.values()) {
            site.load(store, notificationStore, clock.instant());
        }
        this.writer = new GroupCommitWriter(
                connection,
                publishLock,
                this::publishChanges,
                this::reload,
                maxGroupSize,
                "xephang-writer",
                database::reconnectWriter,
                renewed -> {
                    store = new QueueStore(renewed);
                    notificationStore = new NotificationStore(renewed);
                },
                leases.fence());
    }

    GroupCommitWriter groupCommit() {
        return writer;
    }

    ReentrantLock publishLock() {
        return publishLock;
    }

    /** The site's queue (writer thread, or for its configuration from any thread), or null. */
    SiteQueue siteQueue(String siteCode) {
        return sites.get(siteCode);
    }

    /**
     * A site created while running (writer thread, inside a write command): loaded from the store now, served once the
     * command is committed (a rolled-back group leaves no trace of it).
     */
    SiteQueue addSite(SiteConfig config, EngineOptions options, SiteQueue.Writes writes, Instant now)
            throws SQLException {
        SiteQueue site = new SiteQueue(config, clock, options, siteOfTicket);
        site.load(writes.store(), writes.notificationStore(), now);
        writes.afterCommit(() -> sites.put(config.code(), site));
        return site;
    }

    /** The sites' queues, in configuration order. */
    Collection<SiteQueue> siteQueues() {
        return sites.values();
    }

    /** The database keeps milliseconds: so do events and answers, so that a restart changes no timestamp. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A command of no one site (the bookings found by code, the purges, the lease renewal). */
    <T> CompletionStage<T> onWriter(WriterCommand<T> command) {
        return writer.submit(tx -> command.run(writes(tx), now()));
    }

    <T> CompletionStage<T> onSite(String siteCode, SiteCommand<T> command) {
        SiteQueue site = sites.get(siteCode);
        if (site == null) {
            return CompletableFuture.failedFuture(unknownSite(siteCode));
        }
        return writer.submit(tx -> {
            SiteQueue.Writes writes = writes(tx);
            Instant now = now();
            site.beforeCommand(writes, now);
            T result = command.run(site, writes, now);
            afterCommand.run(site, writes, now);
            return result;
        });
    }

    <T> CompletionStage<T> onTicket(String ticketId, TicketCommand<T> command) {
        if (ticketId == null) {
            return CompletableFuture.failedFuture(unknownTicket(null));
        }
        return writer.submit(tx -> {
            SiteQueue site = siteOfTicket.get(ticketId);
            if (site == null) {
                throw unknownTicket(ticketId);
            }
            SiteQueue.Writes writes = writes(tx);
            Instant now = now();
            site.beforeCommand(writes, now);
            // The rollover may have cancelled the ticket, or let a finished ticket of an earlier day leave memory.
            TicketRecord ticket = site.find(ticketId).orElseThrow(() -> unknownTicket(ticketId));
            T result = command.run(site, writes, ticket, now);
            afterCommand.run(site, writes, now);
            return result;
        });
    }

    private SiteQueue.Writes writes(GroupCommitWriter.Transaction tx) {
        return new SiteQueue.Writes() {
            @Override
            public QueueStore store() {
                return store;
            }

            @Override
            public NotificationStore notificationStore() {
                return notificationStore;
            }

            @Override
            public BookingStore bookings() {
                return new BookingStore(tx.connection());
            }

            @Override
            public void afterCommit(Runnable action) {
                tx.afterCommit(action);
            }
        };
    }

    /** After a committed group (writer thread, under the publish lock): the new state becomes visible to queries. */
    private void publishChanges() {
        for (SiteQueue site : sites.values()) {
            site.publishIfChanged();
        }
    }

    /** After a rolled-back group: memory back to what the database holds (writer thread, under the lock). */
    private void reload() {
        for (SiteQueue site : sites.values()) {
            try {
                site.load(store, notificationStore, clock.instant());
            } catch (SQLException e) {
                LOG.error(
                        "Site {}: rebuilding state from the database failed",
                        site.config().code(),
                        e);
            }
        }
    }

    static QueueError unknownSite(String site) {
        return new QueueError(
                ErrorCode.UNKNOWN_SITE, "Không có điểm phục vụ \"" + site + "\".", "No site \"" + site + "\".");
    }

    static QueueError unknownTicket(String id) {
        return new QueueError(
                ErrorCode.UNKNOWN_TICKET, "Không tìm thấy vé \"" + id + "\".", "No ticket \"" + id + "\".");
    }

    /** Finishes queued commands (the connection stays open: {@link #closeConnection}). */
    void close() {
        writer.close();
    }

    void closeConnection() {
        try {
            writer.connection().close();
        } catch (SQLException e) {
            LOG.warn("Closing a database connection failed: {}", e.getMessage());
        }
    }
}
