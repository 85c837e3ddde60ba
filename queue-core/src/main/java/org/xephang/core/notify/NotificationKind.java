package org.xephang.core.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The messages a citizen may get. A ticket's subscriber gets {@link #NEAR_TURN} and {@link #CALLED}, each at most once
 * per ticket; a booking's phone gets {@link #BOOKED} and {@link #BOOKING_MOVED} when the site sends notifications; an
 * inbound SMS with a dossier code gets {@link #DOSSIER_REPLY}.
 */
public enum NotificationKind {
    /** "Sắp đến lượt": the ticket is within {@code nearPosition} places or {@code nearMinutes} of its call. */
    NEAR_TURN,
    /** "Mời đến quầy X": the ticket was called (its first call; recalls send nothing more). */
    CALLED,
    /** "Đã đặt lịch": a booking was made (its code, field, slot). */
    BOOKED,
    /** "Đã đổi lịch": a booking was moved to another slot (once per new slot). */
    BOOKING_MOVED,
    /** The answer to a dossier lookup by SMS (SMS only: the question came by SMS). */
    DOSSIER_REPLY;

    /** The short code stored and used in idempotency keys: {@code near-turn}, {@code called}, {@code booked}, … */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind of a {@link #code()}, or empty. */
    public static Optional<NotificationKind> ofCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code().equals(code)).findFirst();
    }

    /** Whether this message belongs to a ticket (its subscriber's number), rather than to a booking or an SMS. */
    public boolean ofTicket() {
        return this == NEAR_TURN || this == CALLED;
    }

    /**
     * The idempotency key of this message for one ticket: the same however often the trigger is evaluated, the server
     * restarted or the delivery retried, so the provider and our outbox can both drop a duplicate.
     */
    public String idempotencyKey(String ticketId) {
        return ticketId + ":" + code();
    }
}
