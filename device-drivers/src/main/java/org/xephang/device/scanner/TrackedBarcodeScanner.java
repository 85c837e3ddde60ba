package org.xephang.device.scanner;

import java.time.Clock;
import java.util.Objects;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;

/**
 * What every {@link BarcodeScanner} shares whatever its link (serial, JavaPOS, simulated): its status, its
 * listeners, and how raw text becomes a {@link Scan} ({@link #deliver}). Subclasses open and watch the link.
 *
 * <p>Thread-safe.
 */
public abstract class TrackedBarcodeScanner implements BarcodeScanner {

    private final String id;
    private final DeviceStatusTracker tracker;
    private final ScanListeners listeners;

    protected TrackedBarcodeScanner(String id, ScannedPayloadParser parser, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.tracker = new DeviceStatusTracker(id, clock);
        this.listeners = new ScanListeners(id, parser, clock);
    }

    /** The status holder subclasses update. */
    protected final DeviceStatusTracker tracker() {
        return tracker;
    }

    /**
     * Delivers what the scanner sent to the listeners (control characters stripped; blank input dropped).
     *
     * @return the scan delivered, or null for blank input
     */
    protected final Scan deliver(String raw) {
        return listeners.deliver(raw);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final DeviceStatus status() {
        return tracker.current();
    }

    @Override
    public final void addStatusListener(DeviceStatusListener listener) {
        tracker.addListener(listener);
    }

    @Override
    public final void removeStatusListener(DeviceStatusListener listener) {
        tracker.removeListener(listener);
    }

    @Override
    public final void addScanListener(ScanListener listener) {
        listeners.add(listener);
    }

    @Override
    public final void removeScanListener(ScanListener listener) {
        listeners.remove(listener);
    }
}
