package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.SiteInfo;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceException;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;

/** Reprints a ticket on the counter's own printer, if it has one (printing runs on a one-thread worker). */
final class TicketReprinter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TicketReprinter.class);
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

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
                    "Quầy này chưa có máy in. Số " + ticket.number() + " vẫn có hiệu lực; có thể in lại tại ki-ốt."));
        }
        return worker.<JsonObject>executeBlocking(() -> {
            try {
                printer.print(template.render(ticketData(ticket, site)));
                return new JsonObject().put("message", "Đã in lại số " + ticket.number() + ".");
            } catch (DeviceException e) {
                LOG.warn("counter printer: reprint of {} failed ({}): {}", ticket.number(), e.state(), e.getMessage());
                throw new QueueError(
                        ErrorCode.UNAVAILABLE,
                        "Không in lại được số " + ticket.number() + ": máy in "
                                + e.state().vietnamese().toLowerCase() + ".");
            }
        });
    }

    static TicketData ticketData(Ticket ticket, JsonObject siteJson) {
        SiteInfo site = siteJson == null ? null : SiteInfo.fromJson(siteJson);
        SiteInfo.Service service = site == null ? null : site.service(ticket.service());
        ZoneId zone = DEFAULT_ZONE;
        if (site != null && site.timeZone() != null) {
            zone = ZoneId.of(site.timeZone());
        }
        return new TicketData(
                site == null ? List.of() : site.unitLines(),
                ticket.number(),
                service == null ? ticket.service() : service.name(),
                service == null ? List.of() : service.counters(),
                ticket.waitingAhead() == null ? 0 : Math.max(0, ticket.waitingAhead()),
                ticket.estimatedWaitSeconds() == null
                        ? null
                        : Duration.ofSeconds(Math.max(0, ticket.estimatedWaitSeconds())),
                ticket.issuedAt(),
                zone,
                ticket.statusUrl(),
                ticket.priority() != null,
                site == null ? null : site.hotline());
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
