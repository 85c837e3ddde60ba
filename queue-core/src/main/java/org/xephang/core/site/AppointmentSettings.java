package org.xephang.core.site;

/**
 * How a site takes appointments (config {@code appointments:}; docs/configuration.md). Immutable.
 *
 * @param enabled whether the site offers booking at all (default true)
 * @param walkInShare the share of each service's capacity kept for walk-ins, from 0 (all bookable) to 1 (nothing
 *     bookable); default {@value #DEFAULT_WALK_IN_SHARE}
 * @param slotMinutes the length of one slot (default {@value #DEFAULT_SLOT_MINUTES})
 * @param daysAhead how many days after today can be booked (default {@value #DEFAULT_DAYS_AHEAD}); today counts as 0
 * @param graceMinutes how late after its slot ends a booking still checks in as an appointment (default {@value
 *     #DEFAULT_GRACE_MINUTES})
 * @param perPhonePerDay the bookings one phone number may make per day (default {@value #DEFAULT_PER_PHONE_PER_DAY})
 * @param perAddressPerDay the bookings one client address may make per day (default {@value
 *     #DEFAULT_PER_ADDRESS_PER_DAY}; a ward office behind one NAT address books for many people)
 */
public record AppointmentSettings(
        boolean enabled,
        double walkInShare,
        int slotMinutes,
        int daysAhead,
        int graceMinutes,
        int perPhonePerDay,
        int perAddressPerDay) {

    public static final double DEFAULT_WALK_IN_SHARE = 0.5;
    public static final int DEFAULT_SLOT_MINUTES = 15;
    public static final int DEFAULT_DAYS_AHEAD = 14;
    public static final int DEFAULT_GRACE_MINUTES = 15;
    public static final int DEFAULT_PER_PHONE_PER_DAY = 3;
    public static final int DEFAULT_PER_ADDRESS_PER_DAY = 20;

    /**
     * Booking on, half of the capacity for walk-ins, 15-minute slots, two weeks ahead, 15 minutes of grace, 3 bookings
     * per phone and 20 per client address a day.
     */
    public static final AppointmentSettings DEFAULTS = new AppointmentSettings(
            true,
            DEFAULT_WALK_IN_SHARE,
            DEFAULT_SLOT_MINUTES,
            DEFAULT_DAYS_AHEAD,
            DEFAULT_GRACE_MINUTES,
            DEFAULT_PER_PHONE_PER_DAY,
            DEFAULT_PER_ADDRESS_PER_DAY);

    public AppointmentSettings {
        if (!(walkInShare >= 0 && walkInShare <= 1)) {
            throw new IllegalArgumentException("walkInShare must be from 0 to 1, got " + walkInShare);
        }
        if (slotMinutes < 1 || daysAhead < 0 || graceMinutes < 0) {
            throw new IllegalArgumentException("slotMinutes must be positive, daysAhead and graceMinutes not negative: "
                    + slotMinutes + ", " + daysAhead + ", " + graceMinutes);
        }
    }
}
