package org.xephang.device.keypad;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link RatingKeypad} implementation does with a press: applies the {@link RatingCollector} rules and
 * tells the listeners. Ignored presses are logged at INFO, at most one line per ten seconds per keypad (a stuck or
 * bouncing button must not flood the log); the rest at DEBUG.
 *
 * <p>Thread-safe.
 */
final class KeypadPresses {

    private static final Logger LOG = LoggerFactory.getLogger(KeypadPresses.class);
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String deviceId;
    private final RatingCollector collector;
    private final List<RatingListener> listeners = new CopyOnWriteArrayList<>();
    private long lastInfoNanos = System.nanoTime() - QUIET_NANOS;

    KeypadPresses(String deviceId, RatingCollector collector) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.collector = Objects.requireNonNull(collector, "collector");
    }

    RatingCollector collector() {
        return collector;
    }

    void addListener(RatingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(RatingListener listener) {
        listeners.remove(listener);
    }

    /** Handles a press of {@code button}. */
    RatingCollector.Outcome press(String button) {
        RatingCollector.Outcome outcome = collector.press(button);
        if (outcome instanceof RatingCollector.Rated rated) {
            LOG.info(
                    "{}: ticket rated {} ({}/{})",
                    deviceId,
                    rated.rating().label(),
                    rated.rating().level(),
                    rated.rating().scale().levels());
            for (RatingListener listener : listeners) {
                try {
                    listener.rated(rated.rating());
                } catch (RuntimeException e) {
                    LOG.error("{}: rating listener {} failed", deviceId, listener, e);
                }
            }
        } else if (outcome instanceof RatingCollector.Ignored ignored) {
            logIgnored(ignored);
            for (RatingListener listener : listeners) {
                try {
                    listener.ignored(ignored.button(), ignored.reason());
                } catch (RuntimeException e) {
                    LOG.error("{}: rating listener {} failed", deviceId, listener, e);
                }
            }
        }
        return outcome;
    }

    private synchronized void logIgnored(RatingCollector.Ignored ignored) {
        long now = System.nanoTime();
        if (now - lastInfoNanos >= QUIET_NANOS) {
            lastInfoNanos = now;
            LOG.info(
                    "{}: press of button {} ignored: {} (further ignored presses within 10 s at DEBUG)",
                    deviceId,
                    ignored.button(),
                    ignored.reason());
        } else {
            LOG.debug("{}: press of button {} ignored: {}", deviceId, ignored.button(), ignored.reason());
        }
    }
}
