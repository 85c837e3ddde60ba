package org.xephang.device.keypad;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.xephang.device.keypad.RatingCollector.Ignored;
import org.xephang.device.keypad.RatingCollector.Outcome;
import org.xephang.device.keypad.RatingCollector.Rated;

class RatingCollectorTest {

    private Instant now = Instant.parse("2026-11-22T02:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final RatingCollector collector = new RatingCollector(
            ButtonMapping.standard(RatingScale.FIVE), Duration.ofMillis(300), Duration.ofMinutes(2), clock);

    private Outcome pressAfter(long millis, String button) {
        now = now.plusMillis(millis);
        return collector.press(button);
    }

    @Test
    void theFirstPressRatesTheWaitingTicketWithItsNationalLevel() {
        collector.await("t-1");
        Outcome outcome = pressAfter(1_000, "4");
        assertThat(outcome).isInstanceOfSatisfying(Rated.class, r -> {
            assertThat(r.rating().ticketId()).isEqualTo("t-1");
            assertThat(r.rating().level()).isEqualTo(4);
            assertThat(r.rating().scale()).isEqualTo(RatingScale.FIVE);
            assertThat(r.rating().at()).isEqualTo(now);
        });
    }

    @Test
    void oneRatingPerTicket() {
        collector.await("t-1");
        assertThat(pressAfter(1_000, "1")).isInstanceOf(Rated.class);
        assertThat(pressAfter(1_000, "5")).isEqualTo(new Ignored("5", "no ticket is waiting for a rating"));
    }

    @Test
    void aBounceRightAfterAPressIsIgnoredEvenBeforeArming() {
        assertThat(pressAfter(1_000, "2")).isInstanceOf(Ignored.class);
        collector.await("t-2");
        assertThat(pressAfter(100, "2")).isEqualTo(new Ignored("2", "within 300 ms of the previous press"));
        assertThat(pressAfter(300, "2")).isInstanceOf(Rated.class);
    }

    @Test
    void aPressWithNoTicketWaitingIsIgnored() {
        assertThat(pressAfter(1_000, "1")).isEqualTo(new Ignored("1", "no ticket is waiting for a rating"));
    }

    @Test
    void anUnmappedButtonIsIgnoredAndTheTicketStillWaits() {
        collector.await("t-3");
        assertThat(pressAfter(1_000, "9")).isInstanceOf(Ignored.class);
        assertThat(collector.waitingTicket()).isEqualTo("t-3");
        assertThat(pressAfter(1_000, "3")).isInstanceOf(Rated.class);
    }

    @Test
    void aNewTicketReplacesAnUnratedOne() {
        collector.await("t-4");
        collector.await("t-5");
        assertThat(pressAfter(1_000, "1"))
                .isInstanceOfSatisfying(
                        Rated.class, r -> assertThat(r.rating().ticketId()).isEqualTo("t-5"));
    }

    @Test
    void pressesAfterTheWindowAreIgnored() {
        collector.await("t-6");
        assertThat(pressAfter(121_000, "1")).isEqualTo(new Ignored("1", "the rating window of 120 s has passed"));
        assertThat(collector.waitingTicket()).isNull();
    }

    @Test
    void cancelDisarms() {
        collector.await("t-7");
        collector.cancel();
        assertThat(pressAfter(1_000, "1")).isInstanceOf(Ignored.class);
    }
}
