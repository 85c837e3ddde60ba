package org.xephang.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/** Small conversions shared by the hand-written JSON mappings. Instants travel as ISO-8601 UTC strings. */
final class Json {

    private Json() {}

    static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
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
