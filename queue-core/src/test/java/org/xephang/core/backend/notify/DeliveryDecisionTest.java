package org.xephang.core.backend.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.xephang.core.backend.forward.Backoff;
import org.xephang.core.backend.notify.DeliveryDecision.State;
import org.xephang.core.notify.NotificationKind;

class DeliveryDecisionTest {

    private static final Instant DUE = Instant.parse("2026-12-07T01:15:00Z");
    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2), () -> 1.0);

    @Test
    void anAcceptedMessageIsSent() {
        assertThat(DeliveryDecision.after(ProviderReply.accepted(), NotificationKind.CALLED, DUE, 3, null, backoff, DUE)
                        .state())
                .isEqualTo(State.SENT);
    }

    @Test
    void aRefusalIsFinalAndKeepsTheProvidersReason() {
        DeliveryDecision decision = DeliveryDecision.after(
                new ProviderReply(ProviderReply.Outcome.REJECTED, "Zalo error -124: Access token is invalid"),
                NotificationKind.NEAR_TURN,
                DUE,
                0,
                null,
                backoff,
                DUE);
        assertThat(decision)
                .isEqualTo(new DeliveryDecision(State.DEAD, null, "Zalo error -124: Access token is invalid"));
    }

    @Test
    void aPassingFailureIsRetriedWithTheForwardersGrowingBackoff() {
        Instant now = DUE.plusSeconds(10);
        assertThat(DeliveryDecision.after(
                                ProviderReply.ofStatus(503), NotificationKind.CALLED, DUE, 0, null, backoff, now)
                        .retryAt())
                .isEqualTo(now.plusSeconds(2));
        assertThat(DeliveryDecision.after(
                        ProviderReply.unreachable("timeout"), NotificationKind.CALLED, DUE, 3, null, backoff, now))
                .isEqualTo(new DeliveryDecision(State.RETRY, now.plusSeconds(16), "timeout"));
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() {
        Instant now = DUE.plusSeconds(10);
        assertThat(DeliveryDecision.after(
                                ProviderReply.ofStatus(429),
                                NotificationKind.NEAR_TURN,
                                DUE,
                                0,
                                Duration.ofSeconds(90),
                                backoff,
                                now)
                        .retryAt())
                .isEqualTo(now.plusSeconds(90));
    }

    @Test
    void aMessageThatWouldArriveTooLateIsGivenUp() {
        Instant late = DUE.plus(Duration.ofMinutes(14)).plusSeconds(59);
        DeliveryDecision called = DeliveryDecision.after(
                ProviderReply.ofStatus(500), NotificationKind.CALLED, DUE, 5, null, backoff, late);
        assertThat(called.state()).isEqualTo(State.DEAD);
        assertThat(called.reason()).isEqualTo("HTTP 500; too late to send (called)");
        DeliveryDecision near = DeliveryDecision.after(
                ProviderReply.ofStatus(500), NotificationKind.NEAR_TURN, DUE, 5, null, backoff, late);
        assertThat(near.state()).isEqualTo(State.RETRY);
    }
}
