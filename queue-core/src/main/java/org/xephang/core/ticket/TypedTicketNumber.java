package org.xephang.core.ticket;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ticket number as an officer types it to call a specific ticket ("Gọi số cụ thể"): spaces and case do not matter
 * and leading zeros are optional, so {@code "a12"}, {@code " A 012"} and {@code "A0012"} all mean the printed
 * {@code A012} (numbers are the service's one-letter prefix and the day's sequence, zero-padded on paper).
 *
 * @param prefix the service letter, upper-case
 * @param sequence the number within the day
 */
public record TypedTicketNumber(char prefix, int sequence) {

    private static final int MAX_DIGITS = 9;
    private static final Pattern TYPED = Pattern.compile("([A-Z])(\\d{1," + MAX_DIGITS + "})");
    private static final Pattern PRINTED = Pattern.compile("([A-Z])(\\d+)");

    /** The number read from what was typed, or empty when it is not a letter followed by 1 to 9 digits. */
    public static Optional<TypedTicketNumber> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        Matcher matcher = TYPED.matcher(typed.replaceAll("\\s+", "").toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TypedTicketNumber(matcher.group(1).charAt(0), Integer.parseInt(matcher.group(2))));
    }

    /** Whether a printed number ({@code A012}, {@code A1023}) is this one. */
    public boolean matches(String printed) {
        Matcher matcher = PRINTED.matcher(printed);
        return matcher.matches()
                && matcher.group(1).charAt(0) == prefix
                && matcher.group(2).length() <= MAX_DIGITS
                && Integer.parseInt(matcher.group(2)) == sequence;
    }

    /** The letter and the value without padding ({@code A12}), for messages. */
    @Override
    public String toString() {
        return prefix + Integer.toString(sequence);
    }
}
