package org.xephang.core.clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the server's clocks (issue 19, time): the wall clock against the monotonic clock, so that a jump of the
 * system time (a wrong NTP setting, a technician setting the date by hand, a virtual machine resumed) is logged, counted
 * ({@code xephang_clock_jumps_total}) and shown in {@code /health/ready}; and each site's configured time zone against
 * the host's, since opening hours and "today" follow the site's zone while the host's logs follow its own.
 *
 * <p>{@link #check()} is cheap and never blocks: the caller runs it periodically (every {@link #CHECK_EVERY}).
 */
public final class ClockWatch {

    /** How often the caller should run {@link #check()}. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    /** A difference between wall and monotonic time beyond this, between two checks, is a jump. */
    public static final Duration JUMP_THRESHOLD = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(ClockWatch.class);

    private final Clock wall;
    private final LongSupplier monotonicNanos;
    private final Map<String, ZoneId> mismatchedZones;
    private final ZoneId hostZone;
    private final Counter jumps;
    private long lastWallMillis;
    private long lastMonotonicNanos;
    private volatile Jump lastJump;

    /**
     * @param wall the wall clock (the one the engine uses)
     * @param monotonicNanos a monotonic clock ({@code System::nanoTime})
     * @param siteZones each site's configured time zone
     * @param hostZone the host's time zone ({@code ZoneId.systemDefault()})
     * @param registry receives {@code xephang.clock.jumps} and {@code xephang.clock.zone.mismatch}; may be null
     */
    public ClockWatch(
            Clock wall,
            LongSupplier monotonicNanos,
            Map<String, ZoneId> siteZones,
            ZoneId hostZone,
            MeterRegistry registry) {
        this.wall = Objects.requireNonNull(wall, "wall");
        this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
        this.hostZone = Objects.requireNonNull(hostZone, "hostZone");
        Instant now = wall.instant();
        Map<String, ZoneId> mismatched = new LinkedHashMap<>();
        siteZones.forEach((site, zone) -> {
            if (!zone.getRules().getOffset(now).equals(hostZone.getRules().getOffset(now))) {
                mismatched.put(site, zone);
                LOG.warn(
                        "Site {} keeps time in {} but this host is set to {}: opening hours and days follow {};"
                                + " set the host's zone (timedatectl set-timezone {}) so logs match",
                        site,
                        zone,
                        hostZone,
                        zone,
                        zone);
            }
        });
        this.mismatchedZones = Map.copyOf(mismatched);
        this.lastWallMillis = wall.millis();
        this.lastMonotonicNanos = monotonicNanos.getAsLong();
        if (registry != null) {
            jumps = Counter.builder("xephang.clock.jumps")
                    .description("Jumps of the system clock (wall time moved more than 2 s away from monotonic time)")
                    .register(registry);
            Gauge.builder("xephang.clock.zone.mismatch", mismatchedZones, Map::size)
                    .description("Sites whose configured time zone has another UTC offset than the host's")
                    .register(registry);
        } else {
            jumps = null;
        }
    }

    /** Compares the clocks since the last check; logs and counts a jump. Call from one thread at a time. */
    public synchronized Optional<Jump> check() {
        long wallMillis = wall.millis();
        long monotonic = monotonicNanos.getAsLong();
        long wallElapsed = wallMillis - lastWallMillis;
        long monotonicElapsed = (monotonic - lastMonotonicNanos) / 1_000_000;
        lastWallMillis = wallMillis;
        lastMonotonicNanos = monotonic;
        Duration drift = Duration.ofMillis(wallElapsed - monotonicElapsed);
        if (drift.abs().compareTo(JUMP_THRESHOLD) <= 0) {
            return Optional.empty();
        }
        Jump jump = new Jump(wall.instant(), drift);
        lastJump = jump;
        if (jumps != null) {
            jumps.increment();
        }
        LOG.warn(
                "The system clock jumped {} by {} s (now {}): check NTP (timedatectl status; docs/install.md)",
                drift.isNegative() ? "back" : "forward",
                drift.abs().toMillis() / 1000.0,
                jump.at());
        return Optional.of(jump);
    }

    /** The last jump seen, if any. */
    public Optional<Jump> lastJump() {
        return Optional.ofNullable(lastJump);
    }

    /** Sites whose zone has another offset than the host's now (empty when all agree). */
    public Map<String, ZoneId> mismatchedZones() {
        return mismatchedZones;
    }

    /** The host's time zone. */
    public ZoneId hostZone() {
        return hostZone;
    }

    /**
     * A jump of the wall clock.
     *
     * @param at the wall time after the jump
     * @param by how far the wall clock moved beyond the monotonic one (negative: backwards)
     */
    public record Jump(Instant at, Duration by) {
        public Jump {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
        }
    }
}
