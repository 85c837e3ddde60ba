package org.xephang.api.announce;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One call announcement: the sentence as text (shown, logged, or given to a speech engine) and the clips a board plays
 * in order to say it (the chime once, then the sentence as many times as the site's {@code repeat}, with a {@code pause} between). Travels in
 * {@code ticket.called} and {@code ticket.recalled} events as {@code "announcement":{"text","clips":[…]}}. Immutable
 * and thread-safe.
 *
 * @param text the sentence once, e.g. "Xin mời công dân có số thứ tự A một nghìn không trăm hai mươi ba đến quầy số
 *     năm"
 * @param clips clip names (see {@link ClipNames}), e.g. {@code chime, phrase-xin-moi-cong-dan-co-so-thu-tu, letter-a,
 *     num-mot-nang, …}
 */
public record Announcement(String text, List<String> clips) {

    public Announcement {
        Objects.requireNonNull(text, "text");
        clips = List.copyOf(clips);
    }

    public JsonObject toJson() {
        return new JsonObject().put("text", text).put("clips", new JsonArray(clips));
    }

    public static Announcement fromJson(JsonObject json) {
        JsonArray clips = json.getJsonArray("clips", new JsonArray());
        return new Announcement(
                json.getString("text", ""), clips.stream().map(String::valueOf).toList());
    }
}
