package org.xephang.core.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
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
import org.xephang.core.DeviceHeartbeat;
import org.xephang.core.DeviceStatusReport;
import org.xephang.core.IssueCommand;
import org.xephang.core.IssueResult;
import org.xephang.core.QueueService;
import org.xephang.core.RatingCommand;
import org.xephang.core.SiteConfigDocument;
import org.xephang.core.TransferCommand;
import org.xephang.core.config.StoredConfiguration;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.persistence.Outbox;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.SiteOwnership;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.persistence.StoreWrites;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.ConfigException;
import org.xephang.core.site.SiteConfig;

/**
 * The queue of a node of a cluster (docs/adr/0027-request-forwarding-and-site-ownership.md): the sites are spread over
 * the live nodes by {@link SitePlacement}, and this node runs an engine for each site placed on it, holding that site's
 * fenced lease. On every membership change (and every {@link #TICK}) it compares what it runs with the placement: a
 * site placed elsewhere is given back (its engine finishes its last group and closes, its streams end, its lease is
 * released at once); a site placed here is taken as soon as its lease is free (released, or run out after its owner
 * died), with a new epoch and its memory rebuilt from PostgreSQL, reading the site's configuration from the store.
 *
 * <p>As a {@link QueueService} it answers for the sites it runs and refuses the others with {@code UNAVAILABLE}: the
 * HTTP layer forwards them to their owner first ({@link SiteForwarding}). Thread-safe; commands complete on the site's
 * writer thread, like the engine's.
 *
 * <p><b>Size.</b> About 800 lines, over the project's ~450: {@link QueueService} is wide (some forty operations, each
 * routed here in a few lines to the engine of the site it names), and the placement loop (take, give back, hold back,
 * the stream ends of a site that leaves) shares this class's map of held sites. Its pure rules already live apart
 * ({@link PlacementPlan}, {@link HoldBack}, {@link SitePlacement}); the loop itself is the next part to move into its
 * own class, left for a round in which the takeover path is not also changing (it was reworked in this one).
 */
public final class ClusterQueue implements QueueService, AutoCloseable {

    /** How often placement is checked even without a membership event (a lease that ran out, a failed take). */
    static final Duration TICK = Duration.ofMillis(250);

