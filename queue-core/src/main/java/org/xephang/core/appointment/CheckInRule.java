package org.xephang.core.appointment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * Where a booking's ticket goes when it is checked in at a kiosk (docs/adr/0024-appointments.md). Pure.
 *
 * <ul>
 *   <li>From {@code graceMinutes} before its slot starts to {@code graceMinutes} after it ends: {@link
 *       Placement#ON_TIME}, served before the walk-ins of its line.
 *   <li>Later the same day: {@link Placement#LATE}, a walk-in ticket at the back of its line.
 *   <li>Earlier: refused, naming the time from which it can check in; another day or another site: refused.
 * </ul>
 */
public final class CheckInRule {

    /** The priority category of a ticket checked in on time (not a configurable category: only check-in sets it). */
    public static final String APPOINTMENT_PRIORITY = "lich-hen";

    /** The channel of every ticket made by a check-in. */
    public static final String CHANNEL = "appointment";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** How the ticket is placed. */
    public enum Placement {
        ON_TIME,
        LATE
    }

    private final ZoneId zone;
    private final Duration grace;

    public CheckInRule(ZoneId zone, int graceMinutes) {
        this.zone = zone;
        this.grace = Duration.ofMinutes(graceMinutes);
    }

    /**
     * @param site the site of the kiosk
     * @param siteName its name, for the refusal
     * @throws QueueError {@code APPOINTMENT_ELSEWHERE} for another site or day, {@code CHECK_IN_TOO_EARLY}
     */
    public Placement place(Booking booking, String site, String siteName, Instant now) {
        if (!booking.site().equals(site)) {
            throw new QueueError(
                    ErrorCode.APPOINTMENT_ELSEWHERE,
                    "Lịch hẹn " + booking.code() + " không phải của " + siteName
                            + ". Vui lòng đến đúng nơi đã đặt lịch.",
                    "Appointment " + booking.code() + " is not for " + siteName
                            + ". Please go to the place you booked.");
        }
        if (!booking.start().atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate())) {
            throw new QueueError(
                    ErrorCode.APPOINTMENT_ELSEWHERE,
                    "Lịch hẹn " + booking.code() + " là ngày "
                            + DAY.format(booking.start().atZone(zone))
                            + " lúc " + TIME.format(booking.start().atZone(zone))
                            + ", không phải hôm nay. Vui lòng đến đúng ngày hẹn.",
                    "Appointment " + booking.code() + " is on "
                            + DAY.format(booking.start().atZone(zone)) + " at "
                            + TIME.format(booking.start().atZone(zone))
                            + ", not today. Please come on the day of the appointment.");
        }
        Instant opens = booking.start().minus(grace);
        if (now.isBefore(opens)) {
            throw new QueueError(
                    ErrorCode.CHECK_IN_TOO_EARLY,
                    "Chưa đến giờ hẹn (" + TIME.format(booking.start().atZone(zone)) + "). Mời quay lại xác nhận từ "
                            + TIME.format(opens.atZone(zone)) + ".",
                    "It is not yet the appointment time ("
                            + TIME.format(booking.start().atZone(zone)) + "). Please come back to check in from "
                            + TIME.format(opens.atZone(zone)) + ".");
        }
        return now.isAfter(booking.end().plus(grace)) ? Placement.LATE : Placement.ON_TIME;
    }
}
