package org.xephang.core.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.DeviceHealth;
import org.xephang.api.ErrorCode;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.SiteInfo;
import org.xephang.api.SiteStatistics;
import org.xephang.api.Ticket;
import org.xephang.api.WaitingTicket;
import org.xephang.core.Actor;
import org.xephang.core.AppointmentService;
import org.xephang.core.DeviceHeartbeat;
import org.xephang.core.DeviceStatusReport;
import org.xephang.core.IssueCommand;
import org.xephang.core.IssueResult;
import org.xephang.core.QueueService;
import org.xephang.core.RatingCommand;
import org.xephang.core.SiteConfigDocument;
import org.xephang.core.TransferCommand;
import org.xephang.core.notify.NotificationOffer;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.persistence.GroupCommitWriter;
import org.xephang.core.persistence.NotificationOutbox;
import org.xephang.core.persistence.Outbox;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.SiteOwnership;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.persistence.TicketArchive;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.SiteConfig;

/**
 * The queue engine: the one writer of every configured site's state (docs/architecture.md §1.1, §7), over a {@link Store}:
 * the SQLite file of one office or a PostgreSQL database.
 *
 * <p><b>Threads.</b> Commands queue to one writer thread that applies them in arrival order and commits them in groups
 * (one transaction, one fsync for many commands); a command's stage completes on the writer thread after its group is
 * committed and its events were handed to the subscribers, in seq order. Queries never wait for the writer: they read
 * an immutable copy of each site's state published after every committed group, so they see only committed states.
 *
 * <p><b>Restart.</b> Everything is rebuilt from the database in {@link #open}: tickets of the local day and all open
 * ones, counters, numbering (continues, no duplicates), event seq (continues, +1 per event).
 *
 * <p><b>Parts.</b> This class opens and closes the engine, wires its parts and answers {@link QueueService} through
 * them: the {@link EngineWriter} (group commit, command plumbing, publishing), {@link EngineQueries} (the published
 * views and subscriptions), each site's {@link SiteQueue} (commands in {@link TicketCommands} and {@link
 * CounterCommands}, the {@link OfficerRule}, day rollover and call expiry in {@link SiteHousekeeping}, the event log
 * in {@link SiteEvents}), {@link EngineConfiguration} (configuration saved and applied while running), {@link
 * EngineAppointments}, {@link EngineNotifications}, {@link EngineOfflineIssuing}, {@link EngineDevices} (registry and
 * heartbeats), {@link EngineStatistics}, {@link SiteLeases} (cluster), {@link RetentionPurge} and the scheduled {@link
 * EngineHousekeeping}.
 *
 * <p><b>Size.</b> Near 500 lines because {@link QueueService} is wide (some forty operations) and each is answered here
 * in a few lines by the part that owns it; the logic itself lives in the parts above. A facade of one-line delegations
 * split in two would only hide which part answers what.
 */
