package org.xephang.core.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a node that (re)joined the cluster may be given the sites other live nodes serve: once it has been up for
 * {@code settle} ({@link PlacementPlan}). Until then it takes only sites nobody runs (a dead node's). Plain Java with
 * an injected clock.
 */
final class HoldBack {

    private final Clock clock;
    private final Duration settle;
    private final Instant since;

    HoldBack(Clock clock, Duration settle) {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("a hold-back cannot be negative, got " + settle);
        }
        this.clock = clock;
        this.settle = settle;
        this.since = clock.instant();
    }

    /** Whether the node has been up for the hold-back. */
    boolean settled() {
        return !clock.instant().isBefore(since.plus(settle));
    }

    Duration settle() {
        return settle;
    }
}
