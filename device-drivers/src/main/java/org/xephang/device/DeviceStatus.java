package org.xephang.device;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * A device's status as a value: the state, a technical detail for logs and support, a Vietnamese description for
 * screens, and when the device entered the state.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param state what the device can do now
 * @param detail technical detail, e.g. {@code "tcp://10.0.0.31:9100: Connection refused"}; never personal data
 * @param description Vietnamese text for screens, e.g. {@code "Hết giấy"}
 * @param since when the device entered {@code state}
 */
public record DeviceStatus(DeviceState state, String detail, String description, Instant since) {

    public DeviceStatus {
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
        description = description == null || description.isBlank() ? state.vietnamese() : description;
        Objects.requireNonNull(since, "since");
    }

    /** A status with the state's standard Vietnamese description. */
    public static DeviceStatus of(DeviceState state, String detail, Clock clock) {
        return new DeviceStatus(state, detail, state.vietnamese(), clock.instant());
    }

    /** The status of a device that has not been started. */
    public static DeviceStatus notStarted(Clock clock) {
        return new DeviceStatus(DeviceState.OFFLINE, "not started", "Chưa khởi động", clock.instant());
    }

    /** Whether the device can do its job (see {@link DeviceState#usable()}). */
    public boolean usable() {
        return state.usable();
    }

    /** Same state, detail and description (ignores {@code since}). */
    public boolean sameAs(DeviceStatus other) {
        return other != null
                && state == other.state
                && detail.equals(other.detail)
                && description.equals(other.description);
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? state + " (" + description + ")" : state + " (" + description + "): " + detail;
    }
}
