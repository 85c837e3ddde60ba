package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.PrintedTicket;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceException;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;

/**
 * Reprints a ticket on the counter's own printer, if it has one, exactly as the kiosk prints it ({@link PrintedTicket});
 * printing runs on a one-thread worker.
 */
final class TicketReprinter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TicketReprinter.class);

    private final TicketPrinter printer;
    private final WorkerExecutor worker;
    private final TicketTemplate template = TicketTemplate.standard();

    /** {@code printer} may be null: reprints are then refused with a message saying so. */
    TicketReprinter(Vertx vertx, TicketPrinter printer) {
        this.printer = printer;
        this.worker = printer == null ? null : vertx.createSharedWorkerExecutor("xephang-counter-printer", 1);
    }

    Future<JsonObject> reprint(Ticket ticket, JsonObject site) {
        if (printer == null) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Quầy này chưa có máy in. Số " + ticket.number() + " vẫn có hiệu lực; có thể in lại tại ki-ốt.",
                    "This counter has no printer. Number " + ticket.number()
                            + " is still valid; it can be reprinted at a kiosk."));
        }
        return worker.<JsonObject>executeBlocking(() -> {
            try {
                printer.print(template.render(PrintedTicket.of(ticket, site)));
                return new JsonObject()
                        .put("message", "Đã in lại số " + ticket.number() + ".")
                        .put("messageEn", "Reprinted number " + ticket.number() + ".");
            } catch (DeviceException e) {
                LOG.warn("counter printer: reprint of {} failed ({}): {}", ticket.number(), e.state(), e.getMessage());
                throw new QueueError(
                        ErrorCode.UNAVAILABLE,
                        "Không in lại được số " + ticket.number() + ": máy in "
                                + e.state().vietnamese().toLowerCase() + ".",
                        "Could not reprint number " + ticket.number() + ": printer "
                                + e.state()
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', ' ') + ".");
            }
        });
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
