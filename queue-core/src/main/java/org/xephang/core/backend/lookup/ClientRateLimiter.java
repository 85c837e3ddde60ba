package org.xephang.core.backend.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client (its address): {@code perMinute} lookups a minute, bursts of up to a third of that.
 * Idle buckets are dropped so memory stays bounded. Thread-safe; time comes from the injected clock. Also limits how
 * fast one kiosk issues tickets (the key is then the device's account), the notification sender's messages per
 * provider, and how many numbers one client address leaves for tickets.
 */
public final class ClientRateLimiter {

    private static final int MAX_CLIENTS = 10_000;

    private final Clock clock;
    private final double capacity;
    private final double tokensPerNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ClientRateLimiter(Clock clock, int perMinute) {
        this.clock = clock;
        this.capacity = Math.max(1, perMinute / 3);
        this.tokensPerNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
    }

    /** Empty when allowed; otherwise how long until the next lookup is allowed. */
    public Duration acquire(String client) {
        Instant now = clock.instant();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(bucket -> bucket.isFullAt(now));
        }
        Bucket bucket = buckets.computeIfAbsent(client, key -> new Bucket(capacity, now));
        return bucket.take(now);
    }

    /** How long until {@code client} may take one (zero when it may now), without taking it. */
    public Duration waitFor(String client) {
        Bucket bucket = buckets.get(client);
        return bucket == null ? Duration.ZERO : bucket.waitAt(clock.instant());
    }

    private final class Bucket {
        private double tokens;
        private Instant updatedAt;

        Bucket(double tokens, Instant now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized Duration take(Instant now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
        }

        synchronized Duration waitAt(Instant now) {
            refill(now);
            return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
        }

        synchronized boolean isFullAt(Instant now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(Instant now) {
            long elapsed = Duration.between(updatedAt, now).toNanos();
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
                updatedAt = now;
            }
        }
    }
}
