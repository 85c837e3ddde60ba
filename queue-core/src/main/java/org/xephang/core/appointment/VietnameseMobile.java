package org.xephang.core.appointment;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Vietnamese mobile number: ten digits starting 03, 05, 07, 08 or 09 (after the 2018 renumbering), also written
 * with +84 or 84 instead of the leading 0 and with spaces, dots or dashes. Pure. The number itself is personal data:
 * log and show only {@link #mask}.
 */
public final class VietnameseMobile {

    private static final Pattern MOBILE = Pattern.compile("0[35789]\\d{8}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()-]");

    private VietnameseMobile() {}

    /** The number in its national form ({@code 0912345678}), or empty when it is not a Vietnamese mobile number. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(typed.strip()).replaceAll("");
        if (digits.startsWith("+84")) {
            digits = "0" + digits.substring(3);
        } else if (digits.startsWith("84") && digits.length() == 11) {
            digits = "0" + digits.substring(2);
        }
        return MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    /** Only the last three digits show: {@code 0912345678} → {@code *******678}. */
    public static String mask(String number) {
        if (number == null || number.length() < 3) {
            return "***";
        }
        return "*".repeat(number.length() - 3) + number.substring(number.length() - 3);
    }
}
