package org.xephang.device.keypad.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xephang.device.DeviceState;
import org.xephang.device.keypad.ButtonMapping;
import org.xephang.device.keypad.RatingCollector;
import org.xephang.device.keypad.RatingScale;
import org.xephang.device.keypad.TrackedRatingKeypad;

/**
 * An in-process rating keypad ({@code sim:keypad?name=counter3&scale=3}): {@link #press} presses a button as a
 * citizen would; {@link #setConnected} simulates unplugging. The counter agent that created it from its URI and
 * the demo page find the same instance through {@link #named}.
 *
 * <p>Thread-safe; {@link #press} calls the listeners on the calling thread.
 */
public final class SimulatedRatingKeypad extends TrackedRatingKeypad {

    /** Debounce of simulated keypads (a page's double click is a double press). */
    public static final Duration DEBOUNCE = Duration.ofMillis(300);
    /** How long a completed ticket waits for its rating. */
    public static final Duration WINDOW = Duration.ofMinutes(2);

    private static final Map<String, SimulatedRatingKeypad> NAMED = new ConcurrentHashMap<>();

    private final String name;
    private volatile boolean started;
    private volatile boolean connected = true;

    public SimulatedRatingKeypad(String name, ButtonMapping mapping, Clock clock) {
        super("sim:keypad?name=" + name, new RatingCollector(mapping, DEBOUNCE, WINDOW, clock), clock);
        this.name = name;
    }

    /**
     * The simulated keypad called {@code name}, created on first use with buttons "1".."n" of a {@code levels}-level
     * scale (1 = best).
     *
     * @throws IllegalArgumentException if it exists with another scale
     */
    public static SimulatedRatingKeypad named(String name, int levels) {
        SimulatedRatingKeypad keypad = NAMED.computeIfAbsent(
                name,
                n -> new SimulatedRatingKeypad(
                        n, ButtonMapping.standard(RatingScale.of(levels)), Clock.systemDefaultZone()));
        if (keypad.mapping().scale().levels() != levels) {
            throw new IllegalArgumentException("simulated keypad '" + name + "' already exists with "
                    + keypad.mapping().scale().levels() + " buttons");
        }
        return keypad;
    }

    /** The simulated keypad called {@code name} (3 buttons if new). */
    public static SimulatedRatingKeypad named(String name) {
        SimulatedRatingKeypad existing = NAMED.get(name);
        return existing != null ? existing : named(name, 3);
    }

    /** The names of the simulated keypads created so far (for the demo's devices page). */
    public static Set<String> names() {
        return Set.copyOf(NAMED.keySet());
    }

    public String name() {
        return name;
    }

    /**
     * Presses {@code button} ("1" = best with the standard mapping).
     *
     * @return what became of the press
     * @throws IllegalStateException if the keypad is not started or is unplugged
     */
    @Override
    public RatingCollector.Outcome press(String button) {
        if (!started || !connected) {
            throw new IllegalStateException(id() + " is " + (started ? "unplugged" : "not started"));
        }
        return super.press(Objects.requireNonNull(button, "button"));
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

    /** Stops; the instance stays {@link #named} and can be started again. */
    @Override
    public void close() {
        started = false;
        tracker().update(DeviceState.OFFLINE, "closed");
    }
}
