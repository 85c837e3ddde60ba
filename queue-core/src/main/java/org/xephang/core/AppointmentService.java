package org.xephang.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.xephang.api.Ticket;
import org.xephang.core.appointment.Booking;
import org.xephang.core.appointment.BookingRequest;
import org.xephang.core.appointment.ImportedBooking;
import org.xephang.core.appointment.Slot;
import org.xephang.core.site.AppointmentSettings;

/**
 * Appointments (issue 17, docs/adr/0024-appointments.md): the slots of a site's fields, bookings by code and their
 * check-in at a kiosk. Every operation runs on the engine's writer, so that a slot's last place goes to one booking
 * only; stages complete on the writer's thread (hop back to your own) and fail with a {@link
 * org.xephang.api.QueueError} carrying a Vietnamese message.
 */
public interface AppointmentService {

    /** The site's booking settings (from its configuration, at once); UNKNOWN_SITE. */
    AppointmentSettings settings(String site);

    /**
     * The days a field can be booked, today first, each with its free places now (0 for a closed day, with the reason);
     * UNKNOWN_SERVICE, SLOT_UNAVAILABLE when the site takes no bookings.
     */
    CompletionStage<List<BookableDay>> days(String site, String service);

    /** One day of {@link #days}: {@code closed} is the Vietnamese reason when the site does not work that day. */
    record BookableDay(LocalDate date, int free, String closed) {}

    /** The slots of a field on a day that can still be booked, with their free places. */
    CompletionStage<List<Slot>> slots(String site, String service, LocalDate day);

    /**
     * Books a slot: SLOT_FULL, SLOT_UNAVAILABLE, SITE_CLOSED, UNKNOWN_SERVICE, or RATE_LIMITED when the phone number
     * has made the site's {@code perPhonePerDay} bookings today.
     */
    CompletionStage<Booking> book(String site, BookingRequest request);

    /** The booking with this code; UNKNOWN_APPOINTMENT when none (or it was cancelled). */
    CompletionStage<Booking> find(String code);

    /** Cancels a booking not yet checked in whose slot has not ended; its name and phone go with it. */
    CompletionStage<Booking> cancel(String code);

    /**
     * Moves a booking not yet checked in, whose slot has not ended, to another slot of the same field and site
     * ({@code start}: the new slot's start): SLOT_FULL, SLOT_UNAVAILABLE, SITE_CLOSED, CONFLICT (checked in, over, or
     * the same slot), UNKNOWN_APPOINTMENT. The per-phone daily limit does not count a move. When the site sends
     * messages, the phone gets "đã đổi lịch".
     */
    CompletionStage<Booking> move(String code, Instant start);

    /**
     * Imports a booking made on the province's portal: the booking already imported with this external id
     * ({@code created} false), or a new one in the slot holding its time. Refused like a booking from the page
     * (UNKNOWN_SERVICE, SLOT_FULL, SLOT_UNAVAILABLE, SITE_CLOSED, INVALID_REQUEST for a bad name or phone); the
     * per-phone daily limit does not apply (the portal has its own), and no confirmation is sent (the portal sent it).
     */
    CompletionStage<Imported> importBooking(String site, ImportedBooking booking);

    /** An import's booking; {@code created} false when an earlier import had made it. */
    record Imported(Booking booking, boolean created) {}

    /** A site's bookings of a day, in slot order (staff). */
    CompletionStage<List<Booking>> day(String site, LocalDate day);

    /**
     * Turns a booking into a ticket at a kiosk of {@code site}; the same ticket again (replayed) on a repeat.
     * APPOINTMENT_ELSEWHERE for another site or day, CHECK_IN_TOO_EARLY, UNKNOWN_APPOINTMENT.
     */
    CompletionStage<CheckIn> checkIn(String site, String code, Actor actor);

    /** A check-in's ticket; {@code replayed} when an earlier check-in had made it (HTTP 200 instead of 201). */
    record CheckIn(Booking booking, Ticket ticket, boolean replayed, boolean onTime) {}
}
