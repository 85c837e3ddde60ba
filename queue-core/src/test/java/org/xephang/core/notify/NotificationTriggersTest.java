package org.xephang.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xephang.testkit.MutableClock;

class NotificationTriggersTest {

    private final MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 12, 7, 8, 15));
    private final NotificationTriggers triggers =
            new NotificationTriggers(NotificationSettings.withProvider("sms"), clock);

    private List<NotificationKind> kinds(TicketProgress progress, Set<NotificationKind> recorded) {
        return triggers.due("T42", progress, recorded).stream()
                .map(NotificationTriggers.Due::kind)
                .toList();
    }

    private static Set<NotificationKind> none() {
        return EnumSet.noneOf(NotificationKind.class);
    }

    @Test
    void nearTurnIsDueOnceTheTicketIsWithinNearPositionOfTheFront() {
        Duration longWait = Duration.ofMinutes(40);
        assertThat(kinds(TicketProgress.waiting(3, longWait), none())).isEmpty(); // position 4
        assertThat(kinds(TicketProgress.waiting(2, longWait), none())).containsExactly(NotificationKind.NEAR_TURN);
        assertThat(kinds(TicketProgress.waiting(0, longWait), none())).containsExactly(NotificationKind.NEAR_TURN);
    }

    @Test
    void nearTurnIsDueOnceTheEstimatedWaitIsWithinNearMinutesWhateverThePosition() {
        assertThat(kinds(TicketProgress.waiting(12, Duration.ofMinutes(11)), none()))
                .isEmpty();
        assertThat(kinds(TicketProgress.waiting(12, Duration.ofMinutes(10)), none()))
                .containsExactly(NotificationKind.NEAR_TURN);
        assertThat(kinds(TicketProgress.waiting(12, null), none())).isEmpty();
    }

    @Test
    void eachRuleIsOffAtZero() {
        NotificationTriggers timeOnly = new NotificationTriggers(new NotificationSettings("zalo", 0, 10, null), clock);
        assertThat(timeOnly.due("T1", TicketProgress.waiting(0, Duration.ofMinutes(30)), none()))
                .isEmpty();
        NotificationTriggers positionOnly =
                new NotificationTriggers(new NotificationSettings("zalo", 3, 0, null), clock);
        assertThat(positionOnly.due("T1", TicketProgress.waiting(5, Duration.ZERO), none()))
                .isEmpty();
    }

    @Test
    void nearTurnIsNeverDueTwice() {
        assertThat(kinds(TicketProgress.waiting(0, Duration.ZERO), EnumSet.of(NotificationKind.NEAR_TURN)))
                .isEmpty();
    }

    @Test
    void calledIsDueOnceWhateverWasSentBefore() {
        assertThat(kinds(TicketProgress.called("5"), none())).containsExactly(NotificationKind.CALLED);
        assertThat(kinds(TicketProgress.called("5"), EnumSet.of(NotificationKind.NEAR_TURN)))
                .containsExactly(NotificationKind.CALLED);
        assertThat(kinds(TicketProgress.called("5"), EnumSet.of(NotificationKind.NEAR_TURN, NotificationKind.CALLED)))
                .isEmpty();
    }

    @Test
    void aTicketCalledBeforeItWasNearGetsNoLateNearTurnEvenWhenItWaitsAgain() {
        assertThat(kinds(TicketProgress.called("5"), none())).doesNotContain(NotificationKind.NEAR_TURN);
        // a no-show put back in the line, or a transfer after the call
        assertThat(kinds(TicketProgress.waiting(0, Duration.ZERO), EnumSet.of(NotificationKind.CALLED)))
                .isEmpty();
    }

    @Test
    void aClosedTicketIsOwedNothing() {
        assertThat(kinds(TicketProgress.closed(), none())).isEmpty();
    }

    @Test
    void aSiteWithoutProviderOwesNothing() {
        NotificationTriggers off = new NotificationTriggers(NotificationSettings.OFF, clock);
        assertThat(off.due("T1", TicketProgress.called("5"), none())).isEmpty();
        assertThat(off.due("T1", TicketProgress.waiting(0, Duration.ZERO), none()))
                .isEmpty();
    }

    @Test
    void aDueMessageCarriesItsStableIdempotencyKeyAndTheClocksTime() {
        List<NotificationTriggers.Due> due = triggers.due("T42", TicketProgress.called("5"), none());
        assertThat(due)
                .containsExactly(
                        new NotificationTriggers.Due("T42", NotificationKind.CALLED, "T42:called", clock.instant()));
        clock.advance(Duration.ofMinutes(3));
        assertThat(triggers.due("T42", TicketProgress.called("5"), none())
                        .get(0)
                        .idempotencyKey())
                .isEqualTo("T42:called");
        assertThat(NotificationKind.NEAR_TURN.idempotencyKey("T42")).isEqualTo("T42:near-turn");
        assertThat(NotificationKind.ofCode("near-turn")).contains(NotificationKind.NEAR_TURN);
        assertThat(NotificationKind.ofCode("other")).isEmpty();
    }

    @Test
    void theDocumentedDefaultsAreThreePlacesAndTenMinutes() {
        NotificationSettings defaults = NotificationSettings.withProvider("sms");
        assertThat(defaults.nearPosition()).isEqualTo(3);
        assertThat(defaults.nearMinutes()).isEqualTo(10);
        assertThat(defaults.keepNumbers()).isEqualTo("end-of-day");
        assertThat(NotificationSettings.OFF.enabled()).isFalse();
    }

    @Test
    void aNumberIsKeptUntilTheStartOfTheSitesNextLocalDay() {
        ZoneId vietnam = ZoneId.of("Asia/Ho_Chi_Minh");
        Instant lateEvening =
                LocalDateTime.of(2026, 12, 7, 23, 50).atZone(vietnam).toInstant();
        Instant morning = LocalDateTime.of(2026, 12, 7, 7, 30).atZone(vietnam).toInstant();
        Instant nextMidnight =
                LocalDateTime.of(2026, 12, 8, 0, 0).atZone(vietnam).toInstant();
        assertThat(NotificationSettings.purgeAt(morning, vietnam)).isEqualTo(nextMidnight);
        assertThat(NotificationSettings.purgeAt(lateEvening, vietnam)).isEqualTo(nextMidnight);
        // 07:30 in Vietnam is still the 6th in UTC: the site's day counts, not UTC's
        assertThat(NotificationSettings.purgeAt(Instant.parse("2026-12-06T17:30:00Z"), vietnam))
                .isEqualTo(nextMidnight);
    }

    @Test
    void badSettingsAreRefusedAtOnceEachNamedByItsKey() {
        assertThatThrownBy(() -> new NotificationSettings("fax", -1, 1000, "forever"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notifications.provider: 'fax'")
                .hasMessageContaining("notifications.nearPosition")
                .hasMessageContaining("notifications.nearMinutes")
                .hasMessageContaining("notifications.keepNumbers: 'forever'");
    }
}
