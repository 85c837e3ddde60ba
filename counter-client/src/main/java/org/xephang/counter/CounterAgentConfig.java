package org.xephang.counter;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of a standalone counter agent (a JSON file, {@code xephang counter --config counter.json}):
 *
 * <pre>{@code
 * {
 *   "server": "http://10.0.0.2:8080",      // the queue server (--server overrides it)
 *   "site": "demo",
 *   "counters": [                           // the counters served from this PC, each with its devices (optional)
 *     { "counter": 3, "led": "led:ascii+serial:///dev/ttyUSB1?address=3", "keypad": "keypad:serial:///dev/ttyUSB2" },
 *     { "counter": 4, "keypad": "keypad:hid?keys=1,2,3" }   // a USB HID keypad, read in the counter page
 *   ],
 *   "printer": null,                        // a ticket printer for reprints at the counter
 *   "ratingWindowSeconds": 60,
 *   "host": "127.0.0.1", "port": 8082        // where the officer page is served
 * }
 * }</pre>
 *
 * A counter's {@code keypad} is a device URI (serial, JavaPOS, {@code sim:keypad}; see the device-drivers keypads)
 * or a USB HID keypad that types keys like a keyboard, read by the counter page while the ticket just completed there
 * awaits a rating: {@code "keypad:hid"} (or {@code "hid"}) for keys 1, 2, 3; {@code "keypad:hid?scale=5"} for keys 1
 * to 5; {@code "keypad:hid?keys=a,b,c"} for other keys, best first; {@code map=key:level,…} and {@code debounce=300ms}
 * as for the other keypads. Numpad digits count as the same digits; keys typed into a text field never rate.
 *
 * <p>Every problem is reported at once, each naming its key. Immutable.
 */
public record CounterAgentConfig(CounterOptions options, String host, int port) {

    /**
     * Reads and checks a configuration file.
     *
     * @param serverOverride the {@code --server} URL, or null to use the file's {@code server}
     * @throws IllegalArgumentException listing every problem, each naming its key
     * @throws IOException if the file cannot be read
     */
    public static CounterAgentConfig load(Path file, String serverOverride) throws IOException {
        JsonObject json;
        try {
            json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        return fromJson(json, serverOverride);
    }

    static CounterAgentConfig fromJson(JsonObject json, String serverOverride) {
        List<String> problems = new ArrayList<>();
        String server = serverOverride != null ? serverOverride : text(json, "server", problems);
        String host = json.getValue("host") == null ? "127.0.0.1" : text(json, "host", problems);
        int port = number(json, "port", 8082, problems);
        if (port < 0 || port > 65535) {
            problems.add("port: must be 0 to 65535, was " + port);
        }
        List<CounterOptions.DeskOptions> desks = new ArrayList<>();
        Object counters = json.getValue("counters");
        if (counters instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                String key = "counters[" + i + "]";
                if (!(array.getValue(i) instanceof JsonObject entry)) {
                    problems.add(key + ": must be an object {\"counter\": 3, \"led\": …, \"keypad\": …}");
                    continue;
                }
                desks.add(new CounterOptions.DeskOptions(
                        number(entry, "counter", -1, problems, key + ".counter"),
                        text(entry, "led", problems, key + ".led"),
                        text(entry, "keypad", problems, key + ".keypad")));
            }
        } else if (counters != null) {
            problems.add("counters: must be a list");
        }
        CounterOptions options = null;
        try {
            options = new CounterOptions(
                    server,
                    text(json, "site", problems),
                    desks,
                    text(json, "printer", problems),
                    Duration.ofSeconds(number(json, "ratingWindowSeconds", 60, problems)),
                    Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new CounterAgentConfig(options, host, port);
    }

    private static String text(JsonObject json, String key, List<String> problems) {
        return text(json, key, problems, key);
    }

    private static String text(JsonObject json, String key, List<String> problems, String name) {
        Object value = json.getValue(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        problems.add(name + ": must be a string");
        return null;
    }

    private static int number(JsonObject json, String key, int fallback, List<String> problems) {
        return number(json, key, fallback, problems, key);
    }

    private static int number(JsonObject json, String key, int fallback, List<String> problems, String name) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        problems.add(name + ": must be a number");
        return fallback;
    }
}
