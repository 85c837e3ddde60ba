package org.xephang.device.printer.sim;

import java.time.Clock;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceProvider;
import org.xephang.device.DeviceUri;

/** Makes {@link SimulatedTicketPrinter}s for {@code sim:printer…}. Stateless. */
public final class SimulatedPrinterProvider implements DeviceProvider {

    @Override
    public boolean accepts(DeviceUri uri) {
        return uri.scheme().equals("sim")
                && uri.address().equals("printer")
                && uri.transport().isEmpty();
    }

    @Override
    public Device create(DeviceUri uri, Clock clock) throws DeviceException {
        return SimulatedTicketPrinter.fromUri(uri, clock);
    }
}
