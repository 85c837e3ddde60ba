package org.xephang.core.appointment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.site.AppointmentSettings;
import org.xephang.core.site.Closure;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.OpeningHours.Session;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteCalendar;
import org.xephang.core.site.SiteConfig;

/**
 * The bookable slots of a site's services (docs/adr/0024-appointments.md). Pure: the time comes from the injected
 * clock, the places already booked from the caller. Immutable and thread-safe.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>Slots of {@code slotMinutes} follow one another from the start of each opening session; a slot must end by
 *       the session's ticket cut-off, so that every booking can still be checked in while the kiosks issue. Closed
 *       days (holidays, closures) and days without sessions have no slots.
 *   <li>A service's capacity is what its counters can serve: each counter serving it gives its time, shared equally
 *       among the services it serves, divided by the service's expected minutes. Of that, {@code walkInShare} is kept
 *       for walk-ins and the rest is offered for booking. Places are counted cumulatively through each session and
 *       rounded down, so a fractional capacity (one place every 20 minutes with 15-minute slots) still yields places
 *       and never more than the counters can serve.
 *   <li>Only slots that start after now, on today up to {@code daysAhead} days after it, can be booked.
 * </ul>
 */
public final class SlotPlanner {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final double ROUNDING = 1e-9;

    private final SiteConfig site;
    private final AppointmentSettings settings;
    private final SiteCalendar calendar;
    private final Clock clock;

