package org.xephang.device.printer.escpos;

import java.time.Clock;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceProvider;
import org.xephang.device.DeviceUri;

/** Makes {@link EscPosPrinter}s for {@code escpos:<transport>://…}. Stateless. */
public final class EscPosPrinterProvider implements DeviceProvider {

    @Override
    public boolean accepts(DeviceUri uri) {
        return uri.scheme().equals("escpos");
    }

    @Override
    public Device create(DeviceUri uri, Clock clock) throws DeviceException {
        return EscPosPrinter.fromUri(uri, clock);
    }
}
