package org.xephang.core.backend;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.backend.forward.OutboxForwarder;
import org.xephang.core.backend.lookup.DossierLookup;
import org.xephang.core.backend.portal.PortalImporter;
import org.xephang.core.backend.portal.PortalRoutes;
import org.xephang.core.persistence.Outbox;

/**
 * The server's link to the dossier system, assembled from {@link DossierConfig}: the status lookup, the outbox
 * forwarder and their routes. Typical use by whoever starts the server:
 *
 * <pre>{@code
 * DossierBackend dossier = DossierBackend.create(vertx, DossierConfigReader.read(configFile), clock);
 * options.extend(api -> dossier.mount(api.router(), api.authenticator()));   // before serve()
 * dossier.startForwarding(engine.outbox(), engine, registryOrNull);          // once the engine is open
 * ...
 * dossier.close();                                                           // before closing the engine
 * }</pre>
 *
 * Thread-safe; the futures complete on Vert.x threads.
 */
public final class DossierBackend {

    private final Vertx vertx;
    private final DossierConfig config;
    private final Clock clock;
    private final DossierLookup lookup;
    private final PortalImporter portal;
    private volatile OutboxForwarder forwarder;
    private volatile String deployment;
    private volatile QueueService queue;

    private DossierBackend(Vertx vertx, DossierConfig config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.lookup = DossierLookup.create(vertx, config.lookup(), clock);
        this.portal = new PortalImporter(vertx, config.portal(), clock);
    }

    public static DossierBackend create(Vertx vertx, DossierConfig config, Clock clock) {
        return new DossierBackend(vertx, config, clock);
    }

    public DossierConfig config() {
        return config;
    }

    public DossierLookup lookup() {
        return lookup;
    }

    /** The running forwarder, or null before {@link #startForwarding}. */
    public OutboxForwarder forwarder() {
        return forwarder;
    }

    /**
     * Deploys the forwarder over the engine's outbox (with profile {@code none} it delivers nothing but still serves
     * the outbox routes and the backlog metrics). {@code queue} wakes it at each committed event; {@code registry}
     * (may be null) receives the {@code xephang.outbox.*} metrics and the lookups' {@code xephang.dossier.lookups}.
     */
    public Future<Void> startForwarding(Outbox outbox, QueueService queueService, MeterRegistry registry) {
        if (registry != null) {
            for (String outcome : DossierLookup.OUTCOMES) {
                FunctionCounter.builder("xephang.dossier.lookups", lookup, l -> l.outcomeCount(outcome))
                        .tag("outcome", outcome)
                        .description("Dossier lookups by how they ended")
                        .register(registry);
            }
        }
        OutboxForwarder created = new OutboxForwarder(outbox, config.forward(), clock, queueService, registry);
        return vertx.deployVerticle(created).map(id -> {
            deployment = id;
            queue = queueService;
            forwarder = created;
            return null;
        });
    }

    /**
     * The queue the routes answer with when it is not the one given to {@link #startForwarding} (a node of a cluster
     * forwards the outbox of its owned sites without subscribing to every site).
     */
    public void serve(QueueService queueService) {
        queue = queueService;
    }

    /**
     * Adds {@code GET /api/v1/dossiers/{code}}, the outbox routes ({@link DossierRoutes}) and the portal import
     * ({@link PortalRoutes}).
     */
    public void mount(Router router, Authenticator auth) {
        new DossierRoutes(lookup, () -> forwarder, () -> queue).mount(router, auth);
        new PortalRoutes(portal, () -> queue, clock).mount(router, auth);
    }

    /** Stops the forwarder (events not yet delivered stay pending in the outbox) and the lookup's HTTP client. */
    public Future<Void> close() {
        lookup.close();
        portal.close();
        String id = deployment;
        forwarder = null;
        deployment = null;
        return id == null ? Future.succeededFuture() : vertx.undeploy(id);
    }
}
