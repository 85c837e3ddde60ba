package org.xephang.core.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The keys that differ between two versions of a JSON document, as paths ({@code services[C].dailyCap}, {@code
 * counters[1].name}, {@code holidays}), for the audit log: what changed, never the values (a document may hold names
 * and numbers that are not the log's to copy). List items are named by their {@code code} or {@code number} when they
 * have one, else by position. At most {@value #MAX_PATHS} paths; more are counted.
 */
final class DocumentDiff {

    static final int MAX_PATHS = 40;
    private static final int MAX_DEPTH = 3;

    private DocumentDiff() {}

    static List<String> changedPaths(Map<String, Object> before, Map<String, Object> after) {
        List<String> paths = new ArrayList<>();
        compare("", before, after, 0, paths);
        if (paths.size() > MAX_PATHS) {
            int more = paths.size() - MAX_PATHS;
            List<String> cut = new ArrayList<>(paths.subList(0, MAX_PATHS));
            cut.add("… " + more + " more");
            return cut;
        }
        return paths;
    }

    private static void compare(String path, Object beforeValue, Object afterValue, int depth, List<String> paths) {
        Object before = plain(beforeValue);
        Object after = plain(afterValue);
        if (Objects.equals(before, after)) {
            return;
        }
        if (depth < MAX_DEPTH && before instanceof Map<?, ?> a && after instanceof Map<?, ?> b) {
            Set<Object> keys = new LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                compare(
                        path.isEmpty() ? String.valueOf(key) : path + "." + key,
                        a.get(key),
                        b.get(key),
                        depth + 1,
                        paths);
            }
            return;
        }
        if (depth < MAX_DEPTH && before instanceof List<?> a && after instanceof List<?> b && keyed(a) && keyed(b)) {
            Map<String, Object> byKeyA = new java.util.LinkedHashMap<>();
            a.forEach(item -> byKeyA.put(key((Map<?, ?>) plain(item)), item));
            Map<String, Object> byKeyB = new java.util.LinkedHashMap<>();
            b.forEach(item -> byKeyB.put(key((Map<?, ?>) plain(item)), item));
            Set<String> keys = new LinkedHashSet<>(byKeyA.keySet());
            keys.addAll(byKeyB.keySet());
            for (String key : keys) {
                compare(path + "[" + key + "]", byKeyA.get(key), byKeyB.get(key), depth + 1, paths);
            }
            return;
        }
        paths.add(path);
    }

    private static Object plain(Object value) {
        if (value instanceof io.vertx.core.json.JsonObject json) {
            return json.getMap();
        }
        if (value instanceof io.vertx.core.json.JsonArray json) {
            return json.getList();
        }
        return value;
    }

    private static boolean keyed(List<?> items) {
        return items.stream().allMatch(item -> plain(item) instanceof Map<?, ?> map && key(map) != null);
    }

    private static String key(Map<?, ?> item) {
        Object key = item.get("code") != null ? item.get("code") : item.get("number");
        return key == null ? null : String.valueOf(key);
    }
}
