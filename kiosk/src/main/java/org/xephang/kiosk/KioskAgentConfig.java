package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.xephang.agent.AgentConfigException;
import org.xephang.agent.StrictJsonConfig;

/**
 * The configuration of a standalone kiosk agent (a JSON file, {@code xephang kiosk --config kiosk.json}):
 *
 * <pre>{@code
 * {
 *   "server": "http://10.0.0.2:8080",        // the queue server, or a list of a cluster's nodes (--server overrides it)
 *   "site": "demo",
 *   "username": "kiosk1", "password": "…",   // the kiosk's device account (role KIOSK)
 *   "kioskId": "kiosk1",                     // in logs and device reports; default: the username
 *   "printer": "escpos:tcp://10.0.0.31:9100",
 *   "settingsPin": "2468",
 *   "homeTimeoutSeconds": 30,
 *   "host": "127.0.0.1", "port": 8081,        // where the touch page is served (the kiosk's own browser)
 *   "offlineJournal": "/var/lib/xephang/kiosk1-offline.jsonl"  // issue from leased numbers when the server is away
 * }
 * }</pre>
 *
 * Read strictly ({@link StrictJsonConfig}): every problem is reported at once, each naming its key, and an unknown
 * key is a problem. Immutable.
 *
 * @param host the interface the page is served on ({@code 127.0.0.1} by default: only the kiosk's own browser)
 * @param port its port (8081 by default; 0 picks a free one)
 */
public record KioskAgentConfig(KioskOptions options, String host, int port) {

    /**
     * Reads and checks a configuration file.
     *
     * @param serverOverride the {@code --server} URL, or null to use the file's {@code server}
     * @throws AgentConfigException listing every problem at once, each naming its key (unknown keys too)
     * @throws IOException if the file cannot be read
     */
    public static KioskAgentConfig load(Path file, String serverOverride) throws IOException {
        return read(StrictJsonConfig.read(file), serverOverride);
    }

    static KioskAgentConfig fromJson(JsonObject json, String serverOverride) {
        return read(StrictJsonConfig.of(json), serverOverride);
    }

    /** PINs anyone could guess: the demo's, and the first ones people try. */
    private static final java.util.Set<String> WELL_KNOWN_PINS = java.util.Set.of("0000", "1234", "1111");

    private static KioskAgentConfig read(StrictJsonConfig config, String serverOverride) {
        StrictJsonConfig.Node root = config.root()
                .allowOnly(
                        "server",
                        "site",
                        "username",
                        "password",
                        "kioskId",
                        "printer",
                        "scanner",
                        "settingsPin",
                        "homeTimeoutSeconds",
                        "host",
                        "port",
                        "offlineJournal");
        String server = root.servers("server", serverOverride);
        String username = root.textOrNumber("username", null);
        String kioskId = root.textOrNumber("kioskId", username);
        String host = root.text("host", "127.0.0.1");
        int port = root.integer("port", 8081);
        if (port < 0 || port > 65535) {
            root.child("port").problem("must be 0 to 65535, was " + port);
        }
        int homeTimeout = root.integer("homeTimeoutSeconds", 30);
        String settingsPin = root.textOrNumber("settingsPin", null);
        String offlineJournal = root.text("offlineJournal", null);
        if (settingsPin == null) {
            root.child("settingsPin").problem("is required: the PIN of the kiosk's settings screen (4–8 digits)");
        } else if (WELL_KNOWN_PINS.contains(settingsPin)) {
            root.child("settingsPin")
                    .problem("\"" + settingsPin + "\" is a well-known PIN (the demo's); choose one of your own");
        }
        KioskOptions options = null;
        try {
            options = new KioskOptions(
                    server,
                    root.text("site", null),
                    username,
                    root.textOrNumber("password", null),
                    kioskId,
                    root.text("printer", null),
                    root.text("scanner", null),
                    settingsPin == null ? "0000" : settingsPin,
                    Duration.ofSeconds(homeTimeout),
                    5,
                    Duration.ofMillis(250),
                    Duration.ofMinutes(10),
                    Clock.systemUTC(),
                    offlineJournal == null ? null : Path.of(offlineJournal));
        } catch (IllegalArgumentException e) {
            config.problem(e.getMessage());
        }
        config.check();
        return new KioskAgentConfig(options, host, port);
    }
}
