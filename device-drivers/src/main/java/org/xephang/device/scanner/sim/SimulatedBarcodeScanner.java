package org.xephang.device.scanner.sim;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.scanner.BarcodeScanner;
import org.xephang.device.scanner.Scan;
import org.xephang.device.scanner.ScanListener;
import org.xephang.device.scanner.ScanListeners;
import org.xephang.device.scanner.ScannedPayloadParser;

/**
 * An in-process scanner ({@code sim:scanner?name=kiosk1}): {@link #inject} delivers a scan as if a code had been
 * scanned; {@link #setConnected} simulates unplugging. The agent that created it from its URI and the demo page
 * that drives it find the same instance through {@link #named}.
 *
 * <p>Thread-safe; {@link #inject} calls the listeners on the calling thread.
 */
public final class SimulatedBarcodeScanner implements BarcodeScanner {

    private static final Map<String, SimulatedBarcodeScanner> NAMED = new ConcurrentHashMap<>();

    private final String name;
    private final DeviceStatusTracker tracker;
    private final ScanListeners listeners;
    private volatile boolean started;
    private volatile boolean connected = true;

    public SimulatedBarcodeScanner(String name, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.tracker = new DeviceStatusTracker(id(), clock);
        this.listeners = new ScanListeners(id(), new ScannedPayloadParser(), clock);
    }

    /** The simulated scanner called {@code name} in this process, created on first use (system clock). */
    public static SimulatedBarcodeScanner named(String name) {
        return NAMED.computeIfAbsent(name, n -> new SimulatedBarcodeScanner(n, Clock.systemDefaultZone()));
    }

    /** The names of the simulated scanners created so far (for the demo's devices page). */
    public static java.util.Set<String> names() {
        return java.util.Set.copyOf(NAMED.keySet());
    }

    public String name() {
        return name;
    }

    @Override
    public String id() {
        return "sim:scanner?name=" + name;
    }

    /**
     * Scans {@code text}.
     *
     * @return the scan delivered to the listeners
     * @throws IllegalStateException if the scanner is not started or is unplugged (a real one would scan nothing)
     */
    public Scan inject(String text) {
        Objects.requireNonNull(text, "text");
        if (!started || !connected) {
            throw new IllegalStateException(id() + " is " + (started ? "unplugged" : "not started"));
        }
        Scan scan = listeners.deliver(text);
        if (scan == null) {
            throw new IllegalArgumentException("a blank scan is not delivered");
        }
        return scan;
    }

    /** Simulates unplugging ({@code false}) and plugging back in ({@code true}). */
    public void setConnected(boolean value) {
        connected = value;
        refresh();
    }

    private void refresh() {
        if (!started) {
            tracker.update(DeviceState.OFFLINE, "not started");
        } else if (connected) {
            tracker.update(DeviceState.ONLINE, id());
        } else {
            tracker.update(DeviceState.OFFLINE, id() + ": unplugged (simulated)");
        }
    }

    @Override
    public void start() {
        started = true;
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
    public void addScanListener(ScanListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeScanListener(ScanListener listener) {
        listeners.remove(listener);
    }

    /** Stops delivering; the instance stays {@link #named} and can be started again. */
    @Override
    public void close() {
        started = false;
        tracker.update(DeviceState.OFFLINE, "closed");
    }
}
