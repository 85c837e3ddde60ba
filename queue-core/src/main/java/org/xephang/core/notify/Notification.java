package org.xephang.core.notify;

import java.util.Objects;

/**
 * One message to one citizen, as recorded in the outbox when it became due: everything a provider profile needs, so
 * that sending never asks the engine again. The phone number is personal data: {@link #toString()} masks it.
 *
 * @param idempotencyKey {@code <ticket id>:<kind>}, the same on every attempt
 * @param position the ticket's place in its line when the message became due (NEAR_TURN only, else 0)
 * @param counter the counter called to (CALLED only, else null)
 */
public record Notification(
        String idempotencyKey,
        NotificationKind kind,
        PhoneNumber phone,
        String ticketNumber,
        String siteName,
        int position,
        String counter) {

    public Notification {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(siteName, "siteName");
        if (kind == NotificationKind.CALLED) {
            Objects.requireNonNull(counter, "counter");
        }
    }

    /** The Vietnamese text of the message (NFC). */
    public String text() {
        return switch (kind) {
            case NEAR_TURN -> NotificationText.nearTurn(ticketNumber, position, siteName);
            case CALLED -> NotificationText.called(ticketNumber, counter, siteName);
        };
    }
}