    public SlotPlanner(SiteConfig site, Clock clock) {
        this.site = Objects.requireNonNull(site, "site");
        this.settings = site.appointments();
        this.calendar = SiteCalendar.of(site);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The site's local day now. */
    public LocalDate today() {
        return calendar.localDay(clock.instant());
    }

    /**
     * The slots of a service on a day that can still be booked (those starting after now), with their places.
     *
     * @param booked the places booked per slot start (absent means none)
     * @throws QueueError {@code SLOT_UNAVAILABLE} when the site takes no bookings or the day is past or too far ahead,
     *     {@code UNKNOWN_SERVICE}, {@code SITE_CLOSED} for a holiday or a day without sessions
     */
    public List<Slot> slots(String serviceCode, LocalDate day, Map<Instant, Integer> booked) {
        ServiceConfig service = bookableService(serviceCode);
        checkDay(day);
        Instant now = clock.instant();
        return daySlots(service, day, booked).stream()
                .filter(s -> s.start().toInstant().isAfter(now))
                .toList();
    }

    /** The days that can be booked, today first: today and the {@code daysAhead} days after it. */
    public List<LocalDate> bookableDays() {
        LocalDate today = today();
        return today.datesUntil(today.plusDays(settings.daysAhead() + 1L)).toList();
    }

    /** Whether the site works that day (not a holiday or closure, and it has opening sessions). */
    public boolean opensOn(LocalDate day) {
        return calendar.closureOn(day).isEmpty()
                && !site.openingHours().on(day.getDayOfWeek()).isEmpty();
    }

    /**
     * The slot a new booking at {@code start} would take, checked: a service that takes bookings, a day within reach
     * and open, a slot that exists, starts after now and has a free place.
     *
     * @param booked the places booked per slot start of that day and service
     * @throws QueueError as {@link #slots}, plus {@code SLOT_UNAVAILABLE} for a start that is past or not a slot's,
     *     and {@code SLOT_FULL}
     */
    public Slot slotToBook(String serviceCode, Instant start, Map<Instant, Integer> booked) {
        ServiceConfig service = bookableService(serviceCode);
        ZonedDateTime local = start.atZone(calendar.zone());
        LocalDate day = local.toLocalDate();
        checkDay(day);
        if (!start.isAfter(clock.instant())) {
            throw new QueueError(
                    ErrorCode.SLOT_UNAVAILABLE,
                    "Khung giờ " + describe(local) + " đã qua. Vui lòng chọn khung giờ khác.",
                    "The time slot " + describeEn(local) + " is past. Please choose another time slot.");
        }
        Slot slot = daySlots(service, day, booked).stream()
                .filter(s -> s.start().toInstant().equals(start))
                .findFirst()
                .orElseThrow(() -> new QueueError(
                        ErrorCode.SLOT_UNAVAILABLE,
                        "Không có khung giờ hẹn bắt đầu lúc " + describe(local)
                                + ". Vui lòng chọn một khung giờ trong danh sách.",
                        "No appointment time slot starts at " + describeEn(local)
                                + ". Please choose a time slot from the list."));
        if (slot.free() == 0) {
            throw new QueueError(
                    ErrorCode.SLOT_FULL,
                    "Khung giờ " + describe(local) + " đã hết chỗ. Vui lòng chọn khung giờ khác.",
                    "The time slot " + describeEn(local) + " is full. Please choose another time slot.");
        }
        return slot;
    }

    /** The slot of the day that begins at {@code start}, whatever its places, if the site offers one there. */
    public Optional<Slot> slotAt(String serviceCode, Instant start) {
        return site.service(serviceCode)
                .flatMap(service -> daySlots(service, calendar.localDay(start), Map.of()).stream()
                        .filter(s -> s.start().toInstant().equals(start))
                        .findFirst());
    }

    /** Every slot of the day, past ones included. */
    List<Slot> daySlots(ServiceConfig service, LocalDate day, Map<Instant, Integer> booked) {
        if (calendar.closureOn(day).isPresent()) {
            return List.of();
        }
        double placesPerMinute = placesPerMinute(service) * (1 - settings.walkInShare());
        List<Slot> slots = new ArrayList<>();
        for (Session session : site.openingHours().on(day.getDayOfWeek())) {
            LocalDateTime start = day.atTime(session.start());
            LocalDateTime stop = day.atTime(session.end()).minusMinutes(site.ticketCutoffMinutes());
            int offered = 0;
            for (int k = 1;
                    !start.plusMinutes((long) k * settings.slotMinutes()).isAfter(stop);
                    k++) {
                LocalDateTime slotStart = start.plusMinutes((long) (k - 1) * settings.slotMinutes());
                int cumulative = (int) Math.floor(placesPerMinute * k * settings.slotMinutes() + ROUNDING);
                ZonedDateTime zonedStart = slotStart.atZone(calendar.zone());
                slots.add(new Slot(
                        zonedStart,
                        zonedStart.plusMinutes(settings.slotMinutes()),
                        cumulative - offered,
                        booked.getOrDefault(zonedStart.toInstant(), 0)));
                offered = cumulative;
            }
        }
        return slots;
    }

    /** Each counter serving the service gives it an equal share of its time, at the service's expected minutes. */
    private double placesPerMinute(ServiceConfig service) {
        double expected = Math.max(1, service.expectedServiceTime().toSeconds()) / 60.0;
        double counters = 0;
        for (CounterConfig counter : site.countersServing(service.code())) {
            counters += 1.0 / counter.services().size();
        }
        return counters / expected;
    }

    private ServiceConfig bookableService(String serviceCode) {
        if (!settings.enabled()) {
            throw new QueueError(
                    ErrorCode.SLOT_UNAVAILABLE,
                    site.name() + " chưa nhận đặt lịch hẹn trực tuyến. Mời đến trực tiếp.",
                    site.name() + " does not take online appointments yet. Please come in person.");
        }
        return site.service(serviceCode)
                .orElseThrow(() -> new QueueError(
                        ErrorCode.UNKNOWN_SERVICE,
                        "Không có lĩnh vực \"" + serviceCode + "\" tại " + site.name() + ".",
                        "No service \"" + serviceCode + "\" at " + site.name() + "."));
    }

    private void checkDay(LocalDate day) {
        LocalDate today = today();
        if (day.isBefore(today)) {
            throw new QueueError(
                    ErrorCode.SLOT_UNAVAILABLE,
                    "Ngày " + DAY.format(day) + " đã qua.",
                    "The day " + DAY.format(day) + " is past.");
        }
        LocalDate last = today.plusDays(settings.daysAhead());
        if (day.isAfter(last)) {
            throw new QueueError(
                    ErrorCode.SLOT_UNAVAILABLE,
                    "Chỉ nhận đặt lịch đến hết ngày " + DAY.format(last) + " (" + settings.daysAhead() + " ngày tới).",
                    "Bookings are taken only up to " + DAY.format(last) + " (the next " + settings.daysAhead()
                            + " days).");
        }
        Optional<Closure> closure = calendar.closureOn(day);
        if (closure.isPresent()) {
            throw closed(
                    "Ngày " + DAY.format(day) + " trung tâm nghỉ ("
                            + closure.get().name() + ").",
                    "The centre is closed on " + DAY.format(day) + " ("
                            + closure.get().name() + ").",
                    day);
        }
        if (site.openingHours().on(day.getDayOfWeek()).isEmpty()) {
            throw closed(
                    "Ngày " + DAY.format(day) + " trung tâm không làm việc.",
                    "The centre does not work on " + DAY.format(day) + ".",
                    day);
        }
    }

    private QueueError closed(String reason, String reasonEn, LocalDate day) {
        return SiteCalendar.refusal(ErrorCode.SITE_CLOSED, reason, reasonEn, calendar.firstOpeningAfter(day));
    }

    private static String describe(ZonedDateTime time) {
        return TIME.format(time) + " ngày " + DAY.format(time);
    }

    private static String describeEn(ZonedDateTime time) {
        return TIME.format(time) + " on " + DAY.format(time);
    }
}
