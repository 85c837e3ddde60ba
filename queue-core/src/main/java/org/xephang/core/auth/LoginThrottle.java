package org.xephang.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} wrong passwords for one username within {@link #WINDOW}, that
 * username may not try again for {@link #LOCKOUT} (checked before the slow hash, so guessing also cannot tie up the
 * password workers). A successful sign-in forgets the failures. Thread-safe.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration LOCKOUT = Duration.ofMinutes(5);
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant first, Instant lockedUntil) {}

    /** How long the username must still wait, or empty when it may try now. */
    Optional<Duration> waitBeforeTrying(String username) {
        Failures current = failures.get(key(username));
        Instant now = clock.instant();
        if (current == null || current.lockedUntil() == null || !now.isBefore(current.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.lockedUntil()));
    }

    void failed(String username) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values()
                    .removeIf(f -> f.first().plus(WINDOW).isBefore(now)
                            && (f.lockedUntil() == null || f.lockedUntil().isBefore(now)));
        }
        failures.compute(key(username), (name, previous) -> {
            Failures fresh = previous == null
                            || previous.first().plus(WINDOW).isBefore(now)
                            || (previous.lockedUntil() != null && !now.isBefore(previous.lockedUntil()))
                    ? new Failures(0, now, null)
                    : previous;
            int count = fresh.count() + 1;
            return new Failures(count, fresh.first(), count >= MAX_FAILURES ? now.plus(LOCKOUT) : null);
        });
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
