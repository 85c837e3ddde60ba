package org.xephang.kiosk;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of a standalone kiosk agent (a JSON file, {@code xephang kiosk --config kiosk.json}):
 *
 * <pre>{@code
 * {
 *   "server": "http://10.0.0.2:8080",        // the queue server (--server overrides it)
 *   "site": "demo",
 *   "username": "kiosk1", "password": "…",   // the kiosk's device account (role KIOSK)
 *   "kioskId": "kiosk1",                     // in logs and device reports; default: the username
 *   "printer": "escpos:tcp://10.0.0.31:9100",
 *   "settingsPin": "2468",
 *   "homeTimeoutSeconds": 30,
 *   "host": "127.0.0.1", "port": 8081         // where the touch page is served (the kiosk's own browser)
 * }
 * }</pre>
 *
 * Every problem is reported at once, each naming its key. Immutable.
 *
 * @param host the interface the page is served on ({@code 127.0.0.1} by default: only the kiosk's own browser)
 * @param port its port (8081 by default; 0 picks a free one)
 */
public record KioskAgentConfig(KioskOptions options, String host, int port) {

    /**
     * Reads and checks a configuration file.
     *
     * @param serverOverride the {@code --server} URL, or null to use the file's {@code server}
     * @throws IllegalArgumentException listing every problem, each naming its key
     * @throws IOException if the file cannot be read
     */
    public static KioskAgentConfig load(Path file, String serverOverride) throws IOException {
        JsonObject json;
        try {
            json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        return fromJson(json, serverOverride);
    }

    static KioskAgentConfig fromJson(JsonObject json, String serverOverride) {
        List<String> problems = new ArrayList<>();
        String server = serverOverride != null ? serverOverride : text(json, "server", problems);
        String username = text(json, "username", problems);
        String kioskId = json.getValue("kioskId") == null ? username : text(json, "kioskId", problems);
        String host = json.getValue("host") == null ? "127.0.0.1" : text(json, "host", problems);
        int port = number(json, "port", 8081, problems);
        if (port < 0 || port > 65535) {
            problems.add("port: must be 0 to 65535, was " + port);
        }
        int homeTimeout = number(json, "homeTimeoutSeconds", 30, problems);
        KioskOptions options = null;
        try {
            options = new KioskOptions(
                    server,
                    text(json, "site", problems),
                    username,
                    text(json, "password", problems),
                    kioskId,
                    text(json, "printer", problems),
                    text(json, "scanner", problems),
                    json.getValue("settingsPin") == null ? "0000" : text(json, "settingsPin", problems),
                    Duration.ofSeconds(homeTimeout),
                    5,
                    Duration.ofMillis(250),
                    Duration.ofMinutes(10),
                    java.time.Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new KioskAgentConfig(options, host, port);
    }

    private static String text(JsonObject json, String key, List<String> problems) {
        Object value = json.getValue(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number) {
            return value.toString();
        }
        problems.add(key + ": must be a string");
        return null;
    }

    private static int number(JsonObject json, String key, int fallback, List<String> problems) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        problems.add(key + ": must be a number");
        return fallback;
    }
}
