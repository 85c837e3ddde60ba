package org.xephang.device.keypad;

import java.time.Clock;
import java.util.Objects;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;

/**
 * What every {@link RatingKeypad} shares whatever its link (serial, JavaPOS, simulated): its status, and the
 * {@link RatingCollector} rules applied to each press by {@link #press}. Subclasses open and watch the link.
 *
 * <p>Thread-safe.
 */
public abstract class TrackedRatingKeypad implements RatingKeypad {

    private final String id;
    private final DeviceStatusTracker tracker;
    private final KeypadPresses presses;

    protected TrackedRatingKeypad(String id, RatingCollector collector, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.tracker = new DeviceStatusTracker(id, clock);
        this.presses = new KeypadPresses(id, collector);
    }

    /** The status holder subclasses update. */
    protected final DeviceStatusTracker tracker() {
        return tracker;
    }

    /** A button was pressed: rates the waiting ticket or is ignored (logged, told to listeners). */
    protected RatingCollector.Outcome press(String button) {
        return presses.press(button);
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
    public final ButtonMapping mapping() {
        return presses.collector().mapping();
    }

    @Override
    public final void awaitRating(String ticketId) {
        presses.collector().await(ticketId);
    }

    @Override
    public final void cancelRating() {
        presses.collector().cancel();
    }

    @Override
    public final String waitingTicket() {
        return presses.collector().waitingTicket();
    }

    @Override
    public final void addRatingListener(RatingListener listener) {
        presses.addListener(listener);
    }

    @Override
    public final void removeRatingListener(RatingListener listener) {
        presses.removeListener(listener);
    }
}
