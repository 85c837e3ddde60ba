package org.xephang.api;

import java.time.Instant;

/** Small conversions shared by the hand-written JSON mappings. Instants travel as ISO-8601 UTC strings. */
final class Json {

    private Json() {}

    static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
