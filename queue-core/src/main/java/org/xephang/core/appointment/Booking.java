package org.xephang.core.appointment;

import java.time.Instant;
import java.util.Objects;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.privacy.OwnerNameMask;

/**
 * One booked appointment. The name and phone are personal data: public answers carry only {@link #maskedName()} and
 * {@link #maskedPhone()}, logs only the code.
 *
 * @param code the booking code ({@link BookingCode})
 * @param start the slot's start, {@code end} its end
 * @param ticketId the ticket its check-in made, or null before check-in
 */
public record Booking(
        String code,
        String site,
        String service,
        Instant start,
        Instant end,
        String name,
        String phone,
        Instant createdAt,
        String ticketId) {

    public Booking {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** "Nguyễn V*** A". */
    public String maskedName() {
        return OwnerNameMask.mask(name);
    }

    /** "*******678". */
    public String maskedPhone() {
        return PhoneNumber.parse(phone).map(PhoneNumber::masked).orElse("***");
    }

    public boolean checkedIn() {
        return ticketId != null;
    }

    /** The same booking moved to another slot (not checked in: a checked-in booking is not moved). */
    public Booking inSlot(Instant newStart, Instant newEnd) {
        return new Booking(code, site, service, newStart, newEnd, name, phone, createdAt, null);
    }

    public Booking checkedIn(String ticket) {
        return new Booking(code, site, service, start, end, name, phone, createdAt, ticket);
    }
}
