package org.xephang.core.backend.lookup;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.regex.Pattern;
import org.xephang.api.VietnamTime;

/**
 * Reads the date formats the dossier systems use (docs/domain-vn.md §2), reading local times in the dossier system's zone
 * (Asia/Ho_Chi_Minh): {@code yyyyMMddHHmmss} and {@code yyyyMMdd} (DVCQG), ISO with an offset as {@code +07:00},
 * {@code +0700} or {@code Z} (iGate writes {@code 2026-11-25T17:00:00.000+0700}), ISO without offset, {@code
 * yyyy-MM-dd HH:mm:ss}, {@code dd/MM/yyyy HH:mm[:ss]}, {@code dd/MM/yyyy}, and epoch milliseconds. A date without a
 * time means the start of that day, or its end for a deadline ({@link #parseDeadline}).
 */
final class DossierDates {

    private static final Pattern COMPACT = Pattern.compile("\\d{14}");
    private static final Pattern COMPACT_DATE = Pattern.compile("\\d{8}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{11,13}");
    private static final DateTimeFormatter COMPACT_FORMAT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter COMPACT_DATE_FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final DateTimeFormatter ISO_WITH_ANY_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter();
    private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"),
            DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss"),
            DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm"),
            DateTimeFormatter.ofPattern("d/M/uuuu H:mm"));
    private static final List<DateTimeFormatter> LOCAL_DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd/MM/uuuu"),
            DateTimeFormatter.ofPattern("d/M/uuuu"));

    private DossierDates() {}

    /** Null for null or blank text; a date alone means the start of that day. */
    public static Instant parse(String field, String text) {
        return parse(field, text, false);
    }

    /** Like {@link #parse} but a date alone means the end of that day (an appointment "on the 25th"). */
    public static Instant parseDeadline(String field, String text) {
        return parse(field, text, true);
    }

    private static Instant parse(String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            if (COMPACT.matcher(value).matches()) {
                return LocalDateTime.parse(value, COMPACT_FORMAT)
                        .atZone(VietnamTime.ZONE)
                        .toInstant();
            }
            if (COMPACT_DATE.matcher(value).matches()) {
                return day(LocalDate.parse(value, COMPACT_DATE_FORMAT), endOfDay);
            }
            if (EPOCH_MILLIS.matcher(value).matches()) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
        } catch (DateTimeException e) {
            throw unreadable(field, e);
        }
        if (value.contains("T")) {
            try {
                var parsed = ISO_WITH_ANY_OFFSET.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
                return parsed instanceof OffsetDateTime offset
                        ? offset.toInstant()
                        : ((LocalDateTime) parsed).atZone(VietnamTime.ZONE).toInstant();
            } catch (DateTimeException e) {
                throw unreadable(field, e);
            }
        }
        for (DateTimeFormatter format : LOCAL_DATE_TIMES) {
            try {
                return LocalDateTime.parse(value, format)
                        .atZone(VietnamTime.ZONE)
                        .toInstant();
            } catch (DateTimeException tryNext) {
                // not this format; the next one may fit, and the end of the loop reports it
            }
        }
        for (DateTimeFormatter format : LOCAL_DATES) {
            try {
                return day(LocalDate.parse(value, format), endOfDay);
            } catch (DateTimeException tryNext) {
                // not this format; the next one may fit, and the end of the loop reports it
            }
        }
        throw unreadable(field, null);
    }

    /** Reads a JSON number as epoch milliseconds, or text as above. */
    static Instant parseValue(String field, Object value, boolean deadline) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        if (value instanceof String text) {
            return deadline ? parseDeadline(field, text) : parse(field, text);
        }
        throw DossierLookupException.malformed(
                field + ": expected a date, got " + value.getClass().getSimpleName());
    }

    private static Instant day(LocalDate date, boolean endOfDay) {
        return (endOfDay ? date.atTime(LocalTime.of(23, 59, 59)) : date.atStartOfDay())
                .atZone(VietnamTime.ZONE)
                .toInstant();
    }

    private static DossierLookupException unreadable(String field, Throwable cause) {
        return new DossierLookupException(DossierLookupException.Reason.MALFORMED, field + ": unreadable date", cause);
    }
}
