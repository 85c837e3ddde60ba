package org.xephang.device.led;

import java.text.Normalizer;

/**
 * What one LED display shows: a short line of printable ASCII, because LED boards have ASCII (or 7-segment) fonts.
 * Build it with {@link #number}, {@link #numberAtCounter}, {@link #text} (which folds Vietnamese to ASCII:
 * "Quầy 5 tạm dừng" becomes "Quay 5 tam dung") or {@link #blank}.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param text printable ASCII (0x20–0x7E), at most {@value #MAX_LENGTH} characters; empty means blank
 */
public record LedFrame(String text) {

    /** The longest text any of our codecs accepts; a codec may accept less (its display width). */
    public static final int MAX_LENGTH = 64;

    public LedFrame {
        if (text == null) {
            throw new IllegalArgumentException("LED text must not be null; use LedFrame.blank()");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "LED text is " + text.length() + " characters, more than the maximum of " + MAX_LENGTH);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(String.format(
                        "LED text must be printable ASCII; character U+%04X at index %d is not (use LedFrame.text"
                                + " to fold Vietnamese)",
                        (int) c, i));
            }
        }
    }

    /** A ticket number such as {@code A1023}. */
    public static LedFrame number(String ticketNumber) {
        return new LedFrame(fold(ticketNumber).strip());
    }

    /** A ticket number and the counter it is called to, shown as {@code "A1023 Q05"} (Q for quầy). */
    public static LedFrame numberAtCounter(String ticketNumber, int counter) {
        if (counter < 0 || counter > 999) {
            throw new IllegalArgumentException("counter must be 0..999, not " + counter);
        }
        return new LedFrame(fold(ticketNumber).strip() + " Q" + String.format("%02d", counter));
    }

    /** Any short text; Vietnamese letters are folded to ASCII and other characters outside ASCII become '?'. */
    public static LedFrame text(String text) {
        return new LedFrame(fold(text));
    }

    /** Nothing shown. */
    public static LedFrame blank() {
        return new LedFrame("");
    }

    /** Whether nothing is shown. */
    public boolean isBlank() {
        return text.isBlank();
    }

    /**
     * Folds Vietnamese (and other Latin) text to printable ASCII: diacritics removed, đ/Đ to d/D, control
     * characters and anything else outside ASCII to '?'.
     */
    static String fold(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LED text must not be null");
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (c == 'đ') {
                out.append('d');
            } else if (c == 'Đ') {
                out.append('D');
            } else if (c == '\t') {
                out.append(' ');
            } else if (c >= 0x20 && c <= 0x7E) {
                out.append(c);
            } else {
                out.append('?');
            }
        }
        return out.toString();
    }
}
