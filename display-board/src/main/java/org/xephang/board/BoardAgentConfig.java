package org.xephang.board;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xephang.board.led.LedAgent;

/**
 * The configuration of a standalone board agent (a JSON file, {@code xephang board --config board.json}):
 *
 * <pre>{@code
 * {
 *   "server": "http://10.0.0.2:8080",          // the queue server (--server overrides it)
 *   "site": "demo",
 *   "host": "0.0.0.0", "port": 8090,             // where the agent serves the board page
 *   "language": "vi", "highlightSeconds": 20, "notice": null,
 *   "agentId": "board1", "username": "board1", "password": "…", // optional: report LED status to the server
 *   "speaker": false,                          // true: also say the calls on this machine's sound card
 *   "leds": {
 *     "counters": [ { "counter": 1, "uri": "led:ascii+serial:///dev/ttyUSB0?address=1" } ],
 *     "summary": "ledsummary:ascii+serial:///dev/ttyUSB0?address=10&lines=6"
 *   }
 * }
 * }</pre>
 *
 * Every problem is reported at once, each naming its key. Immutable.
 */
public record BoardAgentConfig(
        String server,
        String site,
        String host,
        int port,
        String language,
        int highlightSeconds,
        String notice,
        List<LedAgent.Display> counterLeds,
        String summaryLed,
        String agentId,
        String username,
        String password,
        boolean speaker) {

    public BoardAgentConfig {
        counterLeds = List.copyOf(counterLeds);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "BoardAgentConfig[server=" + server + ", site=" + site + ", host=" + host + ", port=" + port
                + ", leds=" + counterLeds + ", summary=" + summaryLed + ", agentId=" + agentId + ", username="
                + username + ", speaker=" + speaker + "]";
    }

    /** What the LED agent drives, and whether (and as whom) it reports the devices' status. */
    public LedAgent.Settings ledSettings() {
        LedAgent.Settings settings = LedAgent.Settings.of(server, site, counterLeds, summaryLed);
        return username == null ? settings : settings.reportingAs(agentId, username, password);
    }

    /** The same configuration serving the page on another port. */
    public BoardAgentConfig withPort(int newPort) {
        return new BoardAgentConfig(
                server,
                site,
                host,
                newPort,
                language,
                highlightSeconds,
                notice,
                counterLeds,
                summaryLed,
                agentId,
                username,
                password,
                speaker);
    }

    /** The board page's options for this agent (the page reads the queue server across origins). */
    public BoardOptions boardOptions() {
        return new BoardOptions(server, site, language, highlightSeconds, notice);
    }

    /**
     * Reads and checks a configuration file.
     *
     * @param serverOverride the {@code --server} URL, or null to use the file's {@code server}
     * @throws IllegalArgumentException listing every problem, each naming its key
     * @throws IOException if the file cannot be read
     */
    public static BoardAgentConfig load(Path file, String serverOverride) throws IOException {
        JsonObject json;
        try {
            json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        return fromJson(json, serverOverride);
    }

    static BoardAgentConfig fromJson(JsonObject json, String serverOverride) {
        List<String> problems = new ArrayList<>();
        String server = serverOverride != null ? serverOverride : string(json, "server", null, problems);
        if (server == null || !server.matches("https?://\\S+")) {
            problems.add("server: must be an http:// or https:// URL (or give --server), was " + server);
        }
        String site = string(json, "site", null, problems);
        if (site == null || site.isBlank()) {
            problems.add("site: is required, e.g. \"demo\"");
        }
        String host = string(json, "host", "0.0.0.0", problems);
        int port = integer(json, "port", 8090, problems);
        if (port < 0 || port > 65535) {
            problems.add("port: must be 0 to 65535, was " + port);
        }
        String language = string(json, "language", "vi", problems);
        if (!"vi".equals(language) && !"en".equals(language)) {
            problems.add("language: must be vi or en, was " + language);
        }
        int highlightSeconds = integer(json, "highlightSeconds", 20, problems);
        if (highlightSeconds < 1 || highlightSeconds > 600) {
            problems.add("highlightSeconds: must be 1 to 600, was " + highlightSeconds);
        }
        String notice = string(json, "notice", null, problems);
        String agentId = string(json, "agentId", "board", problems);
        if (!agentId.matches("[A-Za-z0-9._-]{1,40}")) {
            problems.add("agentId: 1–40 letters, digits, '.', '_' or '-', was " + agentId);
        }
        String username = string(json, "username", null, problems);
        String password = string(json, "password", null, problems);
        boolean speaker = value(json, "speaker", Boolean.class, false, problems, "speaker", "true or false");
        if (username != null && password == null) {
            problems.add("password: is required with username");
        }
        List<LedAgent.Display> counterLeds = new ArrayList<>();
        String summary = null;
        Object leds = json.getValue("leds");
        if (leds instanceof JsonObject ledsJson) {
            summary = string(ledsJson, "summary", null, problems, "leds.summary");
            Object counters = ledsJson.getValue("counters");
            if (counters instanceof JsonArray array) {
                Set<Integer> seen = new HashSet<>();
                for (int i = 0; i < array.size(); i++) {
                    String key = "leds.counters[" + i + "]";
                    if (!(array.getValue(i) instanceof JsonObject entry)) {
                        problems.add(key + ": must be an object {\"counter\": 1, \"uri\": \"…\"}");
                        continue;
                    }
                    int counter = integer(entry, "counter", -1, problems, key + ".counter");
                    String uri = string(entry, "uri", null, problems, key + ".uri");
                    if (counter < 1) {
                        problems.add(key + ".counter: must be a counter number (1 or more)");
                    } else if (!seen.add(counter)) {
                        problems.add(key + ".counter: counter " + counter + " already has a display");
                    }
                    if (uri == null || uri.isBlank()) {
                        problems.add(key + ".uri: is required, e.g. led:ascii+serial:///dev/ttyUSB0?address=1");
                    }
                    counterLeds.add(new LedAgent.Display(counter, uri));
                }
            } else if (counters != null) {
                problems.add("leds.counters: must be a list");
            }
        } else if (leds != null) {
            problems.add("leds: must be an object with counters and summary");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new BoardAgentConfig(
                server,
                site,
                host,
                port,
                language,
                highlightSeconds,
                notice,
                counterLeds,
                summary,
                agentId,
                username,
                password,
                speaker);
    }

    private static String string(JsonObject json, String key, String fallback, List<String> problems) {
        return string(json, key, fallback, problems, key);
    }

    private static String string(JsonObject json, String key, String fallback, List<String> problems, String path) {
        return value(json, key, String.class, fallback, problems, path, "text");
    }

    private static int integer(JsonObject json, String key, int fallback, List<String> problems) {
        return integer(json, key, fallback, problems, key);
    }

    private static int integer(JsonObject json, String key, int fallback, List<String> problems, String path) {
        return value(json, key, Integer.class, fallback, problems, path, "a whole number");
    }

    /** The value at {@code key} if it has the type, the fallback if absent; a problem naming {@code path} if not. */
    private static <T> T value(
            JsonObject json, String key, Class<T> type, T fallback, List<String> problems, String path, String what) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        problems.add(path + ": must be " + what + ", was " + value);
        return fallback;
    }
}
