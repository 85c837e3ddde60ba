package org.xephang.core.notify;

import java.util.Map;
import java.util.Objects;

/**
 * One message to one citizen, as recorded in the outbox when it became due: everything a provider profile needs, so
 * that sending never asks the engine again. The phone number is personal data: {@link #toString()} masks it.
 *
 * @param idempotencyKey {@code <ticket id>:<kind>} (or {@code <booking code>:booked}, …), the same on every attempt
 * @param ticketNumber the ticket's number; the booking code for {@code BOOKED} and {@code BOOKING_MOVED}; the dossier
 *     code for {@code DOSSIER_REPLY}
 * @param position the ticket's place in its line when the message became due (NEAR_TURN only, else 0)
 * @param counter the counter called to (CALLED only, else null)
 * @param details what the other kinds need: {@code service} and {@code when} (the slot, in the site's time zone) for
 *     a booking, {@code text} for a dossier reply; never personal data
 */
public record Notification(
        String idempotencyKey,
        NotificationKind kind,
        PhoneNumber phone,
        String ticketNumber,
        String siteName,
        int position,
        String counter,
        Map<String, String> details) {

    public Notification {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(siteName, "siteName");
        details = details == null ? Map.of() : Map.copyOf(details);
        switch (kind) {
            case CALLED -> Objects.requireNonNull(counter, "counter");
            case BOOKED, BOOKING_MOVED -> {
                Objects.requireNonNull(details.get("when"), "details.when");
                Objects.requireNonNull(details.get("service"), "details.service");
            }
            case DOSSIER_REPLY -> Objects.requireNonNull(details.get("text"), "details.text");
            case NEAR_TURN -> {}
        }
    }

    /** A ticket's message ({@code NEAR_TURN}, {@code CALLED}). */
    public Notification(
            String idempotencyKey,
            NotificationKind kind,
            PhoneNumber phone,
            String ticketNumber,
            String siteName,
            int position,
            String counter) {
        this(idempotencyKey, kind, phone, ticketNumber, siteName, position, counter, Map.of());
    }

    /** The Vietnamese text of the message (NFC). */
    public String text() {
        return switch (kind) {
            case NEAR_TURN -> NotificationText.nearTurn(ticketNumber, position, siteName);
            case CALLED -> NotificationText.called(ticketNumber, counter, siteName);
            case BOOKED -> NotificationText.booked(ticketNumber, details.get("service"), details.get("when"), siteName);
            case BOOKING_MOVED ->
                NotificationText.bookingMoved(ticketNumber, details.get("service"), details.get("when"), siteName);
            case DOSSIER_REPLY -> details.get("text");
        };
    }
}
