package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.xephang.api.SiteInfo;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;

/** Prints tickets with the standard layout ({@link TicketTemplate}) on a device-drivers {@link TicketPrinter}. */
final class TemplateReceiptPrinter implements ReceiptPrinter {

    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private final TicketPrinter printer;
    private final TicketTemplate template;
    private final String deviceId;
    private final boolean ownsPrinter;

    /**
     * @param ownsPrinter whether {@link #close()} closes the printer too (false when the caller lent it, as the demo
     *     does with its simulated printer)
     */
    TemplateReceiptPrinter(TicketPrinter printer, TicketTemplate template, String deviceId, boolean ownsPrinter) {
        this.printer = printer;
        this.template = template;
        this.deviceId = deviceId;
        this.ownsPrinter = ownsPrinter;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public DeviceStatus status() {
        return printer.status();
    }

    @Override
    public void addStatusListener(DeviceStatusListener listener) {
        printer.addStatusListener(listener);
    }

    @Override
    public void print(Ticket ticket, JsonObject site) throws DeviceException {
        printer.print(template.render(ticketData(ticket, site)));
    }

    /** The facts printed on the paper, from the ticket and the site's description. */
    static TicketData ticketData(Ticket ticket, JsonObject siteJson) {
        SiteInfo site = siteJson == null || siteJson.getString("code") == null ? null : SiteInfo.fromJson(siteJson);
        SiteInfo.Service service = site == null ? null : site.service(ticket.service());
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
                zone(site),
                ticket.statusUrl(),
                ticket.priority() != null,
                site == null ? null : site.hotline());
    }

    private static ZoneId zone(SiteInfo site) {
        try {
            return site == null || site.timeZone() == null ? DEFAULT_ZONE : ZoneId.of(site.timeZone());
        } catch (RuntimeException unknownZone) {
            return DEFAULT_ZONE;
        }
    }

    @Override
    public void close() {
        if (ownsPrinter) {
            printer.close();
        }
    }
}
