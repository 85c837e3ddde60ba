package org.xephang.device.printer.javapos;

import java.time.Clock;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceProvider;
import org.xephang.device.DeviceUri;

/** Makes {@link JavaPosTicketPrinter}s for {@code javapos://LogicalName}. Stateless. */
public final class JavaPosPrinterProvider implements DeviceProvider {

    @Override
    public boolean accepts(DeviceUri uri) {
        return uri.scheme().equals("javapos");
    }

    @Override
    public Device create(DeviceUri uri, Clock clock) throws DeviceException {
        return JavaPosTicketPrinter.fromUri(uri, clock);
    }
}
