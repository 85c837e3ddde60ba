package org.xephang.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.xephang.testkit.MutableClock;

class LoginThrottleTest {

    private final MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 11, 23, 8, 0));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String username, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(username);
        }
    }

    @Test
    void fiveWrongPasswordsLockTheUsernameForFiveMinutesOnly() {
        fail("officer1", 4);
        assertThat(throttle.waitBeforeTrying("officer1")).isEmpty();

        throttle.failed("OFFICER1");

        assertThat(throttle.waitBeforeTrying("officer1")).contains(Duration.ofMinutes(5));
        assertThat(throttle.waitBeforeTrying("officer2")).isEmpty();
        clock.set(LocalDateTime.of(2026, 11, 23, 8, 4));
        assertThat(throttle.waitBeforeTrying("officer1")).contains(Duration.ofMinutes(1));
        clock.set(LocalDateTime.of(2026, 11, 23, 8, 5));
        assertThat(throttle.waitBeforeTrying("officer1")).isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanTenMinutesDoNotLock() {
        fail("kiosk1", 4);
        clock.set(LocalDateTime.of(2026, 11, 23, 8, 11));

        throttle.failed("kiosk1");

        assertThat(throttle.waitBeforeTrying("kiosk1")).isEmpty();
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() {
        fail("admin", 4);
        throttle.succeeded("admin");

        throttle.failed("admin");

        assertThat(throttle.waitBeforeTrying("admin")).isEmpty();
    }
}
