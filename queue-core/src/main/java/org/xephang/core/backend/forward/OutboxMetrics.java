package org.xephang.core.backend.forward;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The forwarder's metrics ({@code xephang.outbox.*}): the backlog, the dead letters and the age of the oldest pending
 * event (gauges the forwarder's reads keep true), and the events delivered, skipped, moved to the dead letters and the
 * failed attempts by cause (counters). Any thread.
 */
final class OutboxMetrics {

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong deadCount = new AtomicLong();
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
    private final Map<FailureCause, Counter> failures = new EnumMap<>(FailureCause.class);
    private final Counter delivered;
    private final Counter skipped;
    private final Counter movedToDead;

    OutboxMetrics(MeterRegistry registry, Clock clock) {
        Gauge.builder("xephang.outbox.backlog", backlog, AtomicLong::get)
                .description("Events waiting in the outbox to be forwarded")
                .register(registry);
        Gauge.builder("xephang.outbox.dead", deadCount, AtomicLong::get)
                .description("Events the forwarder gave up on (retry them from the supervisor page)")
                .register(registry);
        Gauge.builder("xephang.outbox.oldest.pending.age.seconds", oldestPending, oldest -> {
                    Instant at = oldest.get();
                    return at == null
                            ? 0
                            : Math.max(0, Duration.between(at, clock.instant()).toSeconds());
                })
                .description("Age of the oldest event still waiting to be forwarded")
                .register(registry);
        delivered = Counter.builder("xephang.outbox.delivered")
                .description("Events the forwarder delivered to the dossier system")
                .register(registry);
        skipped = Counter.builder("xephang.outbox.skipped")
                .description("Events the forwarding profile does not send (nothing to deliver)")
                .register(registry);
        movedToDead = Counter.builder("xephang.outbox.moved.dead")
                .description("Events moved to the dead letters after the last retry")
                .register(registry);
        for (FailureCause cause : FailureCause.values()) {
            failures.put(
                    cause,
                    Counter.builder("xephang.outbox.failures")
                            .description("Failed delivery attempts, by cause (each is retried)")
                            .tag("cause", cause.label())
                            .register(registry));
        }
    }

    /** What the outbox holds now: pending and dead events, and when the oldest pending one was committed (or null). */
    void outbox(long pending, long dead, Instant oldest) {
        backlog.set(pending);
        deadCount.set(dead);
        oldestPending.set(oldest);
    }

    void delivered() {
        delivered.increment();
    }

    void skipped() {
        skipped.increment();
    }

    void movedToDead() {
        movedToDead.increment();
    }

    void failed(FailureCause cause) {
        failures.get(cause).increment();
    }
}
