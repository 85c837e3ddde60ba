package org.xephang.device.transport;

import java.time.Duration;
import java.util.Objects;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;

/**
 * How long to wait before the next reconnection attempt: {@code initial}, then multiplied by {@code multiplier} after
 * each failure, never more than {@code max}. Deterministic (no jitter: one device per link, nothing to spread).
 *
 * <p>Immutable; safe from any thread.
 *
 * @param initial delay after the first failure
 * @param max the longest delay
 * @param multiplier growth per failure, at least 1
 */
public record ReconnectBackoff(Duration initial, Duration max, double multiplier) {

    /** 250 ms, doubling, at most 1 s: a replugged printer is back within about a second. */
    public static final ReconnectBackoff DEFAULT =
            new ReconnectBackoff(Duration.ofMillis(250), Duration.ofSeconds(1), 2);

    public ReconnectBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max and multiplier >= 1, got " + initial
                    + ", " + max + ", " + multiplier);
        }
    }

    /** Reads {@code reconnect} and {@code reconnectMax} from a URI (defaults from {@link #DEFAULT}). */
    public static ReconnectBackoff from(DeviceUri uri) throws InvalidDeviceUriException {
        Duration initial = uri.durationParam("reconnect", DEFAULT.initial);
        Duration max = uri.durationParam("reconnectMax", initial.compareTo(DEFAULT.max) > 0 ? initial : DEFAULT.max);
        if (max.compareTo(initial) < 0) {
            throw new InvalidDeviceUriException(
                    uri + ": reconnectMax (" + max + ") is less than reconnect (" + initial + ")");
        }
        return new ReconnectBackoff(initial, max, DEFAULT.multiplier);
    }

    /** The delay before the next attempt after {@code failures} consecutive failures (1 = first failure). */
    public Duration delayAfter(int failures) {
        if (failures <= 1) {
            return initial;
        }
        double millis = initial.toMillis() * Math.pow(multiplier, failures - 1);
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
