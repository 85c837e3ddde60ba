package org.xephang.api.announce;

import java.util.Locale;

/**
 * How the digits of a ticket number are read: as a whole number ("một nghìn không trăm hai mươi ba") or digit by digit
 * ("một không hai ba"). Counter numbers are always read as whole numbers. Immutable and thread-safe.
 */
public enum ReadingMode {
    /** As a number; leading zeros of a padded number are not spoken (A007 → "a bảy"). */
    WHOLE,
    /** Each printed digit in turn, leading zeros included (A007 → "a không không bảy"). */
    DIGITS;

    /** The name used in JSON, configuration and on the command line: {@code whole} or {@code digits}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code whole} or {@code digits} (any case).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static ReadingMode fromWireName(String name) {
        for (ReadingMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be whole or digits, got: " + name);
    }
}
