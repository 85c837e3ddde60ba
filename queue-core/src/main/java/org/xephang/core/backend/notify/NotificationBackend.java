package org.xephang.core.backend.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.backend.lookup.DossierLookup;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.core.engine.QueueEngine;

/**
 * "Sắp đến lượt" / "mời đến quầy" messages wired into a server: the routes on the API ({@link NotificationRoutes}),
 * then, once the engine is open, the {@link NotificationSender} over the engine's notification table, woken by each
 * commit that recorded a message. Like {@code DossierBackend} for the dossier link.
 */
public final class NotificationBackend {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final NotificationProviders providers;
    private final Clock clock;
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

    /**
     * Adds the routes; they answer 503 until {@link #start} (the engine opens after the port). {@code lookup} answers
     * the dossier codes citizens send by SMS ({@link InboundSmsRoutes}).
     */
    public void mount(Router router, Authenticator auth, DossierLookup lookup) {
        new InboundSmsRoutes(
                        providers.inboundSecret(),
                        providers.sms() != null,
                        lookup,
                        () -> engine,
                        () -> engine == null ? null : engine.notificationOutbox(),
                        clock)
                .mount(router);
        new NotificationRoutes(
                        (ticketId, phone) -> {
                            QueueEngine running = engine;
                            if (running == null) {
                                return CompletableFuture.failedFuture(new QueueError(
                                        ErrorCode.UNAVAILABLE, "Máy chủ đang khởi động. Vui lòng thử lại sau."));
                            }
                            return running.subscribeNotifications(ticketId, phone);
                        },
                        ticketId -> {
                            QueueEngine running = engine;
                            if (running == null) {
                                return CompletableFuture.failedFuture(new QueueError(
                                        ErrorCode.UNAVAILABLE, "Máy chủ đang khởi động. Vui lòng thử lại sau."));
                            }
                            return running.notificationOffer(ticketId);
                        },
                        () -> engine == null ? null : engine.notificationOutbox(),
                        () -> worker,
                        clock)
                .mount(router, auth);
    }

    /** Starts the sender over the engine's table. */
    public Future<Void> start(QueueEngine queueEngine, MeterRegistry registry) {
        this.worker = vertx.createSharedWorkerExecutor("xephang-notifications", 1);
        NotificationSender created = new NotificationSender(
                new StoredNotificationQueue(queueEngine.notificationOutbox(), worker, vertx.getOrCreateContext()),
                providers,
                clock,
                POLL_INTERVAL,
                registry);
        return vertx.deployVerticle(created).map(id -> {
            deployment = id;
            sender = created;
            engine = queueEngine;
            queueEngine.onNotificationsDue(created::wake);
            queueEngine.acceptNotificationProviders(
                    provider -> providers.profile(provider).isPresent());
            return null;
        });
    }

    /** Stops the sender (messages not yet sent stay pending in the table). */
    public Future<Void> close() {
        QueueEngine running = engine;
        if (running != null) {
            running.onNotificationsDue(() -> {});
        }
        engine = null;
        sender = null;
        String id = deployment;
        deployment = null;
        Future<Void> undeployed = id == null ? Future.succeededFuture() : vertx.undeploy(id);
        WorkerExecutor executor = worker;
        worker = null;
        return executor == null ? undeployed : undeployed.compose(v -> executor.close());
    }
}
