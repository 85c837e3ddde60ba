package org.xephang.device.led;

import java.time.Clock;
import java.util.Objects;
import org.xephang.device.DeviceException;

/** A counter display: one address on a {@link LedBus}. */
final class BusLedDisplay extends BusLedDevice implements LedDisplay {

    BusLedDisplay(String id, SharedLedBuses.Lease lease, int address, Clock clock) {
        super(id, lease, address, 1, clock);
    }

    @Override
    public int address() {
        return firstAddress;
    }

    @Override
    public void show(LedFrame frame) throws DeviceException {
        lease.bus().send(firstAddress, Objects.requireNonNull(frame, "frame"));
    }

    @Override
    public LedFrame current() {
        return lease.bus().latest(firstAddress);
    }
}
