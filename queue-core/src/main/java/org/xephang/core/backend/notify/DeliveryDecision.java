package org.xephang.core.backend.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.xephang.core.backend.forward.Backoff;
import org.xephang.core.notify.NotificationKind;

/**
 * What becomes of a message after one attempt: sent, tried again at a later time, or given up (dead, listed for the
 * supervisor). A refusal by the provider is final. A failure that may pass (a timeout, a 429, a 5xx) is retried with
 * the forwarder's {@link Backoff}, never sooner than the provider's {@code Retry-After}, until the message would
 * arrive too late to help: "sắp đến lượt" after {@value #NEAR_TURN_STALE_MINUTES} minutes, "mời đến quầy" after
 * {@value #CALLED_STALE_MINUTES} (a call announced an hour late sends the citizen to a counter that moved on). Pure.
 *
 * @param retryAt when to try again (RETRY only)
 * @param reason the failure, for the supervisor's list (RETRY and DEAD)
 */
public record DeliveryDecision(State state, Instant retryAt, String reason) {

    static final int NEAR_TURN_STALE_MINUTES = 30;
    static final int CALLED_STALE_MINUTES = 15;
    /** A booking's confirmation helps until about its slot: a day is the bound. */
    static final int BOOKING_STALE_MINUTES = 24 * 60;
    /** An answer to a dossier SMS an hour late is still an answer; later the citizen has asked again or come in. */
    static final int DOSSIER_REPLY_STALE_MINUTES = 60;

    /** Where a message stands after the attempt. */
    public enum State {
        SENT,
        RETRY,
        DEAD
    }

    public DeliveryDecision {
        Objects.requireNonNull(state, "state");
        if (state == State.RETRY) {
            Objects.requireNonNull(retryAt, "retryAt");
        }
    }

    /** How long a message of this kind is worth sending after it became due. */
    public static Duration staleAfter(NotificationKind kind) {
        return Duration.ofMinutes(
                switch (kind) {
                    case NEAR_TURN -> NEAR_TURN_STALE_MINUTES;
                    case CALLED -> CALLED_STALE_MINUTES;
                    case BOOKED, BOOKING_MOVED -> BOOKING_STALE_MINUTES;
                    case DOSSIER_REPLY -> DOSSIER_REPLY_STALE_MINUTES;
                });
    }

    /**
     * The decision after an attempt of a message of {@code kind}, due since {@code dueAt}, that had failed {@code
     * failedBefore} times already.
     *
     * @param retryAfter the provider's {@code Retry-After}, or null
     */
    public static DeliveryDecision after(
            ProviderReply reply,
            NotificationKind kind,
            Instant dueAt,
            int failedBefore,
            Duration retryAfter,
            Backoff backoff,
            Instant now) {
        return switch (reply.outcome()) {
            case ACCEPTED -> new DeliveryDecision(State.SENT, null, null);
            case REJECTED -> new DeliveryDecision(State.DEAD, null, reply.detail());
            case RETRY -> {
                Duration wait = backoff.afterFailure(failedBefore + 1);
                if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                    wait = retryAfter;
                }
                Instant next = now.plus(wait);
                if (next.isAfter(dueAt.plus(staleAfter(kind)))) {
                    yield new DeliveryDecision(
                            State.DEAD, null, reply.detail() + "; too late to send (" + kind.code() + ")");
                }
                yield new DeliveryDecision(State.RETRY, next, reply.detail());
            }
        };
    }
}
