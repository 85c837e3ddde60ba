package org.xephang.counter;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * The counter client: the officer page and its agent (officer actions through the queue server, the counter's LED
 * display, the rating keypad, reprints). One agent may serve several counters, each with its own LED and keypad.
 * Mount {@link #router()} at {@code /counter/*} (or serve it at the root of a standalone agent).
 *
 * <p>Threading: create it on the Vert.x context that will serve its routes; the agent's state lives on that context.
 * Device I/O runs on worker threads.
 */
public final class CounterApp implements AutoCloseable {

    private final CounterAgent agent;
    private final DeskPageEvents events;
    private final TicketReprinter reprinter;
    private final Router router;

    CounterApp(
            Vertx vertx,
            CounterOptions options,
            CounterCore core,
            List<CounterAgent.Desk> desks,
            TicketReprinter reprinter) {
        this.events = new DeskPageEvents(vertx);
        this.agent = new CounterAgent(vertx, core, events, options, desks);
        this.reprinter = reprinter;
        this.router = new CounterRoutes(agent, events, reprinter).router(vertx);
        agent.context().runOnContext(v -> agent.start());
    }

    /** The page and its API, to mount with {@code parent.route("/counter/*").subRouter(app.router())}. */
    public Router router() {
        return router;
    }

    @Override
    public void close() {
        agent.context().runOnContext(v -> {
            events.closeAll();
            agent.close();
            reprinter.close();
        });
    }
}
