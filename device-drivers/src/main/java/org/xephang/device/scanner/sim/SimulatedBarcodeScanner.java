package org.xephang.device.scanner.sim;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.xephang.device.DeviceState;
import org.xephang.device.scanner.Scan;
import org.xephang.device.scanner.ScannedPayloadParser;
import org.xephang.device.scanner.TrackedBarcodeScanner;

/**
 * An in-process scanner ({@code sim:scanner?name=kiosk1}): {@link #inject} delivers a scan as if a code had been
 * scanned; {@link #setConnected} simulates unplugging. The agent that created it from its URI and the demo page
 * that drives it find the same instance through {@link #named}.
 *
 * <p>Thread-safe; {@link #inject} calls the listeners on the calling thread.
 */
public final class SimulatedBarcodeScanner extends TrackedBarcodeScanner {

    private static final Map<String, SimulatedBarcodeScanner> NAMED = new ConcurrentHashMap<>();

    private final String name;
    private volatile boolean started;
    private volatile boolean connected = true;

    public SimulatedBarcodeScanner(String name, Clock clock) {
        super("sim:scanner?name=" + name, new ScannedPayloadParser(), clock);
        this.name = name;
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
        Scan scan = deliver(text);
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
            tracker().update(DeviceState.OFFLINE, "not started");
        } else if (connected) {
            tracker().update(DeviceState.ONLINE, id());
        } else {
            tracker().update(DeviceState.OFFLINE, id() + ": unplugged (simulated)");
        }
    }

    @Override
    public void start() {
        started = true;
        refresh();
    }

    /** Stops delivering; the instance stays {@link #named} and can be started again. */
    @Override
    public void close() {
        started = false;
        tracker().update(DeviceState.OFFLINE, "closed");
    }
}
