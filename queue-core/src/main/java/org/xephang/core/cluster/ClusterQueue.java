package org.xephang.core.cluster;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.persistence.Outbox;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreWrites;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.SiteConfig;

/**
 * The queue of a node of a cluster (docs/adr/0027-request-forwarding-and-site-ownership.md): the sites are spread over
 * the live nodes by {@link SitePlacement}, and this node runs an engine for each site placed on it, holding that site's
 * fenced lease. Which sites it runs, and their taking and giving back, is {@link PlacementLoop}'s; this class routes
 * each operation to the engine of the site it names.
 *
 * <p>As a {@link QueueService} it answers for the sites it runs and refuses the others with {@code UNAVAILABLE}: the
 * HTTP layer forwards them to their owner first ({@link SiteForwarding}). Thread-safe; commands complete on the site's
 * writer thread, like the engine's.
 *
 * <p><b>Routing.</b> Every operation goes one of two ways: to the engine of the site it names ({@link #local}, or
 * {@link #onSite} for a command, whose refusal ({@link #notHere}, {@code UNKNOWN_SITE}) becomes its failed stage), or
 * to the engine holding the ticket it names ({@link #holderOf}, {@link #onTicket}: else {@code UNKNOWN_TICKET}). What
 * is left per operation is its signature and one line naming its way: {@link QueueService} is wide (some forty
 * operations), and a reflective proxy would trade those lines for the compiler's checks.
 */
public final class ClusterQueue implements QueueService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterQueue.class);

    private final Store nodeStore;
    private final String nodeName;
    private final ClusterDirectory directory;
    private final PlacementLoop sites;
    private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();
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
        this.nodeStore = nodeStore;
        this.nodeName = nodeName;
        this.directory = directory;
        this.sites = new PlacementLoop(config, nodeStore, options, nodeName, leaseTtl, holdBack, clock, directory, url);
        this.outbox = Outbox.ofOwnedSites(
                nodeStore.connect(),
                nodeStore::reconnect,
                sites::ownedSites,
                site -> sites.engine(site).map(QueueEngine::outbox).orElse(null));
        this.appointments = new ClusterAppointments(this::local, nodeStore);
        closeActions.add(appointments::close);
    }

    /** Announces this node to the cluster and starts following the placement. */
    public void start() {
        sites.start();
    }

    /** Whether this node has been up for its hold-back and told the cluster so (it may then be given live sites). */
    boolean settled() {
        return sites.settled();
    }

    /** Checks the placement now (a membership change). */
    public void membershipChanged() {
        sites.membershipChanged();
    }

    /** Runs {@code action} first when this queue closes (the membership listener's removal). */
    public void onClose(Runnable action) {
        closeActions.add(action);
    }

    /** Called with a site's code each time this node takes it (on the thread that opened it). */
    public void onTaken(Consumer<String> listener) {
        sites.onTaken(listener);
    }

    /**
     * Called with every committed event of the sites this node runs (on their writer threads: do not block), e.g. to
     * wake the dossier forwarder.
     */
    public void onEvent(Consumer<QueueEvent> listener) {
        sites.onEvent(listener);
    }

    /** The sites this node runs now. */
    public Set<String> ownedSites() {
        return sites.ownedSites();
    }

    /** The engine of a site this node runs, or empty. */
    public Optional<QueueEngine> engine(String site) {
        return sites.engine(site);
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
        sites.stop();
        for (Runnable action : closeActions) {
            try {
                action.run();
            } catch (RuntimeException failed) {
                LOG.warn("A closing step of node {} failed", nodeName, failed);
            }
        }
        sites.close();
        outbox.close();
        nodeStore.close();
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
                "Site \"" + site + "\" is moving to another server; nothing was done, please try again in a moment.",
                Map.of("retryAfterSeconds", 1, "applied", false));
    }

    private QueueEngine local(String site) {
        if (sites.config().site(site).isEmpty()) {
            throw new QueueError(
                    ErrorCode.UNKNOWN_SITE, "Không có điểm phục vụ \"" + site + "\".", "No site \"" + site + "\".");
        }
        return sites.engine(site).orElseThrow(() -> notHere(site));
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
        for (QueueEngine engine : sites.engines()) {
            if (engine.ticket(ticketId).isPresent()) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }

    private <T> CompletionStage<T> onTicket(String ticketId, Function<QueueEngine, CompletionStage<T>> command) {
        return holderOf(ticketId)
                .map(command)
                .orElseGet(() -> CompletableFuture.failedFuture(new QueueError(
                        ErrorCode.UNKNOWN_TICKET,
                        "Không tìm thấy vé \"" + ticketId + "\".",
                        "No ticket \"" + ticketId + "\".")));
    }

    /** Ready while every site it runs holds its lease (a node running none forwards everything and is ready). */
    @Override
    public boolean ownsItsSites() {
        return sites.engines().stream().allMatch(QueueEngine::ownsItsSites);
    }

    @Override
    public CompletionStage<Void> probe() {
        List<CompletableFuture<Void>> probes = new ArrayList<>();
        for (QueueEngine engine : sites.engines()) {
            probes.add(engine.probe().toCompletableFuture());
        }
        if (probes.isEmpty()) {
            return CompletableFuture.runAsync(() -> {
                if (!nodeStore.answers()) {
                    throw new QueueError(
                            ErrorCode.UNAVAILABLE,
                            "Không kết nối được cơ sở dữ liệu.",
                            "Could not connect to the database.");
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
        Optional<QueueEngine> engine = sites.engine(siteCode);
        if (engine.isPresent()) {
            return engine.get().site(siteCode);
        }
        return sites.config()
                .site(siteCode)
                .orElseThrow(() -> new QueueError(
                        ErrorCode.UNKNOWN_SITE,
                        "Không có điểm phục vụ \"" + siteCode + "\".",
                        "No site \"" + siteCode + "\"."))
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
        return sites.config().sites().stream().map(SiteConfig::code).toList();
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
        if (!sites.whenLeaves(site, ended)) {
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
                sites.forget(site, ended);
                subscription.close();
            }
        };
    }
}
