package org.xephang.core.site;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The opening sessions of each weekday (e.g. 07:30–11:30 and 13:30–17:00); a day without sessions is closed. */
public record OpeningHours(Map<DayOfWeek, List<Session>> sessions) {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final Map<DayOfWeek, String> DAY_NAMES = Map.of(
            DayOfWeek.MONDAY, "Thứ Hai",
            DayOfWeek.TUESDAY, "Thứ Ba",
            DayOfWeek.WEDNESDAY, "Thứ Tư",
            DayOfWeek.THURSDAY, "Thứ Năm",
            DayOfWeek.FRIDAY, "Thứ Sáu",
            DayOfWeek.SATURDAY, "Thứ Bảy",
            DayOfWeek.SUNDAY, "Chủ nhật");

    public OpeningHours {
        EnumMap<DayOfWeek, List<Session>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            copy.put(day, List.copyOf(sessions.getOrDefault(day, List.of())));
        }
        sessions = Map.copyOf(copy);
    }

    /** One opening session, {@code start} inclusive to {@code end} exclusive, within one day. */
    public record Session(LocalTime start, LocalTime end) {
        public Session {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("session ends before it starts: " + start + "-" + end);
            }
        }

        @Override
        public String toString() {
            return HH_MM.format(start) + "–" + HH_MM.format(end);
        }
    }

    public List<Session> on(DayOfWeek day) {
        return sessions.get(day);
    }

    /** The Vietnamese name of a weekday ("Thứ Hai" … "Chủ nhật"). */
    public static String dayName(DayOfWeek day) {
        return DAY_NAMES.get(day);
    }

    /**
     * Human-readable Vietnamese lines, consecutive days with the same sessions grouped: "Thứ Hai – Thứ Sáu: 07:30–11:30,
     * 13:30–17:00", "Thứ Bảy: 07:30–11:30", "Chủ nhật: nghỉ".
     */
    public List<String> describe() {
        return describe(OpeningHours::dayName, "nghỉ");
    }

    /** The same lines in English: "Monday – Friday: 07:30–11:30, 13:30–17:00", "Sunday: closed". */
    public List<String> describeInEnglish() {
        return describe(day -> day.getDisplayName(TextStyle.FULL, Locale.ENGLISH), "closed");
    }

    private List<String> describe(Function<DayOfWeek, String> dayName, String closed) {
        List<String> lines = new ArrayList<>();
        DayOfWeek first = DayOfWeek.MONDAY;
        DayOfWeek last = DayOfWeek.MONDAY;
        for (int i = 1; i <= 7; i++) {
            DayOfWeek day = i < 7 ? DayOfWeek.of(i + 1) : null;
            if (day != null && on(day).equals(on(first))) {
                last = day;
                continue;
            }
            String days = first == last ? dayName.apply(first) : dayName.apply(first) + " – " + dayName.apply(last);
            List<Session> list = on(first);
            String hours = list.isEmpty()
                    ? closed
                    : list.stream().map(Session::toString).collect(Collectors.joining(", "));
            lines.add(days + ": " + hours);
            if (day != null) {
                first = day;
                last = day;
            }
        }
        return lines;
    }
}
