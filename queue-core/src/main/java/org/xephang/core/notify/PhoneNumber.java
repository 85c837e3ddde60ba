package org.xephang.core.notify;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * A Vietnamese mobile number a citizen left for notifications, normalised. Accepted: the ten-digit national form
 * starting {@code 03}, {@code 05}, {@code 07}, {@code 08} or {@code 09} ({@code 0912345678}), and the international
 * forms {@code +84912345678}, {@code 84912345678} and {@code +84 0912345678}; spaces, dots, dashes and parentheses
 * between the digits are ignored. Landlines, short codes and anything else are refused.
 *
 * <p>Personal data: {@link #toString()} is {@link #masked()}, so a number that reaches a log by accident shows only its
 * last three digits. Immutable and thread-safe.
 */
public final class PhoneNumber {

    /** The mobile prefixes since the 2018 renumbering (Thông tư 22/2014, Quyết định 798/QĐ-BTTTT). */
    static final Set<Character> MOBILE_SECOND_DIGITS = Set.of('3', '5', '7', '8', '9');

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()]");
    private static final Pattern DIGITS = Pattern.compile("\\+?\\d{9,13}");
    private static final int NATIONAL_LENGTH = 10;
    private static final int SHOWN_DIGITS = 3;

    private final String national;

    private PhoneNumber(String national) {
        this.national = national;
    }

    /** The normalised number, or empty when {@code input} is not a Vietnamese mobile number. */
    public static Optional<PhoneNumber> parse(String input) {
        if (input == null || input.length() > 32) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(input.strip()).replaceAll("");
        if (!DIGITS.matcher(compact).matches()) {
            return Optional.empty();
        }
        String national;
        if (compact.startsWith("+84")) {
            national = nationalOf(compact.substring(3));
        } else if (compact.startsWith("84") && compact.length() == NATIONAL_LENGTH + 1) {
            national = nationalOf(compact.substring(2));
        } else if (compact.startsWith("0")) {
            national = compact;
        } else {
            return Optional.empty();
        }
        if (national.length() != NATIONAL_LENGTH
                || national.charAt(0) != '0'
                || !MOBILE_SECOND_DIGITS.contains(national.charAt(1))) {
            return Optional.empty();
        }
        return Optional.of(new PhoneNumber(national));
    }

    /**
     * The normalised number, or a {@link QueueError} INVALID_REQUEST with a Vietnamese message fit for the citizen.
     */
    public static PhoneNumber require(String input) {
        return parse(input)
                .orElseThrow(
                        () -> new QueueError(
                                ErrorCode.INVALID_REQUEST,
                                "Số điện thoại không hợp lệ: cần số di động Việt Nam gồm 10 chữ số bắt đầu bằng 03, 05, 07,"
                                        + " 08 hoặc 09 (hoặc dạng +84).",
                                "Invalid phone number: a Vietnamese mobile number of 10 digits starting with 03, 05, 07, 08 or 09 is needed (or the +84 form)."));
    }

    /** A number after {@code +84}: the nine digits, or (a common slip) a leading 0 and the nine digits. */
    private static String nationalOf(String afterCountryCode) {
        return afterCountryCode.startsWith("0") ? afterCountryCode : "0" + afterCountryCode;
    }

    /** The ten-digit national form, {@code 0912345678}. */
    public String national() {
        return national;
    }

    /** E.164, {@code +84912345678}. */
    public String e164() {
        return "+84" + national.substring(1);
    }

    /** The international digits without a plus, {@code 84912345678}: what SMS gateways and Zalo ZNS expect. */
    public String msisdn() {
        return "84" + national.substring(1);
    }

    /** Only the last three digits shown, {@code *******678}: the only form for logs, screens and public answers. */
    public String masked() {
        return "*".repeat(NATIONAL_LENGTH - SHOWN_DIGITS) + national.substring(NATIONAL_LENGTH - SHOWN_DIGITS);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhoneNumber that && national.equals(that.national);
    }

    @Override
    public int hashCode() {
        return national.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
