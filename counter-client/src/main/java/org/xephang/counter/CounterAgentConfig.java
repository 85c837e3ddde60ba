package org.xephang.counter;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xephang.agent.AgentConfigException;
import org.xephang.agent.DeviceReporter;
import org.xephang.agent.StrictJsonConfig;

/**
 * The configuration of a standalone counter agent (a JSON file, {@code xephang counter --config counter.json}):
 *
 * <pre>{@code
 * {
 *   "server": "http://10.0.0.2:8080",      // the queue server, or a list of a cluster's nodes (--server overrides it)
 *   "site": "demo",
 *   "counters": [                           // the counters served from this PC, each with its devices (optional)
 *     { "counter": 3, "led": "led:ascii+serial:///dev/ttyUSB1?address=3", "keypad": "keypad:serial:///dev/ttyUSB2" },
 *     { "counter": 4, "keypad": "keypad:hid?keys=1,2,3" }   // a USB HID keypad, read in the counter page
 *   ],
 *   "printer": null,                        // a ticket printer for reprints at the counter
 *   "ratingWindowSeconds": 60,
 *   "host": "127.0.0.1", "port": 8082,      // where the officer page is served
 *   "username": "pc3", "password": "…",     // optional: the PC's device account, to report its devices
 *   "agentId": "pc3"                         // optional: its id in the device registry (default: the username)
 * }
 * }</pre>
 *
 * A counter's {@code keypad} is a device URI (serial, JavaPOS, {@code sim:keypad}; see the device-drivers keypads)
 * or a USB HID keypad that types keys like a keyboard, read by the counter page while the ticket just completed there
 * awaits a rating: {@code "keypad:hid"} (or {@code "hid"}) for keys 1, 2, 3; {@code "keypad:hid?scale=5"} for keys 1
 * to 5; {@code "keypad:hid?keys=a,b,c"} for other keys, best first; {@code map=key:level,…} and {@code debounce=300ms}
 * as for the other keypads. Numpad digits count as the same digits; keys typed into a text field never rate.
 *
 * <p>Read strictly ({@link StrictJsonConfig}): every problem is reported at once, each naming its key, and an unknown
 * key is a problem. Immutable.
 */
public record CounterAgentConfig(CounterOptions options, String host, int port) {

    private static final String AGENT_ID = "[A-Za-z0-9._-]{1,40}";

    /**
     * Reads and checks a configuration file.
     *
     * @param serverOverride the {@code --server} URL, or null to use the file's {@code server}
     * @throws AgentConfigException listing every problem at once, each naming its key (unknown keys too)
     * @throws IOException if the file cannot be read
     */
    public static CounterAgentConfig load(Path file, String serverOverride) throws IOException {
        return read(StrictJsonConfig.read(file), serverOverride);
    }

    static CounterAgentConfig fromJson(JsonObject json, String serverOverride) {
        return read(StrictJsonConfig.of(json), serverOverride);
    }

    private static CounterAgentConfig read(StrictJsonConfig config, String serverOverride) {
        StrictJsonConfig.Node root = config.root()
                .allowOnly(
                        "server",
                        "site",
                        "counters",
                        "printer",
                        "ratingWindowSeconds",
                        "host",
                        "port",
                        "agentId",
                        "username",
                        "password");
        String server = root.servers("server", serverOverride);
        String host = root.text("host", "127.0.0.1");
        int port = root.integer("port", 8082);
        if (port < 0 || port > 65535) {
            root.child("port").problem("must be 0 to 65535, was " + port);
        }
        List<CounterOptions.DeskOptions> desks = new ArrayList<>();
        for (StrictJsonConfig.Node entry : root.list("counters")) {
            if (!entry.isObject("an object {\"counter\": 3, \"led\": …, \"keypad\": …}")) {
                continue;
            }
            entry.allowOnly("counter", "led", "keypad");
            desks.add(new CounterOptions.DeskOptions(
                    entry.integer("counter", -1), entry.text("led", null), entry.text("keypad", null)));
        }
        DeviceReporter.Account account = account(root);
        CounterOptions options = null;
        try {
            options = new CounterOptions(
                    server,
                    root.text("site", null),
                    desks,
                    root.text("printer", null),
                    Duration.ofSeconds(root.integer("ratingWindowSeconds", 60)),
                    Clock.systemUTC(),
                    account,
                    false);
        } catch (IllegalArgumentException e) {
            config.problem(e.getMessage());
        }
        config.check();
        return new CounterAgentConfig(options, host, port);
    }

    /**
     * The PC's device account ({@code "username"}, {@code "password"}, and {@code "agentId"}, by default the
     * username), or null when none is given: then the counter's devices are not reported to the server.
     */
    private static DeviceReporter.Account account(StrictJsonConfig.Node root) {
        String username = root.text("username", null);
        String password = root.textOrNumber("password", null);
        String agentId = root.text("agentId", username);
        if (username == null) {
            if (password != null || agentId != null) {
                root.child("username").problem("is required with password and agentId (the PC's device account)");
            }
            return null;
        }
        if (password == null) {
            root.child("password").problem("is required with username");
            return null;
        }
        if (!agentId.matches(AGENT_ID)) {
            root.child("agentId").problem("1–40 letters, digits, '.', '_' or '-', was " + agentId);
            return null;
        }
        return new DeviceReporter.Account(agentId, username, password);
    }
}
