package org.xephang.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xephang.testkit.MutableClock;

class LoginThrottleTest {

    private static final String GUESSER = "10.0.0.66";
    private static final String OWNER = "10.0.0.7";

    private final MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 11, 23, 8, 0));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String client, String username, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.tryAttempt(client, username).waitBeforeTrying()).isEmpty();
        }
    }

    private Optional<Duration> next(String client, String username) {
        return throttle.tryAttempt(client, username).waitBeforeTrying();
    }

    @Test
    void fiveWrongPasswordsFromOneAddressMakeItWaitFiveSecondsThenTwiceAsLongEachTime() {
        fail(GUESSER, "officer1", 5);

        assertThat(next(GUESSER, "OFFICER1")).contains(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        fail(GUESSER, "officer1", 1);
        assertThat(next(GUESSER, "officer1")).contains(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        fail(GUESSER, "officer1", 1);
        assertThat(next(GUESSER, "officer1")).contains(Duration.ofSeconds(20));
    }

    @Test
    void theDelayGrowsToFiveMinutesAtMost() {
        assertThat(LoginThrottle.delay(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(LoginThrottle.delay(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(LoginThrottle.delay(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(LoginThrottle.delay(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theOwnerFromAnotherAddressIsNeverDelayedByAGuesser() {
        fail(GUESSER, "officer1", 5);
        assertThat(next(GUESSER, "officer1")).isPresent();

        assertThat(next(OWNER, "officer1")).isEmpty();
    }

    @Test
    void anAddressTryingManyUsernamesWaitsAfterTwentyFailures() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_CLIENT; i++) {
            fail(GUESSER, "nobody" + i, 1);
        }

        assertThat(next(GUESSER, "someone-else")).contains(Duration.ofSeconds(5));
        assertThat(next(OWNER, "someone-else")).isEmpty();
    }

    @Test
    void anAttemptCountsBeforeItsPasswordIsCheckedSoParallelGuessesAreRefused() {
        int admitted = 0;
        for (int i = 0; i < 40; i++) {
            if (next(GUESSER, "kiosk1").isEmpty()) {
                admitted++;
            }
        }

        assertThat(admitted).isEqualTo(LoginThrottle.FREE_FAILURES_PER_ACCOUNT);
    }

    @Test
    void aSuccessfulSignInForgetsTheAccountsFailuresFromThatAddress() {
        fail(GUESSER, "admin", 4);
        throttle.tryAttempt(GUESSER, "admin").succeeded();

        fail(GUESSER, "admin", 4);

        assertThat(next(GUESSER, "admin")).isEmpty();
    }

    @Test
    void failuresAreForgottenFifteenMinutesAfterTheLastOne() {
        fail(GUESSER, "officer2", 5);
        clock.advance(Duration.ofMinutes(16));

        fail(GUESSER, "officer2", 4);
        assertThat(next(GUESSER, "officer2")).isEmpty();
    }
}
