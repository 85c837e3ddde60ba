package org.xephang.core.appointment;

import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One bookable slot of a service on a day, in the site's time zone.
 *
 * @param start when the slot begins (the booking's {@code start})
 * @param end when it ends ({@code start} plus the site's slot length)
 * @param capacity the places offered for booking in this slot (the walk-in share already taken off)
 * @param booked the places already booked
 */
public record Slot(ZonedDateTime start, ZonedDateTime end, int capacity, int booked) {

    public Slot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** The places still free; never negative (a slot whose capacity shrank after bookings shows 0). */
    public int free() {
        return Math.max(0, capacity - booked);
    }
}