public final class QueueEngine implements QueueService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueEngine.class);

    private final Clock clock;
    private final Map<String, SiteQueue> sites = new SiteMap();
    private final Store database;
    private final EngineWriter writer;
    private final Outbox outbox;
    private final SiteLeases leases;
    private final StoreReads reads;
    private final EngineAppointments appointments;
    private final EngineOfflineIssuing offlineIssuing;
    private final EngineNotifications notifications;
    private final EngineDevices devices;
    private final EngineConfiguration configuration;
    private final EngineStatistics statistics;
    private final EngineHousekeeping housekeeping;
    private final EngineQueries queries;
    private final RetentionPurge retention;

    private QueueEngine(CentreConfig config, Store opened, Clock clock, EngineOptions options, SiteLeases leases)
            throws SQLException {
        this.leases = leases;
        this.clock = clock;
        // The site of every ticket in memory (writer thread): a ticket command finds its site without asking each one.
        Map<String, SiteQueue> siteOfTicket = new HashMap<>();
        for (SiteConfig site : config.sites()) {
            sites.put(site.code(), new SiteQueue(site, clock, options, siteOfTicket));
        }
        this.database = opened;
        Connection writerConnection = database.connectWriter();
        try {
            leases.acquire(writerConnection, sites.keySet());
        } catch (SQLException | RuntimeException refused) {
            // A cluster node retries a site still owned elsewhere: its shared pool must get the connection back.
            writerConnection.close();
            throw refused;
        }
        this.writer = new EngineWriter(
                sites,
                siteOfTicket,
                database,
                writerConnection,
                clock,
                options.maxGroupSize(),
                leases,
                this::afterCommand);
        GroupCommitWriter groupCommit = writer.groupCommit();
        // The readers connect at their first read: a cluster node's engine (a site each) never reads them itself.
        this.outbox = new Outbox(null, database::reconnect, groupCommit);
        this.reads = new StoreReads(database);
        this.appointments = new EngineAppointments(writer, clock);
        this.offlineIssuing = new EngineOfflineIssuing(writer);
        this.notifications = new EngineNotifications(writer, new NotificationOutbox(database::connect, groupCommit));
        this.devices = new EngineDevices(writer);
        this.queries = new EngineQueries(writer, clock);
        this.configuration = new EngineConfiguration(writer, reads, options, leases.clustered());
        this.statistics = new EngineStatistics(writer, reads, config);
        this.retention = new RetentionPurge(
                groupCommit,
                () -> writer.siteQueues().stream().map(SiteQueue::config).toList(),
                clock);
        this.housekeeping = new EngineHousekeeping(writer, clock, notifications, appointments, retention);
        housekeeping.start(devices, options.deviceSilenceLimit(), leases);
        LOG.info(
                "Queue engine open on {}: {} site(s), {} ticket(s) in memory",
                database.location(),
                sites.size(),
                sites.values().stream().mapToInt(SiteQueue::ticketCount).sum());
    }

    /**
     * Opens the engine: opens (or creates) {@code xephang.db} in {@code dataDir}, migrates it and rebuilds the state.
     * Blocking: call from a worker or from main.
     *
     * @throws IllegalStateException when the database cannot be opened (its message says why)
     */
    public static QueueEngine open(CentreConfig config, Path dataDir, Clock clock, EngineOptions options) {
        return open(config, StoreLocation.Sqlite.inFolder(dataDir), clock, options);
    }

    /**
     * Opens the engine on a store: {@code sqlite:DIR} or {@code postgresql://…}, migrated and read. Blocking.
     *
     * @throws IllegalStateException when the store cannot be opened (its message says why)
     */
    public static QueueEngine open(CentreConfig config, StoreLocation location, Clock clock, EngineOptions options) {
        Store store;
        try {
            store = Store.open(location);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the store " + location + ": " + e.getMessage(), e);
        }
        return open(config, store, clock, options);
    }

    /**
     * Opens the engine on a store already open (the server opens it first, to tell a wrong {@code --store} apart). The
     * engine owns the store from now on and closes it with itself, also when this fails. Blocking.
     *
     * @throws IllegalStateException when the state cannot be read (its message says why)
     */
    public static QueueEngine open(CentreConfig config, Store store, Clock clock, EngineOptions options) {
        return open(config, store, clock, options, null);
    }

    /**
     * Opens the engine as one node of a cluster on a PostgreSQL store: it takes the leases of every configured site
     * (refusing to open when another live node holds one), renews them every third of their time, and fences every
     * write group with them, so that after another node took a site over nothing of this node commits (docs/architecture.md
     * §10). The engine owns the store from now on. Blocking.
     *
     * @param ownership null = no leases (one node, or SQLite)
     * @throws IllegalStateException when the store cannot be opened or a site is owned elsewhere (the message says so)
     */
    public static QueueEngine open(
            CentreConfig config, Store store, Clock clock, EngineOptions options, SiteOwnership ownership) {
        try {
            if (ownership != null && !(store instanceof PostgresStore)) {
                throw new IllegalArgumentException("site leases need a PostgreSQL store, not " + store.location());
            }
            return new QueueEngine(
                    config, store, clock, options, ownership == null ? SiteLeases.none() : SiteLeases.of(ownership));
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw new IllegalStateException("cannot open the store " + store.location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether this engine may serve its sites: always alone; in a cluster, while it holds their leases ({@link
     * SiteOwnership#holds}).
     */
    @Override
    public boolean ownsItsSites() {
        return leases.held();
    }

    /** Whether the store answers a trivial query within about two seconds (readiness). Blocking: call on a worker. */
    public boolean storeAnswers() {
        return database.answers();
    }

    /** Where the state is kept (no password). */
    public StoreLocation storeLocation() {
        return database.location();
    }

    /** The outbox of the dossier forwarder (H6): due events, delivery marks through the writer. */
    public Outbox outbox() {
        return outbox;
    }

    /** Committed write transactions since start (each may hold many commands): for metrics and the group-commit test. */
    public long transactions() {
        return writer.groupCommit().transactions();
    }

    /** Commands committed since start. */
    public long committedCommands() {
        return writer.groupCommit().committedRequests();
    }

    /** The bookings and check-ins of every site, through this engine's writer (issue 17). */
    @Override
    public AppointmentService appointments() {
        return appointments;
    }

    /** The kiosks' number blocks and offline tickets of every site (issue 17 item 5). */
    @Override
    public org.xephang.core.OfflineIssuing offlineIssuing() {
        return offlineIssuing;
    }

    /**
     * Keeps a citizen's mobile number for a WAITING ticket, so it gets "sắp đến lượt" and "mời đến quầy" messages
     * (issue 17 item 3). Durable when the stage completes; the triggers run in the same group, so a ticket already
     * near the front is owed its message at once.
     */
    public CompletionStage<Void> subscribeNotifications(String ticketId, PhoneNumber phone) {
        return notifications.subscribe(ticketId, phone);
    }

    /** Whether a ticket's site sends messages, and the number kept for the ticket, masked (the phone page's form). */
    public CompletionStage<NotificationOffer> notificationOffer(String ticketId) {
        return notifications.offer(ticketId);
    }

    /** The messages' outbox for the notification sender. */
    public NotificationOutbox notificationOutbox() {
        return notifications.outbox();
    }

    /** {@code listener} runs (on the writer thread, keep it short) after a commit that recorded a message to send. */
    public void onNotificationsDue(Runnable listener) {
        notifications.onDue(listener);
    }

    /** After every site command, in its write group: the messages it made due (docs/notifications.md). */
    private void afterCommand(SiteQueue site, SiteQueue.Writes writes, Instant now) throws SQLException {
        notifications.afterCommand(site, writes, now);
    }

    /** The device silence check now (tests; the housekeeping runs it on its schedule). */
    CompletionStage<Void> checkSilentDevices() {
        return devices.checkSilentDevices();
    }

    // ---------------------------------------------------------------- QueueService

    @Override
    public SiteInfo site(String siteCode) {
        return queries.site(siteCode);
    }

    @Override
    public IssuingState issuing(String siteCode) {
        return queries.issuing(siteCode);
    }

    @Override
    public CompletionStage<Void> probe() {
        return writer.onWriter((writes, now) -> {
            try (Statement statement = writes.store().connection().createStatement();
                    ResultSet answer = statement.executeQuery("SELECT 1")) {
                answer.next();
            }
            return null;
        });
    }

    @Override
    public Optional<Store> configurationStore() {
        return Optional.of(database);
    }

    @Override
    public Optional<org.xephang.core.persistence.StoreWrites> storeWrites() {
        return Optional.of(new org.xephang.core.persistence.StoreWrites(writer.groupCommit()));
    }

    @Override
    public CompletionStage<SiteConfigDocument> siteConfiguration(String siteCode) {
        return configuration.siteConfiguration(siteCode);
    }

    @Override
    public CompletionStage<SiteConfigDocument> saveSiteConfiguration(
            String siteCode, long version, Map<String, Object> document, Actor actor) {
        return configuration.saveSiteConfiguration(siteCode, version, document, actor);
    }

    @Override
    public CompletionStage<SiteConfigDocument> createSite(Map<String, Object> document, Actor actor) {
        return configuration.createSite(document, actor);
    }

    /**
     * Which notification providers the centre has an account for (the notification back-end tells at start): a saved
     * site configuration that sends messages through another is refused. Every provider until told.
     */
    public void acceptNotificationProviders(Predicate<String> hasAccount) {
        configuration.acceptNotificationProviders(hasAccount);
    }

    @Override
    public List<String> siteCodes() {
        return List.copyOf(sites.keySet());
    }

    @Override
    public CompletionStage<IssueResult> issue(String site, IssueCommand command, Actor actor) {
        return writer.onSite(site, (s, w, now) -> s.tickets().issue(w, command, actor, now));
    }

    @Override
    public CompletionStage<Optional<Ticket>> callNext(String site, int counter, Actor actor) {
        return writer.onSite(site, (s, w, now) -> s.tickets().callNext(w, counter, actor, now));
    }

    @Override
    public CompletionStage<Ticket> call(String ticketId, Actor actor) {
        return writer.onTicket(ticketId, (s, w, t, now) -> s.tickets().call(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> recall(String ticketId, Actor actor) {
        return writer.onTicket(ticketId, (s, w, t, now) -> s.tickets().recall(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> start(String ticketId, Actor actor) {
        return writer.onTicket(ticketId, (s, w, t, now) -> s.tickets().start(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> complete(String ticketId, Actor actor) {
        return writer.onTicket(ticketId, (s, w, t, now) -> s.tickets().complete(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> noShow(String ticketId, Actor actor) {
        return writer.onTicket(ticketId, (s, w, t, now) -> s.tickets().noShow(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> cancel(String ticketId, Actor actor) {
        return writer.onTicket(ticketId, (s, w, t, now) -> s.tickets().cancel(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> transfer(String ticketId, TransferCommand command, Actor actor) {
        if (command == null) {
            return CompletableFuture.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST, "Thiếu nơi chuyển vé đến.", "The transfer destination is missing."));
        }
        return writer.onTicket(ticketId, (s, w, t, now) -> s.tickets().transfer(w, t, command, actor, now));
    }

    @Override
    public CompletionStage<Ticket> linkDossier(String ticketId, String dossierCode, Actor actor) {
        return writer.onTicket(ticketId, (s, w, t, now) -> s.tickets().linkDossier(w, t, dossierCode, actor, now));
    }

    @Override
    public CompletionStage<Ticket> rate(String ticketId, RatingCommand command, Actor actor) {
        if (command == null) {
            return CompletableFuture.failedFuture(
                    new QueueError(ErrorCode.INVALID_REQUEST, "Thiếu mức đánh giá.", "The rating is missing."));
        }
        return writer.onTicket(ticketId, (s, w, t, now) -> s.tickets().rate(w, t, command, actor, now));
    }

    @Override
    public CompletionStage<CounterView> pause(String site, int counter, String reason, Actor actor) {
        return writer.onSite(site, (s, w, now) -> s.counters().pause(w, counter, reason, actor, now));
    }

    @Override
    public CompletionStage<CounterView> resume(String site, int counter, Actor actor) {
        return writer.onSite(site, (s, w, now) -> s.counters().resume(w, counter, actor, now));
    }

    @Override
    public CompletionStage<CounterView> signIn(String site, int counter, Actor actor) {
        return writer.onSite(site, (s, w, now) -> s.counters().signIn(w, counter, actor, now));
    }

    @Override
    public CompletionStage<CounterView> signOut(String site, int counter, Actor actor) {
        return writer.onSite(site, (s, w, now) -> s.counters().signOut(w, counter, actor, now));
    }

    @Override
    public CompletionStage<Void> reportDeviceStatus(String site, DeviceStatusReport report, Actor actor) {
        return devices.report(site, report);
    }

    @Override
    public CompletionStage<Void> deviceHeartbeat(String siteCode, DeviceHeartbeat heartbeat, Actor actor) {
        return devices.heartbeat(siteCode, heartbeat);
    }

    @Override
    public List<DeviceHealth> devices(String siteCode) {
        return devices.list(siteCode);
    }

    @Override
    public Optional<Ticket> ticket(String ticketId) {
        return queries.ticket(ticketId);
    }

    @Override
    public Optional<Ticket> ticketByNumber(String site, String number) {
        return queries.ticketByNumber(site, number);
    }

    @Override
    public List<WaitingTicket> waiting(String site, String service) {
        return queries.waiting(site, service);
    }

    /**
     * Runs the retention purge of a site now, as the daily housekeeping does (docs/retention.md); completes with what
     * it removed.
     */
    CompletionStage<TicketArchive.Purged> purgeExpired(String siteCode) {
        SiteQueue site = writer.siteQueue(siteCode);
        if (site == null) {
            return CompletableFuture.failedFuture(EngineWriter.unknownSite(siteCode));
        }
        return retention.purge(site.config(), clock.instant());
    }

    @Override
    public CompletionStage<SiteStatistics> statistics(String siteCode, LocalDate from, LocalDate to) {
        return statistics.statistics(siteCode, from, to);
    }

    @Override
    public QueueSnapshot snapshot(String site) {
        return queries.snapshot(site);
    }

    @Override
    public Subscription subscribe(String siteCode, Consumer<QueueEvent> listener) {
        return queries.subscribe(siteCode, listener);
    }

    /** Finishes queued commands, then closes the database. Blocking. */
    @Override
    public void close() {
        housekeeping.close();
        reads.close();
        writer.close();
        outbox.close();
        notifications.close();
        writer.closeConnection();
        database.close();
        LOG.info("Queue engine closed ({} transactions, {} commands)", transactions(), committedCommands());
    }
}
