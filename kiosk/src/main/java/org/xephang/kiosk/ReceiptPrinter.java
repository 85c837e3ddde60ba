package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;

/**
 * The kiosk's local ticket printer: lays a ticket out with the site's header and prints it.
 * {@link TemplateReceiptPrinter} is the real one over a device-drivers {@code TicketPrinter}.
 *
 * <p>Threading: {@link #print} blocks on I/O, call it from a worker; the rest never blocks.
 */
interface ReceiptPrinter extends AutoCloseable {

    /** The device id used in status reports, e.g. {@code "kiosk1/printer"}. */
    String deviceId();

    DeviceStatus status();

    void addStatusListener(DeviceStatusListener listener);

    void removeStatusListener(DeviceStatusListener listener);

    /**
     * Prints one ticket. Blocking.
     *
     * @param site the site's {@code SiteInfo} JSON (header lines, service names, counters, hotline, time zone)
     * @throws DeviceException saying why nothing (or not all) was printed
     */
    void print(Ticket ticket, JsonObject site) throws DeviceException;

    @Override
    void close();
}
