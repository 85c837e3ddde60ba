package org.xephang.agent;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.xephang.api.ServerList;

/**
 * A strict reader of an agent's JSON configuration, as strict and as clear as the server's YAML reader: every reader
 * records a problem naming its key path ({@code leds.counters[1].uri}) instead of throwing, unknown keys are refused
 * (catching typos such as {@code prnter}), and {@link #check()} reports every problem at once. Text is normalised to
 * Unicode NFC.
 *
 * <pre>{@code
 * StrictJsonConfig config = StrictJsonConfig.read(file);
 * StrictJsonConfig.Node root = config.root();
 * root.allowOnly("server", "site", "port");
 * int port = root.integer("port", 8081);
 * config.check(); // throws AgentConfigException listing every problem
 * }</pre>
 */
public final class StrictJsonConfig {

    private final List<String> problems = new ArrayList<>();
    private final Node root;

    private StrictJsonConfig(JsonObject json) {
        this.root = new Node("", json);
    }

    /** A reader of {@code json}. */
    public static StrictJsonConfig of(JsonObject json) {
        return new StrictJsonConfig(json);
    }

    /**
     * Reads a configuration file.
     *
     * @throws AgentConfigException if it is not a JSON object
     * @throws IOException if it cannot be read
     */
    public static StrictJsonConfig read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return new StrictJsonConfig(new JsonObject(text));
        } catch (DecodeException | ClassCastException e) {
            throw new AgentConfigException(List.of("not valid JSON (an object {…} is expected): " + e.getMessage()));
        }
    }

    public Node root() {
        return root;
    }

    /**
     * Records a problem that is not about one key (e.g. a check of the options as a whole: its problems joined with
     * {@code "; "}); a part about a key whose reader already recorded a problem ({@code server: …}) is not repeated.
     */
    public void problem(String problem) {
        for (String part : problem.split("; ")) {
            int colon = part.indexOf(": ");
            String key = colon > 0 ? part.substring(0, colon + 2) : null;
            boolean known =
                    problems.contains(part) || (key != null && problems.stream().anyMatch(p -> p.startsWith(key)));
            if (!known) {
                problems.add(part);
            }
        }
    }

    /** The problems recorded so far. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** @throws AgentConfigException listing every problem recorded, if there is any */
    public void check() {
        if (!problems.isEmpty()) {
            throw new AgentConfigException(problems);
        }
    }

    /** A position in the JSON tree with its key path. */
    public final class Node {

        private final String path;
        private final Object value;

        private Node(String path, Object value) {
            this.path = path;
            this.value = value;
        }

        public String path() {
            return path;
        }

        public boolean isMissing() {
            return value == null;
        }

        /** Records a problem about this key. */
        public void problem(String message) {
            problems.add((path.isEmpty() ? "(root)" : path) + ": " + message);
        }

        public Node child(String key) {
            Object child = value instanceof JsonObject object ? object.getValue(key) : null;
            return new Node(path.isEmpty() ? key : path + "." + key, child);
        }

        /** Records a problem for each key not in {@code allowed}. */
        public Node allowOnly(String... allowed) {
            if (value instanceof JsonObject object) {
                List<String> known = Arrays.asList(allowed);
                for (String key : object.fieldNames()) {
                    if (!known.contains(key)) {
                        child(key).problem("unknown key; allowed here: " + String.join(", ", new TreeSet<>(known)));
                    }
                }
            }
            return this;
        }

        /** Text at {@code key}, {@code fallback} when absent or null; a problem when it is not text. */
        public String text(String key, String fallback) {
            Object v = child(key).value;
            if (v == null) {
                return fallback;
            }
            if (v instanceof String s) {
                return Normalizer.normalize(s, Normalizer.Form.NFC);
            }
            child(key).problem("must be text, got " + describe(v));
            return fallback;
        }

        /** Like {@link #text} but a number is taken as its digits (a PIN or password written without quotes). */
        public String textOrNumber(String key, String fallback) {
            Object v = child(key).value;
            if (v instanceof Number number) {
                return number.toString();
            }
            return text(key, fallback);
        }

        /**
         * The queue servers at {@code key}: one URL as text, or the nodes of a cluster as a list of URLs (or as text
         * with commas). {@code override} (the {@code --server} option, commas allowed) wins over the file. Returns them
         * joined with commas, as {@link org.xephang.api.QueueClient#create} takes them, or null after recording a
         * problem.
         */
        public String servers(String key, String override) {
            Node child = child(key);
            String text;
            if (override != null) {
                text = override;
            } else if (child.value instanceof JsonArray array) {
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.getValue(i) instanceof String url)) {
                        new Node(child.path + "[" + i + "]", array.getValue(i))
                                .problem("must be an http:// or https:// URL, got " + describe(array.getValue(i)));
                        return null;
                    }
                    urls.add(url);
                }
                if (urls.isEmpty()) {
                    child.problem("must name at least one server, e.g. [\"http://10.0.0.11:8080\","
                            + " \"http://10.0.0.12:8080\"]");
                    return null;
                }
                text = String.join(",", urls);
            } else if (child.value == null || child.value instanceof String) {
                text = (String) child.value;
            } else {
                child.problem("must be a URL or a list of URLs, got " + describe(child.value));
                return null;
            }
            java.util.Optional<String> problem = ServerList.problem(text);
            if (problem.isPresent()) {
                child.problem(problem.get()); // the same words as the options' own check, so said once
                return null;
            }
            return ServerList.normalise(Normalizer.normalize(text, Normalizer.Form.NFC));
        }

        /** A whole number at {@code key}, {@code fallback} when absent; a problem when it is not one. */
        public int integer(String key, int fallback) {
            Object v = child(key).value;
            if (v == null) {
                return fallback;
            }
            if ((v instanceof Integer || v instanceof Long || v instanceof Short)
                    && ((Number) v).longValue() == ((Number) v).intValue()) {
                return ((Number) v).intValue();
            }
            child(key).problem("must be a whole number, got " + describe(v));
            return fallback;
        }

        /** true or false at {@code key}, {@code fallback} when absent; a problem otherwise. */
        public boolean bool(String key, boolean fallback) {
            Object v = child(key).value;
            if (v == null) {
                return fallback;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            child(key).problem("must be true or false, got " + describe(v));
            return fallback;
        }

        /** The object at {@code key}, or null when absent (a problem when it is something else). */
        public Node object(String key) {
            Node child = child(key);
            if (child.value == null) {
                return null;
            }
            if (!(child.value instanceof JsonObject)) {
                child.problem("must be an object {…}, got " + describe(child.value));
                return null;
            }
            return child;
        }

        /** The items of the list at {@code key} (none when absent; a problem when it is not a list). */
        public List<Node> list(String key) {
            Node child = child(key);
            if (child.value == null) {
                return List.of();
            }
            if (!(child.value instanceof JsonArray array)) {
                child.problem("must be a list […], got " + describe(child.value));
                return List.of();
            }
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                items.add(new Node(child.path + "[" + i + "]", array.getValue(i)));
            }
            return items;
        }

        /** Whether this node is an object; records {@code problem} when it is something else. */
        public boolean isObject(String expected) {
            if (value instanceof JsonObject) {
                return true;
            }
            problem("must be " + expected + ", got " + describe(value));
            return false;
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "text \"" + s + "\"";
        }
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof JsonArray) {
            return "a list";
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return value.toString();
    }
}
