package org.xephang.device;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Keeps a flapping device from flooding the log: allows {@code burst} log lines per {@code window}, then suppresses
 * (the caller logs those at DEBUG); the last line of a burst says so, and the next allowed line says how many were
 * suppressed.
 *
 * <pre>{@code
 * String note = throttle.tryAcquire();
 * if (note != null) LOG.info("{}: {} -> {}{}", id, before, after, note);
 * else LOG.debug("{}: {} -> {}", id, before, after);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LogThrottle {

    private final int burst;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int used;
    private int suppressed;

    public LogThrottle(int burst, Duration window) {
        this(burst, window, System::nanoTime);
    }

    LogThrottle(int burst, Duration window, LongSupplier nanoTime) {
        if (burst < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("burst must be >= 1 and window > 0");
        }
        this.burst = burst;
        this.windowNanos = window.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.windowStart = nanoTime.getAsLong();
    }

    /**
     * Asks to log one line.
     *
     * @return null to suppress it (log it at DEBUG); otherwise a suffix for the line: empty, or a note that the
     *     lines after it are suppressed for a while, or how many were suppressed before it
     */
    public synchronized String tryAcquire() {
        long now = nanoTime.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            used = 0;
        }
        if (used >= burst) {
            suppressed++;
            return null;
        }
        used++;
        StringBuilder note = new StringBuilder();
        if (suppressed > 0) {
            note.append(" (").append(suppressed).append(" similar line(s) were not logged)");
            suppressed = 0;
        }
        if (used == burst) {
            note.append(" (flapping: more lines like this go to DEBUG for up to ")
                    .append(windowNanos / 1_000_000_000L)
                    .append(" s)");
        }
        return note.toString();
    }
}
