package org.xephang.core.backend.forward;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after the n-th failure (n ≥ 1) wait a random time between half and all of {@code
 * initial · 2^(n-1)}, capped at {@code max}. The jitter spreads the retries of many events so a recovering dossier
 * system is not hit by all of them at once. Pure; the randomness is injected. Shared by the dossier forwarder and the
 * notification sender.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    public Duration afterFailure(int failures) {
        int exponent = Math.min(Math.max(failures, 1) - 1, 30);
        long ceiling = Math.min(max.toMillis(), initial.toMillis() * (1L << exponent));
        long wait = (long) (ceiling * (0.5 + 0.5 * random.getAsDouble()));
        return Duration.ofMillis(Math.max(1, wait));
    }
}
