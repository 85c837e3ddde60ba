package org.xephang.core.clock;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.testkit.MutableClock;

@Timeout(10)
class ClockWatchTest {

    private final MutableClock wall = MutableClock.at(LocalDateTime.of(2026, 12, 7, 8, 0));
    private final AtomicLong monotonic = new AtomicLong(5_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ClockWatch watch(ZoneId host) {
        return new ClockWatch(wall, monotonic::get, Map.of("demo", MutableClock.VIETNAM), host, registry);
    }

    private void elapse(Duration wallTime, Duration monotonicTime) {
        wall.advance(wallTime);
        monotonic.addAndGet(monotonicTime.toNanos());
    }

    @Test
    void timePassingNormallyIsNoJump() {
        ClockWatch watch = watch(MutableClock.VIETNAM);
        elapse(Duration.ofSeconds(30), Duration.ofMillis(29_500));

        assertThat(watch.check()).isEmpty();
        assertThat(watch.lastJump()).isEmpty();
        assertThat(registry.get("xephang.clock.jumps").counter().count()).isZero();
    }

    @Test
    void aWallClockSetAnHourBackIsAJumpCountedAndRemembered() {
        ClockWatch watch = watch(MutableClock.VIETNAM);
        elapse(Duration.ofSeconds(30).minusHours(1), Duration.ofSeconds(30));

        var jump = watch.check();

        assertThat(jump).isPresent();
        assertThat(jump.get().by()).isEqualTo(Duration.ofHours(-1));
        assertThat(watch.lastJump()).isEqualTo(jump);
        assertThat(registry.get("xephang.clock.jumps").counter().count()).isEqualTo(1);
        elapse(Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(watch.check())
                .as("the next check compares from the new time")
                .isEmpty();
    }

    @Test
    void aHostInUtcForAVietnameseSiteIsAZoneMismatch() {
        ClockWatch watch = watch(ZoneId.of("UTC"));

        assertThat(watch.mismatchedZones()).containsEntry("demo", MutableClock.VIETNAM);
        assertThat(registry.get("xephang.clock.zone.mismatch").gauge().value()).isEqualTo(1);
    }

    @Test
    void anotherNameForTheSameOffsetIsNoMismatch() {
        assertThat(watch(ZoneId.of("Asia/Bangkok")).mismatchedZones()).isEmpty();
    }
}
