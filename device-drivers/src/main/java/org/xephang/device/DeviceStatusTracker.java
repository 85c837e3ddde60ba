package org.xephang.device;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a device's current status and tells listeners when it changes; the building block device implementations
 * use for {@link Device#status()} and {@link Device#addStatusListener}.
 *
 * <p>Thread-safe. {@link #update} notifies listeners synchronously on the calling thread, outside any lock, in the
 * order of the updates made by that thread; an update that repeats the current state, detail and description is
 * ignored. State changes are logged at INFO, at most six a minute per device ({@link LogThrottle}): a flapping device
 * does not flood the log.
 */
public final class DeviceStatusTracker {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStatusTracker.class);

    private final String deviceId;
    private final Clock clock;
    private final List<DeviceStatusListener> listeners = new CopyOnWriteArrayList<>();
    private final LogThrottle logThrottle = new LogThrottle(6, Duration.ofMinutes(1));
    private DeviceStatus current;

    public DeviceStatusTracker(String deviceId, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = DeviceStatus.notStarted(clock);
    }

    /** The latest status. */
    public synchronized DeviceStatus current() {
        return current;
    }

    /** Sets the status with the state's standard Vietnamese description. */
    public DeviceStatus update(DeviceState state, String detail) {
        return update(state, detail, state.vietnamese());
    }

    /**
     * Sets the status and notifies listeners if it changed.
     *
     * @return the status now current
     */
    public DeviceStatus update(DeviceState state, String detail, String description) {
        DeviceStatus previous;
        DeviceStatus next;
        synchronized (this) {
            DeviceStatus candidate = new DeviceStatus(state, detail, description, clock.instant());
            if (candidate.sameAs(current)) {
                return current;
            }
            previous = current;
            // Keep `since` when only the detail changes within the same state.
            next = previous.state() == state
                    ? new DeviceStatus(state, candidate.detail(), candidate.description(), previous.since())
                    : candidate;
            current = next;
        }
        if (previous.state() != next.state()) {
            String note = logThrottle.tryAcquire();
            if (note != null) {
                LOG.info("{}: {} -> {}{}", deviceId, previous.state(), next, note);
            } else {
                LOG.debug("{}: {} -> {}", deviceId, previous.state(), next);
            }
        }
        for (DeviceStatusListener listener : listeners) {
            try {
                listener.statusChanged(previous, next);
            } catch (RuntimeException e) {
                LOG.error("{}: status listener {} failed on {}", deviceId, listener, next, e);
            }
        }
        return next;
    }

    public void addListener(DeviceStatusListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(DeviceStatusListener listener) {
        listeners.remove(listener);
    }
}
