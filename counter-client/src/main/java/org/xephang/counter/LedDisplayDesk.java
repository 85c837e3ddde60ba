package org.xephang.counter;

import org.xephang.device.DeviceException;
import org.xephang.device.led.LedDisplay;
import org.xephang.device.led.LedFrame;

/** A counter's LED over a device-drivers {@link LedDisplay} (one address on a bus, or the simulator). */
final class LedDisplayDesk implements DeskLed {

    private final LedDisplay display;

    LedDisplayDesk(LedDisplay display) {
        this.display = display;
    }

    @Override
    public void show(String number) throws DeviceException {
        display.show(LedFrame.number(number));
    }

    @Override
    public void blank() throws DeviceException {
        display.show(LedFrame.blank());
    }
}
