package org.xephang.core.auth;

/**
 * Text from a request made safe for a log line: control characters (CR, LF, tab, escape…) become {@code \\uXXXX}, the
 * text is cut at {@link #MAX_LENGTH} characters and quoted, so input can never start a forged line.
 */
public final class LogText {

    static final int MAX_LENGTH = 64;

    private LogText() {}

    /** {@code "officer1"}, or {@code "x\\u000aINFO …"} for a name with a line break; {@code null} for null. */
    public static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8).append('"');
        int shown = 0;
        for (int i = 0; i < text.length() && shown < MAX_LENGTH; i++, shown++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_LENGTH) {
            out.append('…');
        }
        return out.append('"').toString();
    }
}
