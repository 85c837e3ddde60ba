package org.xephang.device.printer;

import org.xephang.device.Device;
import org.xephang.device.DeviceException;

/**
 * A ticket printer: ESC/POS over serial, TCP or a print service ({@code escpos:…}), a JavaPOS device service
 * ({@code javapos://name}) or the in-process simulator ({@code sim:printer}).
 *
 * <pre>{@code
 * TicketPrinter printer = DeviceFactory.standard().create("escpos:tcp://10.0.0.31:9100?profile=tm-t20iii",
 *         TicketPrinter.class);
 * printer.start();                                  // never throws for an unplugged printer: see status()
 * printer.print(template.render(ticketData));       // blocking; throws with the reason
 * }</pre>
 *
 * <p>Threading: thread-safe; jobs are printed one at a time in call order. {@link #print} blocks until the printer
 * has accepted the whole job and reported a good status (seconds on a slow serial line): call it from a worker
 * thread, never from an event loop.
 */
public interface TicketPrinter extends Device {

    /**
     * Prints one ticket and returns only when the printer accepted it and its status is good (ONLINE or
     * PAPER_NEAR_END). Nothing is printed in the background after this returns or throws.
     *
     * @throws org.xephang.device.DeviceFaultException PAPER_OUT, COVER_OPEN or ERROR reported by the printer, before
     *     or during the job; {@link org.xephang.device.DeviceFaultException#status()} says which
     * @throws org.xephang.device.DeviceDisconnectedException the printer is not reachable or the connection dropped
     * @throws org.xephang.device.DeviceTimeoutException the printer stopped answering
     */
    void print(TicketDocument document) throws DeviceException;
}
