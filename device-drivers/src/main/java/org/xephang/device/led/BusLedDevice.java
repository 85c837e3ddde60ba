package org.xephang.device.led;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;

/**
 * What the LED devices on a {@link LedBus} share: a counter display (one address) or a summary board (consecutive
 * addresses). Their status follows the bus, except that an address whose board refused or did not acknowledge its
 * last frame is ERROR until a frame gets through.
 */
abstract class BusLedDevice implements Device {

    private final String id;
    final SharedLedBuses.Lease lease;
    final int firstAddress;
    final int lineCount;
    private final DeviceStatusTracker tracker;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DeviceStatusListener followBus;
    private volatile DeviceException lastFailure;

    BusLedDevice(String id, SharedLedBuses.Lease lease, int firstAddress, int lineCount, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.firstAddress = firstAddress;
        this.lineCount = lineCount;
        this.tracker = new DeviceStatusTracker(id, clock);
        LedBus bus = lease.bus();
        for (int i = 0; i < lineCount; i++) {
            bus.watchAddress(firstAddress + i, new LedBus.AddressListener() {
                @Override
                public void delivered() {
                    lastFailure = null;
                    refresh();
                }

                @Override
                public void failed(DeviceException reason) {
                    lastFailure = reason;
                    refresh();
                }
            });
        }
        this.followBus = (previous, current) -> refresh();
        bus.addStatusListener(followBus);
    }

    /**
     * Derives this device's status from the bus's and the last failure. Called from the caller's thread (start) and
     * the bus thread at once: a refresh that read the bus before it changed could otherwise overwrite the newer
     * status (a display left "not started" while its bus is online), so it reads again after updating and repeats
     * until what it derived from is still current. No lock is held while listeners run.
     */
    private void refresh() {
        while (!closed.get()) {
            DeviceStatus bus = lease.bus().status();
            DeviceException failure = lastFailure;
            if (bus.state() == DeviceState.ONLINE && failure != null) {
                tracker.update(DeviceState.ERROR, failure.getMessage(), "Bảng LED không nhận lệnh");
            } else {
                tracker.update(bus.state(), bus.detail(), bus.description());
            }
            if (lease.bus().status().equals(bus) && lastFailure == failure) {
                return;
            }
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start() {
        closed.set(false);
        lease.bus().start();
        refresh();
    }

    @Override
    public DeviceStatus status() {
        return tracker.current();
    }

    @Override
    public void addStatusListener(DeviceStatusListener listener) {
        tracker.addListener(listener);
    }

    @Override
    public void removeStatusListener(DeviceStatusListener listener) {
        tracker.removeListener(listener);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lease.bus().removeStatusListener(followBus);
            lease.release();
            tracker.update(DeviceState.OFFLINE, "closed");
        }
    }
}
