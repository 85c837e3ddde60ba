package org.xephang.core.backend.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.backend.lookup.DossierLookup;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.persistence.NotificationOutbox;
import org.xephang.core.persistence.Store;

/**
 * "Sắp đến lượt" / "mời đến quầy" messages wired into a server: the routes on the API ({@link NotificationRoutes}),
 * then, once the engine is open, the {@link NotificationSender} over the engine's notification table, woken by each
 * commit that recorded a message. Like {@code DossierBackend} for the dossier link.
 */
public final class NotificationBackend {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * Where the routes find the engine of a site or of a ticket: the server's one engine alone; in a cluster, the engine
     * of a site this node runs (the HTTP layer forwarded the request to the site's owner first).
     */
    public interface Engines {
        /** The queue the inbound SMS route reads a site's description from. */
        QueueService queue();

        /** The engine running {@code site} here, or empty (in a cluster: the site runs on another node now). */
        Optional<QueueEngine> ofSite(String site);

        /** The engine holding {@code ticketId}, or empty. */
        Optional<QueueEngine> ofTicket(String ticketId);

        /** One engine for every site and ticket (a server alone). */
        static Engines of(QueueEngine engine) {
            return new Engines() {
                @Override
                public QueueService queue() {
                    return engine;
                }

                @Override
                public Optional<QueueEngine> ofSite(String site) {
                    return Optional.of(engine);
                }

                @Override
                public Optional<QueueEngine> ofTicket(String ticketId) {
                    return Optional.of(engine);
                }
            };
        }
    }

    private final Vertx vertx;
    private final NotificationProviders providers;
    private final Clock clock;
    private volatile Engines engines;
    private volatile QueueEngine engine;
    private volatile WorkerExecutor worker;
    private volatile NotificationSender sender;
    private String deployment;

    public NotificationBackend(Vertx vertx, NotificationProviders providers, Clock clock) {
        this.vertx = vertx;
        this.providers = providers;
        this.clock = clock;
    }

    /** Adds the routes without a dossier system: an inbound SMS with a code is answered "not connected". */
    public void mount(Router router, Authenticator auth) {
        mount(router, auth, DossierLookup.create(vertx, LookupConfig.none(), clock));
    }

    private static QueueError starting() {
        return new QueueError(
                ErrorCode.UNAVAILABLE,
                "Máy chủ đang khởi động. Vui lòng thử lại sau.",
                "The server is starting. Please try again later.");
    }

    /** The outbox of the engine running {@code site}; null before {@link #start}. */
    private NotificationOutbox outboxOf(String site) {
        Engines running = engines;
        if (running == null) {
            return null;
        }
        return running.ofSite(site)
                .map(QueueEngine::notificationOutbox)
                .orElseThrow(() -> new QueueError(
                        ErrorCode.UNAVAILABLE,
                        "Điểm \"" + site + "\" đang được chuyển sang máy chủ khác; hãy thử lại sau giây lát.",
                        "Site \"" + site + "\" is moving to another server; please try again in a moment."));
    }

    private CompletionStage<QueueEngine> engineOfTicket(String ticketId) {
        Engines running = engines;
        if (running == null) {
            return CompletableFuture.failedFuture(starting());
        }
        return running.ofTicket(ticketId)
                .<CompletionStage<QueueEngine>>map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(new QueueError(
                        ErrorCode.UNKNOWN_TICKET,
                        "Không tìm thấy vé \"" + ticketId + "\".",
                        "No ticket \"" + ticketId + "\".")));
    }

    /**
     * Adds the routes; they answer 503 until {@link #start} (the engine opens after the port). {@code lookup} answers
     * the dossier codes citizens send by SMS ({@link InboundSmsRoutes}).
     */
    public void mount(Router router, Authenticator auth, DossierLookup lookup) {
        new InboundSmsRoutes(
                        providers.inboundSecret(),
                        providers.sms() != null,
                        lookup,
                        () -> engines == null ? null : engines.queue(),
                        this::outboxOf,
                        clock)
                .mount(router);
        new NotificationRoutes(
                        (ticketId, phone) -> engineOfTicket(ticketId)
                                .thenCompose(found -> found.subscribeNotifications(ticketId, phone)),
                        ticketId -> engineOfTicket(ticketId).thenCompose(found -> found.notificationOffer(ticketId)),
                        this::outboxOf,
                        () -> worker,
                        clock)
                .mount(router, auth);
    }

    /** Starts the sender over the engine's table. */
    public Future<Void> start(QueueEngine queueEngine, MeterRegistry registry) {
        this.worker = vertx.createSharedWorkerExecutor("xephang-notifications", 1);
        return start(
                        Engines.of(queueEngine),
                        new StoredNotificationQueue(
                                queueEngine.notificationOutbox(), worker, vertx.getOrCreateContext()),
                        registry,
                        () -> 1)
                .map(v -> {
                    engine = queueEngine;
                    attach(queueEngine);
                    return null;
                });
    }

    /**
     * Starts the sender of a node of a cluster: it sends the messages of the sites {@code ownedSites} names now, read
     * from {@code store}, each marked through its site's engine ({@link OwnedSitesNotificationQueue}). Call {@link
     * #attach} with the engine of each site the node takes. {@code members}: how many nodes are live now; each sends
     * its share of a provider's rate.
     */
    public Future<Void> startOwnedSites(
            Engines nodeEngines,
            Store store,
            Supplier<Collection<String>> ownedSites,
            MeterRegistry registry,
            IntSupplier members) {
        this.worker = vertx.createSharedWorkerExecutor("xephang-notifications", 1);
        return start(
                nodeEngines,
                new OwnedSitesNotificationQueue(
                        store,
                        ownedSites,
                        site -> nodeEngines.ofSite(site).map(QueueEngine::notificationOutbox),
                        worker,
                        vertx.getOrCreateContext()),
                registry,
                members);
    }

    private Future<Void> start(
            Engines nodeEngines, NotificationQueue queue, MeterRegistry registry, IntSupplier members) {
        NotificationSender created = new NotificationSender(queue, providers, clock, POLL_INTERVAL, registry, members);
        return vertx.deployVerticle(created).map(id -> {
            deployment = id;
            sender = created;
            engines = nodeEngines;
            return null;
        });
    }

    /**
     * An engine whose messages this sender sends: its commits that make a message due wake the sender, and a saved
     * configuration may choose only a provider the centre has an account for.
     */
    public void attach(QueueEngine queueEngine) {
        queueEngine.onNotificationsDue(this::wake);
        queueEngine.acceptNotificationProviders(
                provider -> providers.profile(provider).isPresent());
    }

    /** Reads the due messages soon. Any thread. */
    public void wake() {
        NotificationSender running = sender;
        if (running != null) {
            running.wake();
        }
    }

    /** Stops the sender (messages not yet sent stay pending in the table). */
    public Future<Void> close() {
        QueueEngine running = engine;
        if (running != null) {
            running.onNotificationsDue(() -> {});
        }
        engine = null;
        engines = null;
        sender = null;
        String id = deployment;
        deployment = null;
        Future<Void> undeployed = id == null ? Future.succeededFuture() : vertx.undeploy(id);
        WorkerExecutor executor = worker;
        worker = null;
        return executor == null ? undeployed : undeployed.compose(v -> executor.close());
    }
}
