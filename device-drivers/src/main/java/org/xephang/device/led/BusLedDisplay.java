package org.xephang.device.led;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;

/**
 * The LED devices on a {@link LedBus}: a counter display (one address) or a summary board (consecutive addresses).
 * Their status follows the bus, except that an address whose board refused or did not acknowledge its last frame
 * is ERROR until a frame gets through.
 */
final class BusLedDisplay implements LedDisplay, LedSummaryBoard {

    private final String id;
    private final SharedLedBuses.Lease lease;
    private final int firstAddress;
    private final int lineCount;
    private final DeviceStatusTracker tracker;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DeviceStatusListener followBus;
    private volatile DeviceException lastFailure;
    private volatile LedFrame[] shownLines;

    BusLedDisplay(String id, SharedLedBuses.Lease lease, int firstAddress, int lineCount, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.firstAddress = firstAddress;
        this.lineCount = lineCount;
        this.tracker = new DeviceStatusTracker(id, clock);
        this.shownLines = new LedFrame[lineCount];
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

    private void refresh() {
        if (closed.get()) {
            return;
        }
        DeviceStatus bus = lease.bus().status();
        DeviceException failure = lastFailure;
        if (bus.state() == DeviceState.ONLINE && failure != null) {
            tracker.update(DeviceState.ERROR, failure.getMessage(), "Bảng LED không nhận lệnh");
        } else {
            tracker.update(bus.state(), bus.detail(), bus.description());
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

    @Override
    public int lines() {
        return lineCount;
    }

    @Override
    public synchronized void show(List<Line> lines) throws DeviceException {
        if (lines.size() > lineCount) {
            throw new IllegalArgumentException(
                    lines.size() + " lines given to a summary board of " + lineCount + " lines");
        }
        LedFrame[] wanted = new LedFrame[lineCount];
        for (int i = 0; i < lineCount; i++) {
            wanted[i] = i < lines.size() ? lines.get(i).frame() : LedFrame.blank();
            lease.bus().codec().encode(firstAddress + i, wanted[i]); // refuse before sending anything
        }
        LedFrame[] before = shownLines;
        DeviceException firstFailure = null;
        for (int i = 0; i < lineCount; i++) {
            if (wanted[i].equals(before[i])) {
                continue;
            }
            try {
                lease.bus().send(firstAddress + i, wanted[i]);
                before[i] = wanted[i];
            } catch (DeviceException e) {
                before[i] = null; // unknown: send again next time
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
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
