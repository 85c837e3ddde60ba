package org.xephang.board;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.xephang.api.ServerList;

/**
 * What a board page shows and where it reads from. Immutable.
 *
 * @param serverUrl the queue server's base URL ("http://10.0.0.5:8080"), or null when the page is served by the
 *     queue server itself (same origin, as in the demo)
 * @param site the site code, e.g. {@code demo}
 * @param language the page's first language: {@code vi} (default) or {@code en}
 * @param highlightSeconds how long the newest call stays highlighted (default 20)
 * @param notice a scrolling line that replaces the site's notice, or null to show the site's
 */
public record BoardOptions(String serverUrl, String site, String language, int highlightSeconds, String notice) {

    public BoardOptions {
        if (site == null || site.isBlank()) {
            throw new IllegalArgumentException("site must not be blank");
        }
        if (serverUrl != null && serverUrl.isBlank()) {
            serverUrl = null;
        }
        if (serverUrl != null) {
            String problem = ServerList.problem(serverUrl).orElse(null);
            if (problem != null) {
                throw new IllegalArgumentException("server: " + problem);
            }
            serverUrl = ServerList.normalise(serverUrl);
        }
        language = Objects.requireNonNullElse(language, "vi");
        if (!language.equals("vi") && !language.equals("en")) {
            throw new IllegalArgumentException("language must be vi or en, got: " + language);
        }
        if (highlightSeconds < 1 || highlightSeconds > 600) {
            throw new IllegalArgumentException("highlightSeconds must be between 1 and 600, got: " + highlightSeconds);
        }
    }

    /** A board of {@code site} served by the queue server itself, in Vietnamese, highlighting calls for 20 s. */
    public static BoardOptions sameOrigin(String site) {
        return new BoardOptions(null, site, "vi", 20, null);
    }

    /** A board of {@code site} reading from another server (the page needs that server's CORS). */
    public static BoardOptions remote(String serverUrl, String site) {
        return new BoardOptions(serverUrl, site, "vi", 20, null);
    }

    /** The {@code config.json} the page reads at start. */
    JsonObject pageConfig() {
        return new JsonObject()
                .put("server", serverUrl == null ? "" : serverUrl.replaceAll("/+$", ""))
                .put("site", site)
                .put("language", language)
                .put("highlightSeconds", highlightSeconds)
                .put("notice", notice)
                .put("clips", "clips/");
    }
}
