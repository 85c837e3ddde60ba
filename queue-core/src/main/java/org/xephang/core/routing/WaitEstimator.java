package org.xephang.core.routing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A first, honest estimate of a waiting ticket's wait (docs/adr/0015-wait-estimate.md):
 *
 * <pre>
 * estimatedWait = averageServiceTime × (waitingAhead + ½) / counters
 * </pre>
 *
 * where {@code averageServiceTime} is the mean call-to-finish time of the service's last {@value #WINDOW} completed
 * tickets (the configured {@code expectedServiceMinutes} until one is measured), {@code counters} the OPEN counters
 * serving the service (at least 1), and the ½ the expected remaining time of the ticket being served. It ignores
 * tickets of other services that share the counters, pauses and priority arrivals after the estimate, so treat it as
 * "about". Not thread-safe: the site's writer owns it.
 */
public final class WaitEstimator {

    static final int WINDOW = 20;

    private final Map<String, Window> recent = new HashMap<>();

    /** A service's last {@value #WINDOW} service times in milliseconds, with their running total. */
    private static final class Window {
        final Deque<Long> millis = new ArrayDeque<>(WINDOW + 1);
        long total;
    }

    /** Records a completed ticket's call-to-finish time. */
    public void record(String service, Duration serviceTime) {
        if (serviceTime.isNegative()) {
            return;
        }
        Window window = recent.computeIfAbsent(service, s -> new Window());
        long millis = serviceTime.toMillis();
        window.millis.addLast(millis);
        window.total += millis;
        while (window.millis.size() > WINDOW) {
            window.total -= window.millis.removeFirst();
        }
    }

    /** The mean of the recent service times, or {@code fallback} when none was measured. O(1): read on every publish. */
    public Duration averageServiceTime(String service, Duration fallback) {
        Window window = recent.get(service);
        if (window == null || window.millis.isEmpty()) {
            return fallback;
        }
        return Duration.ofMillis(window.total / window.millis.size());
    }

    /** The estimate in whole seconds. */
    public long estimateSeconds(int waitingAhead, int openCounters, Duration averageServiceTime) {
        double counters = Math.max(1, openCounters);
        return Math.round(averageServiceTime.toSeconds() * (waitingAhead + 0.5) / counters);
    }
}
