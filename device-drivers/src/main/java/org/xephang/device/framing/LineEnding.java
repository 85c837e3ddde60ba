package org.xephang.device.framing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a line-oriented device (a scanner with a suffix, a keypad's line protocol) ends each line.
 *
 * <p>{@link #ANY} accepts CR, LF and CRLF, which is the safe choice when the device's setting is unknown.
 */
public enum LineEnding {
    /** Carriage return {@code 0x0D}. */
    CR,
    /** Line feed {@code 0x0A}. */
    LF,
    /** {@code 0x0D 0x0A}. */
    CRLF,
    /** Any of CR, LF or CRLF (a CR directly followed by LF ends one line, not two). */
    ANY;

    /**
     * Parses a URI parameter value such as {@code CR} or {@code crlf}.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static LineEnding parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("suffix must be one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ", not '" + value
                    + "'");
        }
    }

    /** The bytes a sender appends ({@link #ANY} sends CR). */
    public byte[] bytes() {
        return switch (this) {
            case CR, ANY -> new byte[] {'\r'};
            case LF -> new byte[] {'\n'};
            case CRLF -> new byte[] {'\r', '\n'};
        };
    }
}
