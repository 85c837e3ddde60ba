package org.xephang.kiosk;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The kiosk: a touch page and its agent (issues tickets through the queue server, prints them on the local printer,
 * reads the scanner). Mount {@link #router()} at {@code /kiosk/*} (or serve it at the root of a standalone agent).
 *
 * <p>Threading: create it on the Vert.x context that will serve its routes (a verticle's or the main one); the
 * agent's state lives on that context. Printing runs on its own worker thread.
 */
public final class KioskApp implements AutoCloseable {

    private final KioskAgent agent;
    private final PageEvents events;
    private final Router router;

    KioskApp(Vertx vertx, KioskOptions options, CoreGateway core, ReceiptPrinter printer, ScanReader scans) {
        KioskAgent[] self = new KioskAgent[1];
        this.events = new PageEvents(vertx, () -> self[0].state());
        this.agent = new KioskAgent(vertx, core, printer, events, options);
        self[0] = agent;
        this.router = new KioskRoutes(agent, events, scans).router(vertx);
        agent.start();
    }

    /** The page and its API, to mount with {@code parent.route("/kiosk/*").subRouter(app.router())}. */
    public Router router() {
        return router;
    }

    @Override
    public void close() {
        events.closeAll();
        agent.close();
    }
}
