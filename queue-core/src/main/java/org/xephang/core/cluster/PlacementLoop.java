package org.xephang.core.cluster;

import static org.xephang.core.cluster.ClusterDirectory.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.QueueEvent;
import org.xephang.core.config.StoredConfiguration;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.SiteOwnership;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.ConfigException;
import org.xephang.core.site.SiteConfig;

/**
 * Keeps the sites a node runs in step with the placement (docs/adr/0027-request-forwarding-and-site-ownership.md,
 * docs/adr/0033-takeover-without-waiting-the-lease.md): on every membership change and every {@link #TICK} it compares
 * the sites it holds with {@link SitePlacement} and {@link PlacementPlan}. A site placed elsewhere is given back (its
 * engine finishes its last group and closes, its streams end, its lease is released at once); a site placed here is
 * taken as soon as its lease is free (released, or run out after its owner died), with a new epoch and its memory
 * rebuilt from PostgreSQL, reading the site's configuration from the store. A rejoined node takes no live site until
 * its {@link HoldBack} has passed.
 *
 * <p><b>Contract.</b> It owns the map of held sites (site → engine and lease) and the sites' configuration; {@link
 * ClusterQueue} only reads them ({@link #engine}, {@link #engines}, {@link #config}) and registers what must happen
 * when a site leaves ({@link #whenLeaves}). Threads: checks, configuration reloads and give-backs run on one placement
 * thread; opens run on {@link #PARALLEL_TAKES} taker threads, one take at a time per site; every reader is
 * thread-safe. Failures of a check or a take are logged and retried at the next check; nothing here throws to a
 * caller except {@link #start} (the node could not announce itself).
 */
final class PlacementLoop {

    /** How often placement is checked even without a membership event (a lease that ran out, a failed take). */
    static final Duration TICK = Duration.ofMillis(250);

    /**
     * How many sites a node opens at once when it takes several (a dead node's): each open reads the site's day from
     * PostgreSQL, mostly waiting on it, so a few in parallel cut a takeover of ten sites to a few opens' time.
     */
    static final int PARALLEL_TAKES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(PlacementLoop.class);

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
    private final ScheduledExecutorService placement = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "xephang-placement");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService takers;
    private volatile boolean closing;

    PlacementLoop(
            CentreConfig config,
            Store nodeStore,
            EngineOptions options,
            String nodeName,
            Duration leaseTtl,
            Duration holdBack,
            Clock clock,
            ClusterDirectory directory,
            String url) {
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
        AtomicInteger taker = new AtomicInteger();
        this.takers = Executors.newFixedThreadPool(PARALLEL_TAKES, r -> {
            Thread thread = new Thread(r, "xephang-take-" + taker.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Announces this node to the cluster and starts following the placement. */
    void start() {
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
    void membershipChanged() {
        if (!closing) {
            placement.execute(this::rebalanceQuietly);
        }
    }

    /** Called with a site's code each time this node takes it (on a taker thread). */
    void onTaken(Consumer<String> listener) {
        takenListeners.add(listener);
    }

    /** Called with every committed event of the sites this node runs (on their writer threads: do not block). */
    void onEvent(Consumer<QueueEvent> listener) {
        eventListeners.add(listener);
    }

    /** The sites' configuration as last applied (every configured site, run here or not). */
    CentreConfig config() {
        return config;
    }

    /** The sites this node runs now. */
    Set<String> ownedSites() {
        return Set.copyOf(held.keySet());
    }

    /** The engine of a site this node runs, or empty. */
    Optional<QueueEngine> engine(String site) {
        return Optional.ofNullable(held.get(site)).map(Held::engine);
    }

    /** The engines of the sites this node runs now. */
    List<QueueEngine> engines() {
        return held.values().stream().map(Held::engine).toList();
    }

    /**
     * Runs {@code ended} when the site leaves this node, unless it has left already: then nothing is registered and
     * the answer is {@code false} (the caller ends its stream itself).
     */
    boolean whenLeaves(String site, Runnable ended) {
        Set<Runnable> ends = streamEnds.computeIfAbsent(site, s -> ConcurrentHashMap.newKeySet());
        ends.add(ended);
        // The site left between the caller's subscription and this registration: not registered.
        return held.containsKey(site) || !ends.remove(ended);
    }

    /** Forgets an end signal registered by {@link #whenLeaves} (its stream was closed). */
    void forget(String site, Runnable ended) {
        Set<Runnable> ends = streamEnds.get(site);
        if (ends != null) {
            ends.remove(ended);
        }
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
        Map<String, String> liveOwners = new HashMap<>();
        published.forEach((site, owner) -> {
            if (live.contains(owner.node())) {
                liveOwners.put(site, owner.node());
            }
        });
        List<String> sites = siteCodes();
        Map<String, String> placed = SitePlacement.assign(sites, members);
        lastPlaced = placed;
        PlacementPlan plan = PlacementPlan.of(sites, placed, self, held.keySet(), settledMembers, liveOwners);
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

    private List<String> siteCodes() {
        return config.sites().stream().map(SiteConfig::code).toList();
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
        } catch (RejectedExecutionException closed) {
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
        closeEngine(site, engine);
        release(site, ownership);
    }

    private static void closeEngine(String site, QueueEngine engine) {
        try {
            engine.close();
        } catch (RuntimeException closeFailed) {
            LOG.warn("Closing the engine of site {} failed", site, closeFailed);
        }
    }

    private void release(String site, SiteOwnership ownership) {
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
        closeEngine(site, site0.engine());
        Set<Runnable> ends = streamEnds.remove(site);
        if (ends != null) {
            ends.forEach(Runnable::run);
        }
        release(site, site0.ownership());
        try {
            directory.released(site);
        } catch (RuntimeException cannotTell) {
            LOG.debug("Could not announce that site {} was given back: {}", site, cannotTell.toString());
        }
        LOG.info("Node {} gave site {} back", nodeName, site);
    }

    /** Stops following the placement: no check, take or configuration reload starts from now on. */
    void stop() {
        closing = true;
    }

    /**
     * Leaves the placement, waits for the checks and opens under way, and gives every site back (so the other nodes
     * take them at once). Blocking; after {@link #stop}.
     */
    void close() {
        closing = true;
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
    }
}