    /**
     * How many sites a node opens at once when it takes several (a dead node's): each open reads the site's day from
     * PostgreSQL, mostly waiting on it, so a few in parallel cut a takeover of ten sites to a few opens' time.
     */
    static final int PARALLEL_TAKES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterQueue.class);

    /** A site this node runs: its engine and the lease it holds. */
    private record Held(QueueEngine engine, SiteOwnership ownership) {}

    /** The sites' configuration, as stored: replaced when an owner saves a change ({@link #reloadConfiguration}). */
    private volatile CentreConfig config;

    private final Store nodeStore;
    private final StoreLocation location;
    private final EngineOptions options;
    private final String nodeName;
    private final Duration leaseTtl;
    private final HoldBack holdBack;
    private volatile boolean settled;
    private final Clock clock;
    private final ClusterDirectory directory;
    private final String url;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /** The sites being opened now (by the placement check or on a site's release): one take at a time per site. */
    private final Set<String> taking = ConcurrentHashMap.newKeySet();
    /** The placement as computed at the last check (site → member): a released site placed here is taken at once. */
    private volatile Map<String, String> lastPlaced = Map.of();
    /** The stream subscriptions' end signals, per site: called when the site leaves this node. */
    private final Map<String, Set<Runnable>> streamEnds = new ConcurrentHashMap<>();

    private final List<Consumer<String>> takenListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<QueueEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService placement = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "xephang-placement");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.ExecutorService takers;
    private final Outbox outbox;
    private final ClusterAppointments appointments;
    private volatile boolean closing;

    /**
     * A node's queue; nothing is owned until {@link #start}.
     *
     * @param nodeStore the node's own connection to the store (outbox reads, lease release, ticket lookups); owned
     * @param url the base URL other nodes forward this node's sites' requests to
     */
    public ClusterQueue(
            CentreConfig config,
            Store nodeStore,
            EngineOptions options,
            String nodeName,
            Duration leaseTtl,
            Duration holdBack,
            Clock clock,
            ClusterDirectory directory,
            String url)
            throws SQLException {
        this.holdBack = new HoldBack(clock, holdBack);
        this.config = config;
        this.nodeStore = nodeStore;
        this.location = nodeStore.location();
        this.options = options;
        this.nodeName = nodeName;
        this.leaseTtl = leaseTtl;
        this.clock = clock;
        this.directory = directory;
        this.url = url;
        java.util.concurrent.atomic.AtomicInteger taker = new java.util.concurrent.atomic.AtomicInteger();
        this.takers = Executors.newFixedThreadPool(PARALLEL_TAKES, r -> {
            Thread thread = new Thread(r, "xephang-take-" + taker.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.outbox = Outbox.ofOwnedSites(nodeStore.connect(), nodeStore::reconnect, held::keySet, site -> {
            Held site0 = held.get(site);
            return site0 == null ? null : site0.engine().outbox();
        });
        this.appointments = new ClusterAppointments(this::local, nodeStore);
        closeActions.add(appointments::close);
    }

    /** Announces this node to the cluster and starts following the placement. */
    public void start() {
        directory.onConfigChanged(site -> {
            if (!closing) {
                placement.execute(() -> reloadConfiguration(site));
            }
        });
        // A site given back by another node: the node it is placed on takes it now, without waiting for the next
        // placement check (which reads the cluster's maps, slow while Hazelcast migrates partitions).
        directory.onReleased(site -> {
            if (!closing && directory.self().equals(lastPlaced.get(site)) && !held.containsKey(site)) {
                submitTake(site, Optional.empty());
            }
            membershipChanged();
        });
        await(directory.announce(url), "announcing the node");
        placement.scheduleWithFixedDelay(this::rebalanceQuietly, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether this node has been up for its hold-back and told the cluster so (it may then be given live sites). */
    boolean settled() {
        return settled;
    }

    /** Checks the placement now (a membership change). */
    public void membershipChanged() {
        if (!closing) {
            placement.execute(this::rebalanceQuietly);
        }
    }

    /** Runs {@code action} first when this queue closes (the membership listener's removal). */
    public void onClose(Runnable action) {
        closeActions.add(action);
    }

    /** Called with a site's code each time this node takes it (on the placement thread). */
    public void onTaken(Consumer<String> listener) {
        takenListeners.add(listener);
    }

    /**
     * Called with every committed event of the sites this node runs (on their writer threads: do not block), e.g. to
     * wake the dossier forwarder.
     */
    public void onEvent(Consumer<QueueEvent> listener) {
        eventListeners.add(listener);
    }

    /** The sites this node runs now. */
    public Set<String> ownedSites() {
        return Set.copyOf(held.keySet());
    }

    /** The engine of a site this node runs, or empty. */
    public Optional<QueueEngine> engine(String site) {
        return Optional.ofNullable(held.get(site)).map(Held::engine);
    }

    /** The engine holding a ticket of a site this node runs (today's tickets, in memory), or empty. */
    public Optional<QueueEngine> engineOfTicket(String ticketId) {
        return holderOf(ticketId);
    }

    /**
     * The appointments of the sites this node runs, each on its site's engine; a booking's by the site the store gives
     * it (docs/adr/0034-messages-and-appointments-in-a-cluster.md).
     */
    @Override
    public org.xephang.core.AppointmentService appointments() {
        return appointments;
    }

    /** The outbox of the sites this node owns now (the dossier forwarder's). */
    public Outbox outbox() {
        return outbox;
    }

    /**
     * The shared PostgreSQL store holds the accounts, token revocations and audit log of the whole cluster: every node
     * reads them (revocations every second) and writes them on its own connections, as PostgreSQL allows, so a disabled
     * account fails on every node (docs/adr/0025).
     */
    @Override
    public Optional<Store> configurationStore() {
        return Optional.of(nodeStore);
    }

    @Override
    public Optional<StoreWrites> storeWrites() {
        return Optional.of(StoreWrites.direct(nodeStore));
    }

    /** The node's own store (ticket lookups for forwarding). */
    public Store store() {
        return nodeStore;
    }

    public ClusterDirectory directory() {
        return directory;
    }

    private void rebalanceQuietly() {
        try {
            rebalance();
        } catch (RuntimeException failed) {
            LOG.warn("Checking the placement of the sites failed; trying again in {} ms", TICK.toMillis(), failed);
        }
    }

    /**
     * On the placement thread: gives back what is placed on a settled member elsewhere, takes what is placed here and
     * not run by another live node ({@link PlacementPlan}), several sites in parallel.
     */
    private void rebalance() {
        if (closing) {
            return;
        }
        if (!settled && holdBack.settled()) {
            await(directory.settled(), "announcing that the node settled");
            settled = true;
            LOG.info(
                    "Node {} has been up for {} s: sites may be handed to it",
                    nodeName,
                    holdBack.settle().toSeconds());
        }
        Collection<String> members =
                await(directory.servingMembers(), "reading the members").keySet();
        Set<String> settledMembers = await(directory.settledMembers(), "reading the settled members");
        Map<String, ClusterDirectory.Owner> published = await(directory.publishedOwners(), "reading the owners");
        List<String> live = directory.liveMembers();
        String self = directory.self();
        for (String site : List.copyOf(held.keySet())) {
            Held site0 = held.get(site);
            if (site0.ownership().takenOver()) {
                LOG.warn(
                        "Node {} lost site {} to another node (its lease was taken over); dropping it", nodeName, site);
                giveBack(site);
            }
        }
        Map<String, String> liveOwners = new java.util.HashMap<>();
        published.forEach((site, owner) -> {
            if (live.contains(owner.node())) {
                liveOwners.put(site, owner.node());
            }
        });
        Map<String, String> placed = SitePlacement.assign(siteCodes(), members);
        lastPlaced = placed;
        PlacementPlan plan = PlacementPlan.of(siteCodes(), placed, self, held.keySet(), settledMembers, liveOwners);
        for (String site : plan.giveBack()) {
            giveBack(site);
        }
        for (String site : plan.take()) {
            ClusterDirectory.Owner gone = published.get(site);
            submitTake(
                    site,
                    gone == null || live.contains(gone.node()) || gone.lease().isEmpty()
                            ? Optional.empty()
                            : Optional.of(gone));
        }
    }

    /**
     * Opens a site on a taker thread unless it runs here or is being opened: when its lease is free, or held by a node
     * the membership dropped ({@code gone}) and unrenewed for longer than its renewal period; otherwise the next check
     * tries again. The placement check does not wait for it: each site's lease goes stale at its own moment, and a
     * slow open must not delay the others' next attempt.
     */
    private void submitTake(String site, Optional<ClusterDirectory.Owner> gone) {
        if (held.containsKey(site) || closing || !taking.add(site)) {
            return;
        }
        try {
            takers.execute(() -> {
                try {
                    if (!held.containsKey(site) && !closing) {
                        open(site, gone);
                    }
                } catch (RuntimeException failed) {
                    LOG.warn("Node {} could not take site {}; trying again", nodeName, site, failed);
                } finally {
                    taking.remove(site);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            taking.remove(site);
        }
    }

    private void open(String site, Optional<ClusterDirectory.Owner> gone) {
        SiteConfig current = storedConfiguration(site);
        SiteOwnership ownership = SiteOwnership.forNode(nodeName, leaseTtl, clock);
        gone.ifPresent(owner -> ownership.presumeGone(site, owner.lease(), owner.epoch()));
        QueueEngine engine;
        long started = System.nanoTime();
        try {
            engine = QueueEngine.open(
                    new CentreConfig(List.of(current), config.accounts()),
                    nodeStore instanceof PostgresStore postgres ? postgres.shared() : Store.open(location),
                    clock,
                    options,
                    ownership);
        } catch (IllegalStateException notYet) {
            if (notYet.getCause() instanceof SiteOwnership.SiteOwnedElsewhereException held0) {
                LOG.debug("Site {} is placed on node {} but still held: {}", site, nodeName, held0.getMessage());
            } else {
                LOG.warn("Node {} could not take site {}; trying again", nodeName, site, notYet);
            }
            return;
        } catch (SQLException unreachable) {
            LOG.warn("Node {} could not open the store to take site {}; trying again", nodeName, site, unreachable);
            return;
        }
        if (closing) {
            closeTaken(site, engine, ownership);
            return;
        }
        engine.subscribe(site, event -> eventListeners.forEach(listener -> listener.accept(event)));
        held.put(site, new Held(engine, ownership));
        long epoch = ownership.epochs().getOrDefault(site, 0L);
        await(directory.owns(site, url, ownership.owner(), epoch), "publishing the owner of " + site);
        LOG.info(
                "Node {} took site {} (epoch {}{}) in {} ms",
                nodeName,
                site,
                epoch,
                gone.isPresent() ? ", from a node the cluster dropped" : "",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        takenListeners.forEach(listener -> listener.accept(site));
    }

    /** An engine opened while the node closes: closed again and its lease given back. */
    private void closeTaken(String site, QueueEngine engine, SiteOwnership ownership) {
        try {
            engine.close();
        } catch (RuntimeException closeFailed) {
            LOG.warn("Closing the engine of site {} failed", site, closeFailed);
        }
        try (Connection connection = nodeStore.connect()) {
            ownership.releaseAll(connection);
        } catch (SQLException cannotRelease) {
            LOG.warn("Could not give back the lease of site {}; it runs out in {}", site, leaseTtl, cannotRelease);
        }
    }

    /**
     * A site's configuration changed in the store (its owner saved it, issue #14): this node applies the stored one (the
     * sites' descriptions it answers for, and the engine it would open when it takes the site) and publishes it for
     * the check of nodes started later. Placement thread.
     */
    private void reloadConfiguration(String site) {
        try {
            CentreConfig stored = StoredConfiguration.load(nodeStore);
            config = new CentreConfig(
                    config.sites().stream()
                            .map(s -> stored.site(s.code()).orElse(s))
                            .toList(),
                    config.accounts());
            await(directory.publishConfiguration(config), "publishing the configuration");
            LOG.info("Node {} applied the stored configuration of site {}", nodeName, site);
        } catch (ConfigException | SQLException | RuntimeException unreadable) {
            LOG.warn("Node {} could not apply the changed configuration of site {}", nodeName, site, unreadable);
        }
    }

    /** The site's configuration as stored now (a live change made on its former owner), else the one read at start. */
    private SiteConfig storedConfiguration(String site) {
        try {
            return StoredConfiguration.load(nodeStore).site(site).orElseGet(() -> configured(site));
        } catch (ConfigException | SQLException unreadable) {
            LOG.warn("Cannot read the stored configuration of site {}; using the one read at start", site, unreadable);
            return configured(site);
        }
    }

    private SiteConfig configured(String site) {
        return config.site(site).orElseThrow();
    }

    /**
     * Gives a site back: no new command reaches its engine, the engine finishes what it queued and closes, the site's
     * streams end (clients resubscribe through any node), and the lease is released so the next owner takes it at once.
     */
    private void giveBack(String site) {
        Held site0 = held.get(site);
        if (site0 == null) {
            return;
        }
        // The entry first: other nodes then hold their requests for the next owner (SiteForwarding) instead of
        // forwarding them here to be refused.
        try {
            await(directory.gaveUp(site), "withdrawing the owner of " + site);
        } finally {
            held.remove(site);
        }
        try {
            site0.engine().close();
        } catch (RuntimeException closeFailed) {
            LOG.warn("Closing the engine of site {} failed", site, closeFailed);
        }
        Set<Runnable> ends = streamEnds.remove(site);
        if (ends != null) {
            ends.forEach(Runnable::run);
        }
        try (Connection connection = nodeStore.connect()) {
            site0.ownership().releaseAll(connection);
        } catch (SQLException cannotRelease) {
            LOG.warn("Could not give back the lease of site {}; it runs out in {}", site, leaseTtl, cannotRelease);
        }
        try {
            directory.released(site);
        } catch (RuntimeException cannotTell) {
            LOG.debug("Could not announce that site {} was given back: {}", site, cannotTell.toString());
        }
        LOG.info("Node {} gave site {} back", nodeName, site);
    }

    /**
     * Leaves the placement, gives every site back (so the other nodes take them at once) and closes the store.
     * Blocking; a second call does nothing.
     */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        for (Runnable action : closeActions) {
            try {
                action.run();
            } catch (RuntimeException failed) {
                LOG.warn("A closing step of node {} failed", nodeName, failed);
            }
        }
        try {
            await(directory.withdraw(), "leaving the placement");
        } catch (RuntimeException cannotWithdraw) {
            LOG.warn("Could not withdraw node {} from the placement", nodeName, cannotWithdraw);
        }
        placement.shutdown();
        takers.shutdown();
        try {
            if (!placement.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The placement of node {} did not stop within 30 s", nodeName);
            }
            if (!takers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The sites node {} was taking were not open within 30 s", nodeName);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        for (String site : List.copyOf(held.keySet())) {
            giveBack(site);
        }
        outbox.close();
        nodeStore.close();
    }

    private static <T> T await(io.vertx.core.Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", interrupted);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failed) {
            throw new IllegalStateException(what + " failed", failed);
        }
    }

    // ---------------------------------------------------------------- QueueService

    /**
     * The refusal for a site this node does not run now (mid-takeover, or placed elsewhere), given before anything ran:
     * {@code "applied": false} (and the {@code X-Xephang-Not-Applied} header) tell a client it may send any command
     * again, call-next included (docs/adr/0033-takeover-without-waiting-the-lease.md).
     */
    static QueueError notHere(String site) {
        return QueueError.withDetails(
                ErrorCode.UNAVAILABLE,
                "Điểm \"" + site + "\" đang được chuyển sang máy chủ khác; yêu cầu chưa được thực hiện, hãy thử lại"
                        + " sau giây lát. / The site is moving to another server; nothing was done, retry shortly.",
                Map.of("retryAfterSeconds", 1, "applied", false));
    }

    /**
     * The refusal of a forwarding node that lost the owner's answer: the owner may have applied the command, so the
     * client must not assume it did not (an officer looks at the counter before pressing again).
     */
    static QueueError answerLost(String site) {
        return QueueError.withDetails(
                ErrorCode.UNAVAILABLE,
                "Mất kết nối tới máy chủ đang phục vụ điểm \"" + site + "\" trước khi có kết quả; hãy kiểm tra màn hình"
                        + " quầy trước khi bấm lại. / The answer of the site's server was lost; check before retrying.",
                Map.of("retryAfterSeconds", 1));
    }

    private QueueEngine local(String site) {
        if (config.site(site).isEmpty()) {
            throw new QueueError(ErrorCode.UNKNOWN_SITE, "Không có điểm phục vụ \"" + site + "\".");
        }
        Held site0 = held.get(site);
        if (site0 == null) {
            throw notHere(site);
        }
        return site0.engine();
    }

    private <T> CompletionStage<T> onSite(String site, Function<QueueEngine, CompletionStage<T>> command) {
        try {
            return command.apply(local(site));
        } catch (QueueError refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** The engine holding a ticket in memory (today's tickets of the sites run here). */
    private Optional<QueueEngine> holderOf(String ticketId) {
        for (Held site : held.values()) {
            if (site.engine().ticket(ticketId).isPresent()) {
                return Optional.of(site.engine());
            }
        }
        return Optional.empty();
    }

    private <T> CompletionStage<T> onTicket(String ticketId, Function<QueueEngine, CompletionStage<T>> command) {
        return holderOf(ticketId)
                .map(command)
                .orElseGet(() -> CompletableFuture.failedFuture(
                        new QueueError(ErrorCode.UNKNOWN_TICKET, "Không tìm thấy vé \"" + ticketId + "\".")));
    }

    /** Ready while every site it runs holds its lease (a node running none forwards everything and is ready). */
    @Override
    public boolean ownsItsSites() {
        return held.values().stream().allMatch(site -> site.engine().ownsItsSites());
    }

    @Override
    public CompletionStage<Void> probe() {
        List<CompletableFuture<Void>> probes = new ArrayList<>();
        for (Held site : held.values()) {
            probes.add(site.engine().probe().toCompletableFuture());
        }
        if (probes.isEmpty()) {
            return CompletableFuture.runAsync(() -> {
                if (!nodeStore.answers()) {
                    throw new QueueError(ErrorCode.UNAVAILABLE, "Không kết nối được cơ sở dữ liệu.");
                }
            });
        }
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletionStage<IssueResult> issue(String site, IssueCommand command, Actor actor) {
        return onSite(site, engine -> engine.issue(site, command, actor));
    }

    @Override
    public CompletionStage<Optional<Ticket>> callNext(String site, int counter, Actor actor) {
        return onSite(site, engine -> engine.callNext(site, counter, actor));
    }

    @Override
    public CompletionStage<Ticket> call(String ticketId, Actor actor) {
        return onTicket(ticketId, engine -> engine.call(ticketId, actor));
    }

    @Override
    public CompletionStage<Ticket> recall(String ticketId, Actor actor) {
        return onTicket(ticketId, engine -> engine.recall(ticketId, actor));
    }

    @Override
    public CompletionStage<Ticket> start(String ticketId, Actor actor) {
        return onTicket(ticketId, engine -> engine.start(ticketId, actor));
    }

    @Override
    public CompletionStage<Ticket> complete(String ticketId, Actor actor) {
        return onTicket(ticketId, engine -> engine.complete(ticketId, actor));
    }

    @Override
    public CompletionStage<Ticket> noShow(String ticketId, Actor actor) {
        return onTicket(ticketId, engine -> engine.noShow(ticketId, actor));
    }

    @Override
    public CompletionStage<Ticket> cancel(String ticketId, Actor actor) {
        return onTicket(ticketId, engine -> engine.cancel(ticketId, actor));
    }

    @Override
    public CompletionStage<Ticket> transfer(String ticketId, TransferCommand command, Actor actor) {
        return onTicket(ticketId, engine -> engine.transfer(ticketId, command, actor));
    }

    @Override
    public CompletionStage<Ticket> linkDossier(String ticketId, String dossierCode, Actor actor) {
        return onTicket(ticketId, engine -> engine.linkDossier(ticketId, dossierCode, actor));
    }

    @Override
    public CompletionStage<Ticket> rate(String ticketId, RatingCommand command, Actor actor) {
        return onTicket(ticketId, engine -> engine.rate(ticketId, command, actor));
    }

    @Override
    public CompletionStage<CounterView> pause(String site, int counter, String reason, Actor actor) {
        return onSite(site, engine -> engine.pause(site, counter, reason, actor));
    }

    @Override
    public CompletionStage<CounterView> resume(String site, int counter, Actor actor) {
        return onSite(site, engine -> engine.resume(site, counter, actor));
    }

    @Override
    public CompletionStage<CounterView> signIn(String site, int counter, Actor actor) {
        return onSite(site, engine -> engine.signIn(site, counter, actor));
    }

    @Override
    public CompletionStage<CounterView> signOut(String site, int counter, Actor actor) {
        return onSite(site, engine -> engine.signOut(site, counter, actor));
    }

    @Override
    public CompletionStage<Void> reportDeviceStatus(String site, DeviceStatusReport report, Actor actor) {
        return onSite(site, engine -> engine.reportDeviceStatus(site, report, actor));
    }

    @Override
    public CompletionStage<Void> deviceHeartbeat(String site, DeviceHeartbeat heartbeat, Actor actor) {
        return onSite(site, engine -> engine.deviceHeartbeat(site, heartbeat, actor));
    }

    @Override
    public List<DeviceHealth> devices(String site) {
        return local(site).devices(site);
    }

    @Override
    public Optional<Ticket> ticket(String ticketId) {
        return holderOf(ticketId).flatMap(engine -> engine.ticket(ticketId));
    }

    @Override
    public Optional<Ticket> ticketByNumber(String site, String number) {
        return local(site).ticketByNumber(site, number);
    }

    @Override
    public CompletionStage<SiteStatistics> statistics(String site, LocalDate from, LocalDate to) {
        return onSite(site, engine -> engine.statistics(site, from, to));
    }

    @Override
    public List<WaitingTicket> waiting(String site, String service) {
        return local(site).waiting(site, service);
    }

    @Override
    public IssuingState issuing(String site) {
        return local(site).issuing(site);
    }

    /** Answers for every configured site (the API reads each site's time zone at start), run here or not. */
    @Override
    public SiteInfo site(String siteCode) {
        Held site0 = held.get(siteCode);
        if (site0 != null) {
            return site0.engine().site(siteCode);
        }
        return config.site(siteCode)
                .orElseThrow(
                        () -> new QueueError(ErrorCode.UNKNOWN_SITE, "Không có điểm phục vụ \"" + siteCode + "\"."))
                .toSiteInfo();
    }

    @Override
    public CompletionStage<SiteConfigDocument> siteConfiguration(String site) {
        return onSite(site, engine -> engine.siteConfiguration(site));
    }

    @Override
    public CompletionStage<SiteConfigDocument> saveSiteConfiguration(
            String site, long version, Map<String, Object> document, Actor actor) {
        return onSite(
                site,
                engine -> engine.saveSiteConfiguration(site, version, document, actor)
                        .thenApply(saved -> {
                            directory.configChanged(site);
                            return saved;
                        }));
    }

    @Override
    public List<String> siteCodes() {
        return config.sites().stream().map(SiteConfig::code).toList();
    }

    @Override
    public QueueSnapshot snapshot(String site) {
        return local(site).snapshot(site);
    }

    @Override
    public Subscription subscribe(String site, Consumer<QueueEvent> listener) {
        return subscribe(site, listener, () -> {});
    }

    @Override
    public Subscription subscribe(String site, Consumer<QueueEvent> listener, Runnable ended) {
        Subscription subscription = local(site).subscribe(site, listener);
        Set<Runnable> ends = streamEnds.computeIfAbsent(site, s -> ConcurrentHashMap.newKeySet());
        ends.add(ended);
        if (!held.containsKey(site) && ends.remove(ended)) {
            // The site left between the subscription and the registration: end it now.
            subscription.close();
            ended.run();
        }
        return new Subscription() {
            @Override
            public QueueSnapshot snapshot() {
                return subscription.snapshot();
            }

            @Override
            public void close() {
                ends.remove(ended);
                subscription.close();
            }
        };
    }
}
