package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.persistence.BookingStore;
import org.xephang.core.persistence.ConfigDocuments;
import org.xephang.core.persistence.GroupCommitWriter;
import org.xephang.core.persistence.NotificationOutbox;
import org.xephang.core.persistence.NotificationStore;
import org.xephang.core.persistence.Outbox;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.QueueStore;
import org.xephang.core.persistence.SiteOwnership;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.stats.StatisticsReport;
import org.xephang.core.stats.TicketFacts;
import org.xephang.core.ticket.TicketRecord;
import org.xephang.core.ticket.TypedTicketNumber;

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
 * <p><b>Called-ticket timeout</b> (when a site configures {@code calledTimeoutMinutes}): checked before every command
 * and every minute; see {@code SiteHousekeeping#expireCalls}.
 *
 * <p><b>Day rollover.</b> At the first command (or the minute check) of a new local day, tickets of earlier days still
 * open are cancelled with a {@code ticket.cancelled} event ({@code "reason":"hết ngày"}) and counters holding them are
 * freed.
 */
public final class QueueEngine implements QueueService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueEngine.class);

    private final Clock clock;
    private final EngineAppointments appointments;
    /** Copied on write: a site created while running ({@link #createSite}) is added after its commit. */
    private volatile Map<String, SiteQueue> sites = Map.of();
    /** The site of every ticket in memory (writer thread): a ticket command finds its site without asking each one. */
    private final Map<String, SiteQueue> siteOfTicket = new HashMap<>();
    /** Held while committed events and state are published, and while a subscription takes its snapshot. */
    private final ReentrantLock publishLock = new ReentrantLock();

    private final Store database;
    /** The writer's statements; replaced on the writer thread when the writer renews a lost connection. */
    private QueueStore store;
    /** The notification tables on the writer's connection (replaced with it). */
    private NotificationStore notificationStore;

    private final NotificationOutbox notificationOutbox;
    /** Told after a commit that recorded a message to send (the notification sender wakes up). */
    private volatile Runnable notificationsDue = () -> {};
    /** Whether the centre has an account for a notification provider (see {@link #acceptNotificationProviders}). */
    private volatile Predicate<String> notificationAccounts = provider -> true;

    private final GroupCommitWriter writer;
    private final Outbox outbox;
    private final ScheduledExecutorService housekeeper;
    /** Statistics queries, one at a time on their own connection: a long report never holds up the writer or queries. */
    private final ExecutorService statistics = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "xephang-statistics");
        thread.setDaemon(true);
        return thread;
    });

    /** The leases of this node's sites in a cluster; null alone. */
    private final SiteOwnership ownership;

    private final EngineOptions options;

    private QueueEngine(CentreConfig config, Store opened, Clock clock, EngineOptions options, SiteOwnership ownership)
            throws SQLException {
        this.ownership = ownership;
        this.officerNames = config.accounts().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(
                        org.xephang.core.site.Account::username, org.xephang.core.site.Account::shownName));
        this.clock = clock;
        this.appointments = new EngineAppointments(this, clock);
        Map<String, SiteQueue> configured = new LinkedHashMap<>();
        for (SiteConfig site : config.sites()) {
            configured.put(site.code(), new SiteQueue(site, clock, options, siteOfTicket));
        }
        this.sites = java.util.Collections.unmodifiableMap(configured);
        this.options = options;
        this.database = opened;
        Connection writerConnection = database.connect();
        if (ownership != null) {
            ownership.acquireAll(writerConnection, sites.keySet());
        }
        this.store = new QueueStore(writerConnection);
        this.notificationStore = new NotificationStore(writerConnection);
        for (SiteQueue site : sites.values()) {
            site.load(store, notificationStore, clock.instant());
        }
        // A lost connection (PostgreSQL restarted) is replaced after the group that found it failed, so the engine
        // serves again when the database is back.
        this.writer = new GroupCommitWriter(
                writerConnection,
                publishLock,
                this::publishChanges,
                this::reload,
                options.maxGroupSize(),
                "xephang-writer",
                database::reconnect,
                renewed -> {
                    store = new QueueStore(renewed);
                    notificationStore = new NotificationStore(renewed);
                },
                ownership == null
                        ? null
                        : tx -> {
                            java.time.Instant expiry = ownership.fence(tx.connection());
                            tx.afterCommit(() -> ownership.renewedUntil(expiry));
                            return null;
                        });
        this.outbox = new Outbox(database.connect(), database::reconnect, writer);
        this.notificationOutbox = new NotificationOutbox(database.connect(), writer);
        this.housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "xephang-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeper.scheduleAtFixedRate(this::housekeeping, 0, 60, TimeUnit.SECONDS);
        if (ownership != null) {
            // An idle node still renews its leases: an empty group runs the fence.
            long every = Math.max(1, ownership.ttl().toMillis() / 3);
            housekeeper.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        }
        long devicePeriod = Math.max(200, options.deviceSilenceLimit().toMillis() / 12);
        housekeeper.scheduleAtFixedRate(
                this::checkSilentDevicesQuietly, devicePeriod, devicePeriod, TimeUnit.MILLISECONDS);
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
    /** The names the managers' pages show for officers: display names from the accounts, else usernames. */
    private final java.util.Map<String, String> officerNames;

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
            return new QueueEngine(config, store, clock, options, ownership);
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
        return ownership == null || ownership.holds();
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
        return writer.transactions();
    }

    /** Commands committed since start. */
    public long committedCommands() {
        return writer.committedRequests();
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    interface SiteCommand<T> {
        T run(SiteQueue site, SiteQueue.Writes writes, Instant now) throws SQLException;
    }

    @FunctionalInterface
    private interface TicketCommand<T> {
        T run(SiteQueue site, SiteQueue.Writes writes, TicketRecord ticket, Instant now) throws SQLException;
    }

    /** The bookings and check-ins of every site, through this engine's writer (issue 17). */
    @Override
    public AppointmentService appointments() {
        return appointments;
    }

    /** The site's queue (writer thread, or for its configuration from any thread), or null. */
    SiteQueue siteQueue(String siteCode) {
        return sites.get(siteCode);
    }

    /** A command on the bookings of any site (found by code), on the writer like every write. */
    <T> CompletionStage<T> onBookings(BookingCommand<T> command) {
        return writer.submit(tx -> command.run(writes(tx), now()));
    }

    @FunctionalInterface
    interface BookingCommand<T> {
        T run(SiteQueue.Writes writes, Instant now) throws SQLException;
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
            recordNotifications(site, tx, now);
            return result;
        });
    }

    private <T> CompletionStage<T> onTicket(String ticketId, TicketCommand<T> command) {
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
            recordNotifications(site, tx, now);
            return result;
        });
    }

    /** After a command, in its write group: the messages it made due (docs/notifications.md). */
    private void recordNotifications(SiteQueue site, GroupCommitWriter.Transaction tx, Instant now)
            throws SQLException {
        if (site.notifications().afterCommand(notificationStore, now)) {
            tx.afterCommit(() -> notificationsDue.run());
        }
    }

    /**
     * Keeps a citizen's mobile number for a WAITING ticket, so it gets "sắp đến lượt" and "mời đến quầy" messages
     * (issue 17 item 3). Durable when the stage completes; the triggers run in the same group, so a ticket already
     * near the front is owed its message at once.
     */
    public CompletionStage<Void> subscribeNotifications(String ticketId, PhoneNumber phone) {
        return onTicket(ticketId, (site, writes, ticket, now) -> {
            site.notifications().subscribe(notificationStore, ticket, phone, now);
            return null;
        });
    }

    /** The messages' outbox for the notification sender. */
    public NotificationOutbox notificationOutbox() {
        return notificationOutbox;
    }

    /**
     * Which notification providers the centre has an account for (the notification back-end tells at start): a saved
     * site configuration that sends messages through another is refused. Every provider until told.
     */
    public void acceptNotificationProviders(Predicate<String> hasAccount) {
        this.notificationAccounts = hasAccount;
    }

    /** {@code listener} runs (on the writer thread, keep it short) after a commit that recorded a message to send. */
    public void onNotificationsDue(Runnable listener) {
        this.notificationsDue = listener;
    }

    /** The database keeps milliseconds: so do events and answers, so that a restart changes no timestamp. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
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

    /** Deletes the numbers whose time is up, and forgets them in memory too (housekeeping thread). */
    private void purgeNumbers() {
        writer.submit(tx -> {
                    Instant now = now();
                    if (notificationStore.purge(now) > 0) {
                        for (SiteQueue site : sites.values()) {
                            site.notifications().load(notificationStore, now);
                        }
                    }
                    return null;
                })
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warn("Purging the notification numbers failed", failure);
                    }
                });
    }

    /** An empty write group: the fence renews the leases (housekeeping thread). */
    private void renewLeases() {
        writer.submit(tx -> null).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("Renewing the site leases failed: {}", failure.getMessage());
            }
        });
    }

    /** Every minute: the day rollover when due, and the called-ticket timeout of the sites that configure one. */
    private void housekeeping() {
        purgeNumbers();
        for (Map.Entry<String, SiteQueue> entry : sites.entrySet()) {
            SiteQueue queue = entry.getValue();
            if (!queue.needsRollover(clock.instant()) && queue.config().calledTimeoutMinutes() == null) {
                continue;
            }
            String site = entry.getKey();
            onSite(site, (s, writes, now) -> null).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.warn("Site {}: housekeeping failed: {}", site, failure.getMessage());
                }
            });
        }
        appointments.forgetPersonalDataWhenDue();
    }

    /**
     * Every few seconds (a twelfth of the silence limit): devices not heard of for longer than the limit become
     * OFFLINE with a {@code device.status} event. Only a site that has such a device submits a writer command.
     */
    private void checkSilentDevicesQuietly() {
        try {
            checkSilentDevices();
        } catch (RuntimeException e) {
            LOG.error("The device silence check failed", e);
        }
    }

    CompletionStage<Void> checkSilentDevices() {
        Instant now = now();
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (Map.Entry<String, SiteQueue> entry : sites.entrySet()) {
            if (!entry.getValue().devices().registry().anyFallenSilent(now)) {
                continue;
            }
            String site = entry.getKey();
            checks.add(onSite(site, (s, writes, at) -> {
                        s.devices().silence(writes, at);
                        return (Void) null;
                    })
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            LOG.warn("Site {}: the device silence check failed", site, failure);
                        }
                    })
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new));
    }

    private SiteView published(String siteCode) {
        SiteQueue site = sites.get(siteCode);
        if (site == null) {
            throw unknownSite(siteCode);
        }
        return site.published();
    }

    static QueueError unknownSite(String site) {
        return new QueueError(ErrorCode.UNKNOWN_SITE, "Không có điểm phục vụ \"" + site + "\".");
    }

    private static QueueError unknownTicket(String id) {
        return new QueueError(ErrorCode.UNKNOWN_TICKET, "Không tìm thấy vé \"" + id + "\".");
    }

    // ---------------------------------------------------------------- QueueService

    @Override
    public SiteInfo site(String siteCode) {
        SiteQueue site = sites.get(siteCode);
        if (site == null) {
            throw unknownSite(siteCode);
        }
        return site.config().toSiteInfo();
    }

    @Override
    public IssuingState issuing(String siteCode) {
        SiteQueue site = sites.get(siteCode);
        if (site == null) {
            throw unknownSite(siteCode);
        }
        return site.issuing(clock.instant());
    }

    @Override
    public CompletionStage<Void> probe() {
        return writer.submit(tx -> {
            try (Statement statement = tx.connection().createStatement();
                    ResultSet answer = statement.executeQuery("SELECT 1")) {
                answer.next();
            }
            return null;
        });
    }

    @Override
    public CompletionStage<SiteConfigDocument> siteConfiguration(String siteCode) {
        if (!sites.containsKey(siteCode)) {
            return CompletableFuture.failedFuture(unknownSite(siteCode));
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    try (Connection c = database.connect()) {
                        return ConfigDocuments.latest(c, siteCode)
                                .map(QueueEngine::document)
                                .orElseThrow(() -> unknownSite(siteCode));
                    } catch (SQLException e) {
                        throw new QueueError(
                                ErrorCode.UNAVAILABLE, "Không đọc được cấu hình từ kho dữ liệu; hãy thử lại sau.");
                    }
                },
                statistics);
    }

    @Override
    public CompletionStage<SiteConfigDocument> saveSiteConfiguration(
            String siteCode, long version, Map<String, Object> document, Actor actor) {
        SiteQueue target = sites.get(siteCode);
        if (target == null) {
            return CompletableFuture.failedFuture(unknownSite(siteCode));
        }
        SiteConfig next;
        try {
            ReconfigureChecks.lastCounterOfAWaitingLine(
                    target.config(), document, target.published().waiting(null));
            next = validated(siteCode, document);
            ReconfigureChecks.notificationAccount(next, notificationAccounts);
        } catch (QueueError invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        String json = new JsonObject(new LinkedHashMap<>(document)).encode();
        return onSite(siteCode, (site, writes, now) -> {
            long current = ConfigDocuments.latest(store.connection(), siteCode)
                    .map(ConfigDocuments.SiteDocument::version)
                    .orElse(0L);
            if (current != version) {
                throw new QueueError(
                        ErrorCode.CONFLICT,
                        "version: cấu hình của điểm " + siteCode + " đã được lưu lại (phiên bản " + current
                                + ") sau phiên bản " + version + " bạn đã mở; hãy tải lại rồi sửa lại.");
            }
            site.checkReconfigure(next);
            long saved = ConfigDocuments.save(store.connection(), siteCode, version, json, now, actor.username());
            site.reconfigure(writes, next, saved, now);
            LOG.info("Site {}: configuration version {} saved and applied", siteCode, saved);
            return new SiteConfigDocument(siteCode, saved, document, now, actor.username());
        });
    }

    @Override
    public CompletionStage<SiteConfigDocument> createSite(Map<String, Object> document, Actor actor) {
        Object code = document.get("code");
        if (!(code instanceof String siteCode)) {
            return CompletableFuture.failedFuture(
                    new QueueError(ErrorCode.INVALID_REQUEST, "code: mã điểm phục vụ là bắt buộc (ví dụ \"q1\")."));
        }
        if (ownership != null) {
            return CompletableFuture.failedFuture(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Trong một cụm máy chủ, điểm mới được phục vụ sau khi khởi động lại các máy chủ; hãy dùng"
                            + " xephang config import rồi khởi động lại."));
        }
        SiteConfig config;
        try {
            config = validated(siteCode, document);
        } catch (QueueError invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        String json = new JsonObject(new LinkedHashMap<>(document)).encode();
        return writer.submit(tx -> {
            Instant now = now();
            if (sites.containsKey(siteCode)
                    || ConfigDocuments.latest(store.connection(), siteCode).isPresent()) {
                throw QueueError.withDetails(
                        ErrorCode.CONFLICT,
                        "code: đã có điểm phục vụ mã \"" + siteCode + "\"; hãy chọn mã khác.",
                        Map.of("field", "code"));
            }
            long saved = ConfigDocuments.save(store.connection(), siteCode, 0, json, now, actor.username());
            SiteQueue site = new SiteQueue(config, clock, options, siteOfTicket);
            site.load(store, notificationStore, now);
            tx.afterCommit(() -> {
                Map<String, SiteQueue> more = new LinkedHashMap<>(sites);
                more.put(siteCode, site);
                sites = java.util.Collections.unmodifiableMap(more);
            });
            LOG.info("Site {}: created by {} (configuration version {})", siteCode, actor.username(), saved);
            return new SiteConfigDocument(siteCode, saved, document, now, actor.username());
        });
    }

    /** The document validated exactly as a {@code sites:} entry of the YAML file; every problem named by its key. */
    private static SiteConfig validated(String siteCode, Map<String, Object> document) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("sites", List.of(document));
        try {
            SiteConfig next = CentreConfigLoader.fromTree(tree, "site " + siteCode)
                    .sites()
                    .get(0);
            if (!next.code().equals(siteCode)) {
                throw new QueueError(
                        ErrorCode.INVALID_REQUEST,
                        "code: mã điểm trong cấu hình (\"" + next.code() + "\") phải là \"" + siteCode
                                + "\"; không đổi được mã điểm.");
            }
            return next;
        } catch (ConfigException invalid) {
            List<String> problems = invalid.problems().stream()
                    .map(p -> p.startsWith("sites[0].") ? p.substring("sites[0].".length()) : p)
                    .toList();
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Cấu hình không hợp lệ (" + problems.size() + " lỗi): " + String.join("; ", problems));
        }
    }

    private static SiteConfigDocument document(ConfigDocuments.SiteDocument stored) {
        return new SiteConfigDocument(
                stored.site(),
                stored.version(),
                new JsonObject(stored.json()).getMap(),
                stored.savedAt(),
                stored.savedBy());
    }

    @Override
    public List<String> siteCodes() {
        return List.copyOf(sites.keySet());
    }

    @Override
    public CompletionStage<IssueResult> issue(String site, IssueCommand command, Actor actor) {
        return onSite(site, (s, w, now) -> s.tickets().issue(w, command, actor, now));
    }

    @Override
    public CompletionStage<Optional<Ticket>> callNext(String site, int counter, Actor actor) {
        return onSite(site, (s, w, now) -> s.tickets().callNext(w, counter, actor, now));
    }

    @Override
    public CompletionStage<Ticket> call(String ticketId, Actor actor) {
        return onTicket(ticketId, (s, w, t, now) -> s.tickets().call(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> recall(String ticketId, Actor actor) {
        return onTicket(ticketId, (s, w, t, now) -> s.tickets().recall(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> start(String ticketId, Actor actor) {
        return onTicket(ticketId, (s, w, t, now) -> s.tickets().start(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> complete(String ticketId, Actor actor) {
        return onTicket(ticketId, (s, w, t, now) -> s.tickets().complete(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> noShow(String ticketId, Actor actor) {
        return onTicket(ticketId, (s, w, t, now) -> s.tickets().noShow(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> cancel(String ticketId, Actor actor) {
        return onTicket(ticketId, (s, w, t, now) -> s.tickets().cancel(w, t, actor, now));
    }

    @Override
    public CompletionStage<Ticket> transfer(String ticketId, TransferCommand command, Actor actor) {
        if (command == null) {
            return CompletableFuture.failedFuture(
                    new QueueError(ErrorCode.INVALID_REQUEST, "Thiếu nơi chuyển vé đến."));
        }
        return onTicket(ticketId, (s, w, t, now) -> s.tickets().transfer(w, t, command, actor, now));
    }

    @Override
    public CompletionStage<Ticket> linkDossier(String ticketId, String dossierCode, Actor actor) {
        return onTicket(ticketId, (s, w, t, now) -> s.tickets().linkDossier(w, t, dossierCode, actor, now));
    }

    @Override
    public CompletionStage<Ticket> rate(String ticketId, RatingCommand command, Actor actor) {
        if (command == null) {
            return CompletableFuture.failedFuture(new QueueError(ErrorCode.INVALID_REQUEST, "Thiếu mức đánh giá."));
        }
        return onTicket(ticketId, (s, w, t, now) -> s.tickets().rate(w, t, command, actor, now));
    }

    @Override
    public CompletionStage<CounterView> pause(String site, int counter, String reason, Actor actor) {
        return onSite(site, (s, w, now) -> s.counters().pause(w, counter, reason, actor, now));
    }

    @Override
    public CompletionStage<CounterView> resume(String site, int counter, Actor actor) {
        return onSite(site, (s, w, now) -> s.counters().resume(w, counter, actor, now));
    }

    @Override
    public CompletionStage<CounterView> signIn(String site, int counter, Actor actor) {
        return onSite(site, (s, w, now) -> s.counters().signIn(w, counter, actor, now));
    }

    @Override
    public CompletionStage<CounterView> signOut(String site, int counter, Actor actor) {
        return onSite(site, (s, w, now) -> s.counters().signOut(w, counter, actor, now));
    }

    @Override
    public CompletionStage<Void> reportDeviceStatus(String site, DeviceStatusReport report, Actor actor) {
        return onSite(site, (s, w, now) -> {
            s.devices().report(w, report, now);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> deviceHeartbeat(String siteCode, DeviceHeartbeat heartbeat, Actor actor) {
        SiteQueue site = sites.get(siteCode);
        if (site == null) {
            return CompletableFuture.failedFuture(unknownSite(siteCode));
        }
        List<String> left;
        try {
            left = site.devices().touch(heartbeat, now());
        } catch (QueueError refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (left.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return onSite(siteCode, (s, w, now) -> {
            s.devices().heartbeatChanges(w, heartbeat, left, now);
            return null;
        });
    }

    @Override
    public List<DeviceHealth> devices(String siteCode) {
        SiteQueue site = sites.get(siteCode);
        if (site == null) {
            throw unknownSite(siteCode);
        }
        return site.devices().registry().list();
    }

    @Override
    public Optional<Ticket> ticket(String ticketId) {
        if (ticketId == null) {
            return Optional.empty();
        }
        for (SiteQueue site : sites.values()) {
            SiteView view = site.published();
            Optional<TicketRecord> ticket = view.find(ticketId);
            if (ticket.isPresent()) {
                return Optional.of(view.ticket(ticket.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Ticket> ticketByNumber(String site, String number) {
        SiteView view = published(site);
        TypedTicketNumber wanted = TypedTicketNumber.parse(number)
                .orElseThrow(() -> new QueueError(
                        ErrorCode.INVALID_REQUEST, "Số vé phải gồm chữ cái của lĩnh vực và các chữ số, ví dụ A012."));
        return view.findByNumber(wanted).map(view::ticket);
    }

    @Override
    public List<WaitingTicket> waiting(String site, String service) {
        return published(site).waiting(service);
    }

    @Override
    public CompletionStage<SiteStatistics> statistics(String siteCode, LocalDate from, LocalDate to) {
        SiteQueue site = sites.get(siteCode);
        if (site == null) {
            return CompletableFuture.failedFuture(unknownSite(siteCode));
        }
        if (from.isAfter(to)) {
            return CompletableFuture.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST, "Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to)."));
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_STATISTICS_DAYS) {
            return CompletableFuture.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Mỗi lần xem thống kê tối đa " + MAX_STATISTICS_DAYS + " ngày; hãy chia khoảng ngày nhỏ hơn."));
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    try (Connection connection = database.connect()) {
                        List<TicketFacts> tickets = new QueueStore(connection).ticketFacts(siteCode, from, to);
                        return StatisticsReport.of(
                                site.config(), from, to, tickets, name -> officerNames.getOrDefault(name, name));
                    } catch (SQLException e) {
                        throw new IllegalStateException(
                                "reading the statistics of " + siteCode + " failed: " + e.getMessage(), e);
                    }
                },
                statistics);
    }

    @Override
    public QueueSnapshot snapshot(String site) {
        return published(site).snapshot();
    }

    @Override
    public Subscription subscribe(String siteCode, Consumer<QueueEvent> listener) {
        SiteQueue site = sites.get(siteCode);
        if (site == null) {
            throw unknownSite(siteCode);
        }
        Consumer<QueueEvent> wrapper = listener::accept;
        QueueSnapshot snapshot;
        publishLock.lock();
        try {
            snapshot = site.published().snapshot();
            site.subscribers().add(wrapper);
        } finally {
            publishLock.unlock();
        }
        return new Subscription() {
            @Override
            public QueueSnapshot snapshot() {
                return snapshot;
            }

            @Override
            public void close() {
                site.subscribers().remove(wrapper);
            }
        };
    }

    /** Finishes queued commands, then closes the database. Blocking. */
    @Override
    public void close() {
        housekeeper.shutdownNow();
        statistics.shutdownNow();
        writer.close();
        outbox.close();
        notificationOutbox.close();
        closeQuietly(writer.connection());
        database.close();
        LOG.info(
                "Queue engine closed ({} transactions, {} commands)",
                writer.transactions(),
                writer.committedRequests());
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing a database connection failed: {}", e.getMessage());
        }
    }
}
