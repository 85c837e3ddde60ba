package org.xephang.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void aFlappingDeviceLogsABurstSaysItGoesQuietThenCountsWhatItSuppressed() {
        AtomicLong now = new AtomicLong();
        LogThrottle throttle = new LogThrottle(3, Duration.ofSeconds(60), now::get);
        assertThat(throttle.tryAcquire()).isEmpty();
        assertThat(throttle.tryAcquire()).isEmpty();
        assertThat(throttle.tryAcquire()).isEqualTo(" (flapping: more lines like this go to DEBUG for up to 60 s)");
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.tryAcquire()).isNull();
        }
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(throttle.tryAcquire()).isEqualTo(" (50 similar line(s) were not logged)");
        assertThat(throttle.tryAcquire()).isEmpty();
    }
}
