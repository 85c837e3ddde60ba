package org.xephang.api;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/** Small conversions shared by the hand-written JSON mappings. Instants travel as ISO-8601 UTC strings. */
final class Json {

    private Json() {}

    /** The first second of the year 10000: later instants (and those before 1970) take {@link Instant#toString}. */
    private static final long YEAR_10000 = 253_402_300_800L;

    /**
     * Exactly {@link Instant#toString()} ({@code 2026-12-06T09:15:02.417Z}: the fraction in groups of three digits, none
     * when zero), written without its formatter: every ticket in every answer and event has up to five instants, and
     * the formatter's boxing and builders were 7 % of the server's allocation per issue
     * (docs/adr/0040-young-pauses-that-grow-with-the-day.md).
     */
    static String instant(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        byte[] out = new byte[30];
        // Days to a civil date (H. Hinnant's days_from_civil inverse, for days since 1970-01-01 ≥ 0).
        long z = seconds / 86_400 + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int secondOfDay = (int) (seconds % 86_400);
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int at = 19;
        if (nanos > 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(out, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1000 == 0) {
                digits(out, at, nanos / 1000, 6);
                at += 6;
            } else {
                digits(out, at, nanos, 9);
                at += 9;
            }
        }
        out[at++] = 'Z';
        return new String(out, 0, at, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** The fields of {@code json} named in {@code kept}, in their order. */
    static JsonObject only(JsonObject json, Set<String> kept) {
        JsonObject out = new JsonObject();
        json.forEach(field -> {
            if (kept.contains(field.getKey())) {
                out.put(field.getKey(), field.getValue());
            }
        });
        return out;
    }
}
