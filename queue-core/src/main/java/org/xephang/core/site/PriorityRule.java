package org.xephang.core.site;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a counter calls a normal ticket although priority tickets wait (docs/adr/0021-fair-priority.md). Strict
 * priority lets a steady stream of priority tickets starve the normal line; this rule bounds the normal line's wait
 * in two ways, either or both:
 *
 * <ul>
 *   <li>{@code maxInRow}: after this many priority calls in a row at a counter, its next call takes the normal
 *       ticket first when one waits; 0 means no limit;
 *   <li>{@code normalWaitLimit}: a normal ticket that has waited this long since it was issued is called before any
 *       priority ticket; null means no limit.
 * </ul>
 *
 * Within each class the order stays first come, first served. {@link #STRICT} (no limit at all) is the rule of the
 * first releases; {@link #DEFAULT} allows three priority calls in a row. Immutable and thread-safe.
 *
 * @param maxInRow priority calls in a row after which a waiting normal ticket goes first, 0 = no limit
 * @param normalWaitLimit a normal ticket waiting at least this long goes first, or null
 */
public record PriorityRule(int maxInRow, Duration normalWaitLimit) {

    /** Every waiting priority ticket before any normal one. */
    public static final PriorityRule STRICT = new PriorityRule(0, null);

    /** At most three priority calls in a row at one counter while normal tickets wait. */
    public static final PriorityRule DEFAULT = new PriorityRule(3, null);

    public PriorityRule {
        if (maxInRow < 0) {
            throw new IllegalArgumentException("maxInRow must be 0 (no limit) or more, got " + maxInRow);
        }
        if (normalWaitLimit != null && (normalWaitLimit.isNegative() || normalWaitLimit.isZero())) {
            throw new IllegalArgumentException("normalWaitLimit must be positive, got " + normalWaitLimit);
        }
    }

    /**
     * Whether a counter calls its first normal candidate before its waiting priority tickets.
     *
     * @param normalIssuedAt when the normal ticket the counter would call next was issued
     * @param priorityCallsInRow the counter's priority calls since its last normal call
     * @param now the time of the call
     */
    public boolean normalGoesFirst(Instant normalIssuedAt, int priorityCallsInRow, Instant now) {
        Objects.requireNonNull(normalIssuedAt, "normalIssuedAt");
        if (maxInRow > 0 && priorityCallsInRow >= maxInRow) {
            return true;
        }
        return normalWaitLimit != null && Duration.between(normalIssuedAt, now).compareTo(normalWaitLimit) >= 0;
    }

    /** Whether this rule is strict priority. */
    public boolean isStrict() {
        return maxInRow == 0 && normalWaitLimit == null;
    }
}
