package org.xephang.board;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xephang.agent.AgentConfigException;
import org.xephang.agent.StrictJsonConfig;
import org.xephang.board.led.LedAgent;

/**
 * The configuration of a standalone board agent (a JSON file, {@code xephang board --config board.json}):
 *
 * <pre>{@code
 * {
 *   "server": "http://10.0.0.2:8080",          // the queue server, or a list of a cluster's nodes (--server overrides it)
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
 * Read strictly ({@link StrictJsonConfig}): every problem is reported at once, each naming its key, and an unknown
 * key is a problem. Immutable.
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
     * @throws AgentConfigException listing every problem at once, each naming its key (unknown keys too)
     * @throws IOException if the file cannot be read
     */
    public static BoardAgentConfig load(Path file, String serverOverride) throws IOException {
        return read(StrictJsonConfig.read(file), serverOverride);
    }

    static BoardAgentConfig fromJson(JsonObject json, String serverOverride) {
        return read(StrictJsonConfig.of(json), serverOverride);
    }

    private static BoardAgentConfig read(StrictJsonConfig config, String serverOverride) {
        StrictJsonConfig.Node root = config.root()
                .allowOnly(
                        "server",
                        "site",
                        "host",
                        "port",
                        "language",
                        "highlightSeconds",
                        "notice",
                        "agentId",
                        "username",
                        "password",
                        "speaker",
                        "leds");
        String server = root.servers("server", serverOverride);
        String site = root.text("site", null);
        if (site == null || site.isBlank()) {
            root.child("site").problem("is required, e.g. \"demo\"");
        }
        String host = root.text("host", "0.0.0.0");
        int port = root.integer("port", 8090);
        if (port < 0 || port > 65535) {
            root.child("port").problem("must be 0 to 65535, was " + port);
        }
        String language = root.text("language", "vi");
        if (!"vi".equals(language) && !"en".equals(language)) {
            root.child("language").problem("must be vi or en, was " + language);
        }
        int highlightSeconds = root.integer("highlightSeconds", 20);
        if (highlightSeconds < 1 || highlightSeconds > 600) {
            root.child("highlightSeconds").problem("must be 1 to 600, was " + highlightSeconds);
        }
        String notice = root.text("notice", null);
        String agentId = root.text("agentId", "board");
        if (!agentId.matches("[A-Za-z0-9._-]{1,40}")) {
            root.child("agentId").problem("1–40 letters, digits, '.', '_' or '-', was " + agentId);
        }
        String username = root.text("username", null);
        String password = root.textOrNumber("password", null);
        boolean speaker = root.bool("speaker", false);
        if (username != null && password == null) {
            root.child("password").problem("is required with username");
        }
        List<LedAgent.Display> counterLeds = new ArrayList<>();
        String summary = null;
        StrictJsonConfig.Node leds = root.object("leds");
        if (leds != null) {
            leds.allowOnly("counters", "summary");
            summary = leds.text("summary", null);
            Set<Integer> seen = new HashSet<>();
            for (StrictJsonConfig.Node entry : leds.list("counters")) {
                if (!entry.isObject("an object {\"counter\": 1, \"uri\": \"…\"}")) {
                    continue;
                }
                entry.allowOnly("counter", "uri");
                int counter = entry.integer("counter", -1);
                String uri = entry.text("uri", null);
                if (counter < 1) {
                    entry.child("counter").problem("must be a counter number (1 or more)");
                } else if (!seen.add(counter)) {
                    entry.child("counter").problem("counter " + counter + " already has a display");
                }
                if (uri == null || uri.isBlank()) {
                    entry.child("uri").problem("is required, e.g. led:ascii+serial:///dev/ttyUSB0?address=1");
                }
                counterLeds.add(new LedAgent.Display(counter, uri));
            }
        }
        config.check();
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
}
