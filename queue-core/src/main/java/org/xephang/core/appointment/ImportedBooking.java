package org.xephang.core.appointment;

import java.time.Instant;
import java.util.Objects;

/**
 * A booking made on the province's online portal, as its import profile read it: the portal's own id (a re-import
 * finds the booking again by it, so nothing is booked twice), the field, the time, the name and phone. Validated when
 * imported, like a booking from the page ({@link BookingRequest}). {@link #toString()} shows no personal data.
 *
 * @param externalId the portal's id of the booking, unique per site
 * @param start when the citizen is expected; a time inside one of the field's slots takes that slot
 */
public record ImportedBooking(String externalId, String service, Instant start, String name, String phone) {

    public ImportedBooking {
        Objects.requireNonNull(externalId, "externalId");
    }

    @Override
    public String toString() {
        return "ImportedBooking[externalId=" + externalId + ", service=" + service + ", start=" + start + "]";
    }
}
