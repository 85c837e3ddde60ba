package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;
import org.xephang.agent.PrintedTicket;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;

/** Prints tickets with the standard layout ({@link TicketTemplate}) on a device-drivers {@link TicketPrinter}. */
final class TemplateReceiptPrinter implements ReceiptPrinter {

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
    public void removeStatusListener(DeviceStatusListener listener) {
        printer.removeStatusListener(listener);
    }

    @Override
    public void print(Ticket ticket, JsonObject site) throws DeviceException {
        printer.print(template.render(PrintedTicket.of(ticket, site)));
    }

    @Override
    public void close() {
        if (ownsPrinter) {
            printer.close();
        }
    }
}
