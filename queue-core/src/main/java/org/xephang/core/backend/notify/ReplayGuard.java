package org.xephang.core.backend.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Refuses a signed inbound request seen before. The signature check ({@code WebhookSignature.verify}) already refuses
 * timestamps further than {@code tolerance} from our clock; within that window this remembers every accepted
 * signature, so the same request sent again is refused too. Memory is bounded by what arrives in one window and by
 * {@code capacity}: when that many are remembered, new requests are refused (a retry succeeds once the window moves)
 * rather than let through unchecked.
 * Thread-safe; time from the injected clock.
 */
public final class ReplayGuard {

    private record Seen(String signature, Instant until) {}

    private final Clock clock;
    private final Duration window;
    private final int capacity;
    private final Deque<Seen> order = new ArrayDeque<>();
    private final Set<String> signatures = new HashSet<>();

    /** {@code window} should be twice the signature's tolerance: a timestamp may be that far either side of now. */
    public ReplayGuard(Clock clock, Duration window, int capacity) {
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
    }

    /** True the first time a signature is offered within the window; false for a replay or when full. */
    public synchronized boolean firstTime(String signature) {
        Instant now = clock.instant();
        while (!order.isEmpty() && !order.peekFirst().until().isAfter(now)) {
            signatures.remove(order.removeFirst().signature());
        }
        if (signatures.contains(signature) || signatures.size() >= capacity) {
            return false;
        }
        signatures.add(signature);
        order.addLast(new Seen(signature, now.plus(window)));
        return true;
    }
}
