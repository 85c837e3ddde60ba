package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.AgentVerticle;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;

/**
 * The kiosk's print queue: prints tickets one at a time on a one-thread worker (never on the event loop), refuses at
 * once when the printer cannot take jobs, remembers each recent ticket's outcome and tells the pages
 * ({@code print} event). Used on the agent's context only.
 */
final class KioskPrinting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KioskPrinting.class);
    /** How long a job may run before the screen says it failed (a hung driver must not leave "printing…"). */
    private static final long PRINT_TIMEOUT_MS = 20_000;

    private final AgentVerticle agent;
    private final ReceiptPrinter printer;
    private final PageChannel pages;
    private final String kioskId;
    private final WorkerExecutor queue;
    private final Vertx vertx;
    private final Map<String, PrintOutcome> outcomes = RecentTickets.lastOnes();
    private final Map<String, Promise<PrintOutcome>> waiters = new HashMap<>();

    KioskPrinting(Vertx vertx, AgentVerticle agent, ReceiptPrinter printer, PageChannel pages, String kioskId) {
        this.vertx = vertx;
        this.agent = agent;
        this.printer = printer;
        this.pages = pages;
        this.kioskId = kioskId;
        this.queue = vertx.createSharedWorkerExecutor("xephang-kiosk-printer-" + kioskId, 1);
    }

    /** The latest print outcome of a ticket issued or reprinted here, or null. */
    PrintOutcome outcome(String ticketId) {
        return outcomes.get(ticketId);
    }

    /** Completes with the outcome of the ticket's print now under way. */
    Future<PrintOutcome> done(String ticketId) {
        return waiters.computeIfAbsent(ticketId, id -> Promise.promise()).future();
    }

    /** Starts printing the ticket with the site's description; answers PRINTING, or the refusal. */
    PrintOutcome start(Ticket ticket, JsonObject site) {
        DeviceStatus status = printer.status();
        if (PrinterTrouble.refusesJobs(status.state())) {
            LOG.info("kiosk {}: ticket {} not printed, printer is {}", kioskId, ticket.number(), status.state());
            return settle(PrintOutcome.refused(ticket.id(), status.state()));
        }
        PrintOutcome printing = PrintOutcome.printing(ticket.id());
        outcomes.put(ticket.id(), printing);
        vertx.setTimer(
                PRINT_TIMEOUT_MS,
                timer -> agent.onContext(v -> {
                    if (outcomes.get(ticket.id()) == printing) {
                        LOG.warn(
                                "kiosk {}: ticket {} not printed after {} s; the screen offers the QR and a reprint",
                                kioskId,
                                ticket.number(),
                                PRINT_TIMEOUT_MS / 1000);
                        settle(PrintOutcome.failed(ticket.id(), DeviceState.OFFLINE));
                    }
                }));
        queue.<PrintOutcome>executeBlocking(() -> {
                    try {
                        printer.print(ticket, site);
                        return PrintOutcome.printed(ticket.id());
                    } catch (DeviceException e) {
                        LOG.warn(
                                "kiosk {}: printing ticket {} failed ({}): {}",
                                kioskId,
                                ticket.number(),
                                e.state(),
                                e.getMessage());
                        return PrintOutcome.failed(ticket.id(), e.state());
                    }
                })
                .onComplete(done -> agent.onContext(v -> {
                    if (done.succeeded()) {
                        settle(done.result());
                    } else {
                        LOG.error("kiosk {}: printing ticket {} crashed", kioskId, ticket.number(), done.cause());
                        settle(PrintOutcome.failed(ticket.id(), DeviceState.ERROR));
                    }
                }));
        return printing;
    }

    private PrintOutcome settle(PrintOutcome outcome) {
        outcomes.put(outcome.ticketId(), outcome);
        pages.publish("print", outcome.toJson());
        Promise<PrintOutcome> waiter = waiters.remove(outcome.ticketId());
        if (waiter != null) {
            waiter.complete(outcome);
        }
        return outcome;
    }

    @Override
    public void close() {
        queue.close();
    }
}
