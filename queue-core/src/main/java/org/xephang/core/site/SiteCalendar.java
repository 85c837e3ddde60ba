package org.xephang.core.site;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.site.OpeningHours.Session;

/**
 * When a site issues tickets: its opening sessions per weekday, minus closures, minus the ticket cut-off before each
 * session ends. All computed in the site's time zone. Pure: the caller passes the instant.
 */
public final class SiteCalendar {

    /** How far ahead {@link #nextOpening} looks before giving up (a site closed for over a year). */
    private static final int SEARCH_DAYS = 400;

    private static final DateTimeFormatter VIETNAMESE_TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("HH:mm 'on' dd/MM/yyyy");

    /** The field of a refusal that carries the next opening (ISO-8601 with offset), for kiosks to count down to. */
    public static final String NEXT_OPENING_FIELD = "nextOpening";

    private final ZoneId zone;
    private final OpeningHours hours;
    private final List<Closure> closures;
    private final int cutoffMinutes;

    public SiteCalendar(ZoneId zone, OpeningHours hours, List<Closure> closures, int cutoffMinutes) {
        this.zone = zone;
        this.hours = hours;
        this.closures = List.copyOf(closures);
        this.cutoffMinutes = cutoffMinutes;
    }

    public static SiteCalendar of(SiteConfig site) {
        return new SiteCalendar(site.timeZone(), site.openingHours(), site.closures(), site.ticketCutoffMinutes());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The site's local day of an instant: numbering resets when it changes. */
    public LocalDate localDay(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** The closure that covers a day, if any. */
    public Optional<Closure> closureOn(LocalDate day) {
        return closures.stream().filter(c -> c.contains(day)).findFirst();
    }

    /** Whether a kiosk may issue a ticket at this instant: inside a session, before its cut-off, not a closed day. */
    public boolean isIssuing(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (closureOn(day).isPresent()) {
            return false;
        }
        LocalDateTime time = local.toLocalDateTime();
        for (Session session : hours.on(day.getDayOfWeek())) {
            LocalDateTime start = day.atTime(session.start());
            LocalDateTime stop = issuingEnd(day, session);
            if (!time.isBefore(start) && time.isBefore(stop)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next instant at or after {@code at} when tickets are issued (the start of the next session on an open day whose
     * issuing window is not already over), or empty when nothing opens within a year.
     */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        ZonedDateTime now = at.atZone(zone);
        LocalDate day = now.toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (closureOn(day).isPresent()) {
                continue;
            }
            for (Session session : hours.on(day.getDayOfWeek())) {
                LocalDateTime start = day.atTime(session.start());
                LocalDateTime stop = issuingEnd(day, session);
                if (!stop.isAfter(start) || !stop.isAfter(now.toLocalDateTime())) {
                    continue;
                }
                LocalDateTime opening = start.isAfter(now.toLocalDateTime()) ? start : now.toLocalDateTime();
                return Optional.of(opening.atZone(zone));
            }
        }
        return Optional.empty();
    }

    /**
     * The first session of the first working day after {@code day} (weekends, holidays and closures skipped): when
     * numbering has started again and tickets are issued. Empty when nothing opens within a year.
     */
    public Optional<ZonedDateTime> firstOpeningAfter(LocalDate day) {
        return nextOpening(day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** A Vietnamese sentence for a refused ticket: "Ngoài giờ cấp số. Mời quay lại lúc 07:30 ngày 23/11/2026." */
    public String closedMessage(Instant at) {
        return closedRefusal(at).getMessage();
    }

    /** {@code SITE_CLOSED}: why (outside the hours, or the holiday's name) and when to come back. */
    public QueueError closedRefusal(Instant at) {
        String reason = closureOn(localDay(at))
                .map(c -> "Hôm nay trung tâm nghỉ (" + c.name() + ").")
                .orElse("Ngoài giờ cấp số thứ tự.");
        String reasonEn = closureOn(localDay(at))
                .map(c -> "The centre is closed today (" + c.name() + ").")
                .orElse("Outside the hours for taking numbers.");
        return refusal(ErrorCode.SITE_CLOSED, reason, reasonEn, nextOpening(at));
    }

    /**
     * A refusal that sends the person away until {@code next}: the reason, then "Mời quay lại lúc 07:30 ngày
     * 24/11/2026." (or "Chưa có lịch mở cửa tiếp theo." when nothing opens), with the instant in {@value
     * #NEXT_OPENING_FIELD}.
     */
    public static QueueError refusal(ErrorCode code, String reason, String reasonEn, Optional<ZonedDateTime> next) {
        String message = next.map(n -> reason + " Mời quay lại lúc " + VIETNAMESE_TIME.format(n) + ".")
                .orElse(reason + " Chưa có lịch mở cửa tiếp theo.");
        String messageEn = next.map(n -> reasonEn + " Please come back at " + ENGLISH_TIME.format(n) + ".")
                .orElse(reasonEn + " No next opening is scheduled yet.");
        Map<String, Object> details = next.<Map<String, Object>>map(
                        n -> Map.of(NEXT_OPENING_FIELD, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(n)))
                .orElse(Map.of());
        return QueueError.withDetails(code, message, messageEn, details);
    }

    private LocalDateTime issuingEnd(LocalDate day, Session session) {
        return day.atTime(session.end()).minusMinutes(cutoffMinutes);
    }

    /** Whether the weekday has any session (used by descriptions and tests). */
    public boolean opensOn(DayOfWeek day) {
        return !hours.on(day).isEmpty();
    }
}
