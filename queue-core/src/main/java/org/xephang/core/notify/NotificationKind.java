package org.xephang.core.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two messages a ticket's subscriber may get, each at most once per ticket. */
public enum NotificationKind {
    /** "Sắp đến lượt": the ticket is within {@code nearPosition} places or {@code nearMinutes} of its call. */
    NEAR_TURN,
    /** "Mời đến quầy X": the ticket was called (its first call; recalls send nothing more). */
    CALLED;

    /** The short code stored and used in idempotency keys: {@code near-turn}, {@code called}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind of a {@link #code()}, or empty. */
    public static Optional<NotificationKind> ofCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code().equals(code)).findFirst();
    }

    /**
     * The idempotency key of this message for one ticket: the same however often the trigger is evaluated, the server
     * restarted or the delivery retried, so the provider and our outbox can both drop a duplicate.
     */
    public String idempotencyKey(String ticketId) {
        return ticketId + ":" + code();
    }
}
