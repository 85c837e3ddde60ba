package org.xephang.device;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a device's current status and tells listeners when it changes; the building block device implementations
 * use for {@link Device#status()} and {@link Device#addStatusListener}.
 *
 * <p>Thread-safe. Several threads may update one device (its reader, its link supervisor, the thread printing), so
 * changes are delivered one at a time in the order they were made, and each listener sees every change with
 * {@code previous} equal to the {@code current} it saw last, ending on {@link #current()}. Delivery runs outside the
 * status lock, on a thread that is updating: normally the caller of {@link #update}, which returns once its change is
 * delivered; while another thread is delivering, that thread delivers this change too, after the earlier ones, and
 * {@code update} returns at once (a listener may therefore update the status, or wait for a thread that does,
 * without deadlock). An update that repeats the current state, detail and description is ignored. State changes are
 * logged at INFO, at most six a minute per device ({@link LogThrottle}): a flapping device does not flood the log.
 */
public final class DeviceStatusTracker {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStatusTracker.class);

    private final String deviceId;
    private final Clock clock;
    private final List<DeviceStatusListener> listeners = new CopyOnWriteArrayList<>();
    private final LogThrottle logThrottle = new LogThrottle(6, Duration.ofMinutes(1));
    private DeviceStatus current;
    /** Changes made but not yet delivered, in the order made; guarded by {@code this}. */
    private final Deque<Change> pending = new ArrayDeque<>();
    /** Whether a thread is delivering {@link #pending}; guarded by {@code this}. */
    private boolean delivering;

    private record Change(DeviceStatus previous, DeviceStatus next) {}

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
     * Sets the status and notifies listeners if it changed (see the class comment for on which thread).
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
            pending.add(new Change(previous, next));
            if (delivering) {
                return next; // the delivering thread takes this change after the earlier ones
            }
            delivering = true;
        }
        deliverPending();
        return next;
    }

    /** Delivers changes until none is left; only one thread at a time runs this. */
    private void deliverPending() {
        boolean finished = false;
        try {
            while (true) {
                Change change;
                synchronized (this) {
                    change = pending.poll();
                    if (change == null) {
                        delivering = false;
                        finished = true;
                        return;
                    }
                }
                deliver(change.previous(), change.next());
            }
        } finally {
            if (!finished) {
                synchronized (this) {
                    delivering = false; // an Error escaped a listener: the next update delivers what is left
                }
            }
        }
    }

    private void deliver(DeviceStatus previous, DeviceStatus next) {
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
    }

    public void addListener(DeviceStatusListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(DeviceStatusListener listener) {
        listeners.remove(listener);
    }
}
