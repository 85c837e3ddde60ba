package org.xephang.core.site;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xephang.api.VietnamTime;
import org.xephang.core.site.OpeningHours.Session;

/**
 * The {@code sites[i]} keys of when a site is open: {@code timeZone}, {@code openingHours} (sessions per day) and
 * {@code holidays}; problems go to the shared {@link ConfigNode} collector with their keys.
 */
final class SiteScheduleSection {

    private static final Pattern SESSION = Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})");

    private static final Map<String, List<DayOfWeek>> DAY_KEYS = dayKeys();

    private SiteScheduleSection() {}

    static ZoneId zone(ConfigNode node) {
        String text = node.asText();
        if (text == null) {
            return VietnamTime.ZONE;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            node.problem("must be a time zone id such as Asia/Ho_Chi_Minh, got \"" + text + "\"");
            return VietnamTime.ZONE;
        }
    }

    /** Monday to Friday 07:30–11:30 and 13:30–17:00 when the section is missing. */
    static OpeningHours openingHours(ConfigNode node) {
        Map<DayOfWeek, List<Session>> sessions = new EnumMap<>(DayOfWeek.class);
        if (node.isMissing()) {
            List<Session> weekday = List.of(
                    new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)),
                    new Session(LocalTime.of(13, 30), LocalTime.of(17, 0)));
            for (DayOfWeek day : DAY_KEYS.get("weekdays")) {
                sessions.put(day, weekday);
            }
            return new OpeningHours(sessions);
        }
        if (!node.isMapping()) {
            return new OpeningHours(sessions);
        }
        node.allowOnly(DAY_KEYS.keySet().toArray(String[]::new));
        // "weekdays" first, so that a named day overrides it.
        List<String> keys = new ArrayList<>(DAY_KEYS.keySet());
        for (String key : keys) {
            List<ConfigNode> items = node.list(key, false);
            if (node.child(key).isMissing()) {
                continue;
            }
            List<Session> daySessions = new ArrayList<>();
            for (ConfigNode item : items) {
                Session session = session(item);
                if (session != null) {
                    if (!daySessions.isEmpty()
                            && session.start()
                                    .isBefore(daySessions
                                            .get(daySessions.size() - 1)
                                            .end())) {
                        item.problem("sessions must be in time order and must not overlap");
                    }
                    daySessions.add(session);
                }
            }
            for (DayOfWeek day : DAY_KEYS.get(key)) {
                sessions.put(day, daySessions);
            }
        }
        return new OpeningHours(sessions);
    }

    private static Session session(ConfigNode item) {
        String text = item.asText();
        Matcher matcher = text == null ? null : SESSION.matcher(text);
        if (matcher == null || !matcher.matches()) {
            item.problem("must be a session \"HH:MM-HH:MM\" such as \"07:30-11:30\", got "
                    + (text == null ? "nothing" : "\"" + text + "\""));
            return null;
        }
        try {
            LocalTime start = LocalTime.parse(pad(matcher.group(1)));
            LocalTime end = LocalTime.parse(pad(matcher.group(2)));
            if (!end.isAfter(start)) {
                item.problem("the session must end after it starts, got \"" + text + "\"");
                return null;
            }
            return new Session(start, end);
        } catch (DateTimeException e) {
            item.problem("not a valid time of day in \"" + text + "\" (00:00 to 23:59)");
            return null;
        }
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    static List<Closure> closures(ConfigNode site) {
        List<Closure> closures = new ArrayList<>();
        for (ConfigNode item : site.list("holidays", false)) {
            if (item.isScalar()) {
                LocalDate day = date(item);
                if (day != null) {
                    closures.add(new Closure(day, day, "ngày nghỉ lễ"));
                }
                continue;
            }
            if (!item.isMapping()) {
                continue;
            }
            item.allowOnly("date", "from", "to", "name");
            String name = item.text("name", "ngày nghỉ lễ");
            if (!item.child("date").isMissing()) {
                LocalDate day = date(item.child("date"));
                if (day != null) {
                    closures.add(new Closure(day, day, name));
                }
                continue;
            }
            LocalDate from = date(item.child("from"));
            LocalDate to = date(item.child("to"));
            if (from != null && to != null) {
                if (to.isBefore(from)) {
                    item.child("to").problem("must not be before from (" + from + ")");
                } else {
                    closures.add(new Closure(from, to, name));
                }
            }
        }
        return closures;
    }

    private static LocalDate date(ConfigNode node) {
        String text = node.asText();
        if (text == null) {
            node.problem("is required (a date YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            node.problem("must be a date YYYY-MM-DD such as 2026-09-02, got \"" + text + "\"");
            return null;
        }
    }

    private static Map<String, List<DayOfWeek>> dayKeys() {
        Map<String, List<DayOfWeek>> keys = new LinkedHashMap<>();
        keys.put(
                "weekdays",
                List.of(
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY));
        for (DayOfWeek day : DayOfWeek.values()) {
            keys.put(day.name().toLowerCase(Locale.ROOT), List.of(day));
        }
        return keys;
    }

    /** {@code ticketCutoffMinutes} must leave time to issue tickets in every session. */
    static void checkCutoff(ConfigNode node, OpeningHours hours, int cutoff) {
        for (DayOfWeek day : DayOfWeek.values()) {
            for (Session session : hours.on(day)) {
                if (Duration.between(session.start(), session.end()).toMinutes() <= cutoff) {
                    node.problem("leaves no time to issue tickets in the "
                            + day.name().toLowerCase(Locale.ROOT) + " session " + session
                            + "; it must be shorter than every session");
                    return;
                }
            }
        }
    }
}
