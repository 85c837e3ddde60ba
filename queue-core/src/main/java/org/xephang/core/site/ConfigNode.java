package org.xephang.core.site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A position in the parsed YAML tree with its key path ({@code sites[0].services[2].prefix}). Every reader records a
 * problem instead of throwing, so the loader reports all problems at once.
 */
final class ConfigNode {

    private final String path;
    private final Object value;
    private final List<String> problems;

    ConfigNode(String path, Object value, List<String> problems) {
        this.path = path;
        this.value = value;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    boolean isScalar() {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    boolean isMissing() {
        return value == null;
    }

    void problem(String message) {
        problems.add((path.isEmpty() ? "(root)" : path) + ": " + message);
    }

    ConfigNode child(String key) {
        Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
        return new ConfigNode(path.isEmpty() ? key : path + "." + key, child, problems);
    }

    /** Records a problem for each key not in {@code allowed} (catches typos such as {@code servces}). */
    void allowOnly(String... allowed) {
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        Set<String> known = Set.of(allowed);
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                child(String.valueOf(key))
                        .problem("unknown key; allowed here: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** Whether this node is a mapping; records a problem when it is present but not one. */
    boolean isMapping() {
        if (value instanceof Map<?, ?>) {
            return true;
        }
        if (value != null) {
            problem("must be a mapping of keys to values, got " + describe(value));
        }
        return false;
    }

    List<ConfigNode> list(String key, boolean required) {
        ConfigNode node = child(key);
        if (node.value == null) {
            if (required) {
                node.problem("is required (a list)");
            }
            return List.of();
        }
        if (!(node.value instanceof List<?> items)) {
            node.problem("must be a list, got " + describe(node.value));
            return List.of();
        }
        List<ConfigNode> nodes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            nodes.add(new ConfigNode(node.path + "[" + i + "]", items.get(i), problems));
        }
        return nodes;
    }

    /** This node's value as text (numbers and booleans are accepted as their text), or null when missing. */
    String asText() {
        if (value == null) {
            return null;
        }
        if (value instanceof String text
                && text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
            // Texts reach boards, LED frames (whose start and end bytes are control characters), printers and SQL.
            problem("must not contain control characters (a zero byte, an escape, a bell…)");
            return null;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value).trim();
        }
        problem("must be a text, got " + describe(value));
        return null;
    }

    String text(String key, String defaultValue) {
        String text = child(key).asText();
        return text == null || text.isEmpty() ? defaultValue : text;
    }

    String requiredText(String key) {
        ConfigNode node = child(key);
        String text = node.asText();
        if (node.value == null || (text != null && text.isEmpty())) {
            node.problem("is required");
        }
        return text == null || text.isEmpty() ? null : text;
    }

    List<String> texts(String key) {
        return list(key, false).stream()
                .map(ConfigNode::asText)
                .filter(t -> t != null && !t.isEmpty())
                .toList();
    }

    Integer integer(String key, Integer defaultValue, int min, int max) {
        ConfigNode node = child(key);
        if (node.value == null) {
            return defaultValue;
        }
        if (node.value instanceof Integer || node.value instanceof Long) {
            long number = ((Number) node.value).longValue();
            if (number >= min && number <= max) {
                return (int) number;
            }
        }
        node.problem("must be a whole number from " + min + " to " + max + ", got " + describe(node.value));
        return defaultValue;
    }

    /** A number from 0 to 1 (a share), such as 0.5; whole 0 and 1 are accepted too. */
    double fraction(String key, double defaultValue) {
        ConfigNode node = child(key);
        if (node.value == null) {
            return defaultValue;
        }
        if (node.value instanceof Number number) {
            double share = number.doubleValue();
            if (share >= 0 && share <= 1) {
                return share;
            }
        }
        node.problem("must be a number from 0 to 1, such as 0.5, got " + describe(node.value));
        return defaultValue;
    }

    boolean bool(String key, boolean defaultValue) {
        ConfigNode node = child(key);
        if (node.value == null) {
            return defaultValue;
        }
        if (node.value instanceof Boolean b) {
            return b;
        }
        node.problem("must be true or false, got " + describe(node.value));
        return defaultValue;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        ConfigNode node = child(key);
        String text = node.asText();
        if (text == null) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        node.problem("must be one of "
                + Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))
                + ", got " + describe(node.value));
        return defaultValue;
    }

    static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }
}
