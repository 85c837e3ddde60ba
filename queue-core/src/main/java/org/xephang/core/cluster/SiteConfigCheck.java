package org.xephang.core.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.SiteConfig;

/**
 * Nodes of a cluster must run the same configuration of a site, or a takeover would silently change its services,
 * counters or hours. Every node publishes the configuration of its sites in a cluster-wide map; a node whose
 * configuration of a site differs from the one a live member published refuses to start, naming the site and the
 * keys that differ. Entries of members that left are ignored (and replaced).
 */
public final class SiteConfigCheck {

    static final String MAP = "xephang.site-config";

    /** A site's configuration differs from a live member's. */
    public static final class ConfigMismatchException extends RuntimeException {
        public ConfigMismatchException(String message) {
            super(message);
        }
    }

    private SiteConfigCheck() {}

    /** Checks every site of {@code config} against the live members, then publishes this node's. */
    public static Future<Void> checkAndPublish(Vertx clustered, CentreConfig config) {
        VertxInternal vertx = (VertxInternal) clustered;
        String self = vertx.clusterManager().getNodeId();
        List<String> live = vertx.clusterManager().getNodes();
        return clustered.sharedData().<String, JsonObject>getAsyncMap(MAP).compose(map -> {
            Future<Void> chain = Future.succeededFuture();
            for (SiteConfig site : config.sites()) {
                chain = chain.compose(ignored -> checkSite(map, site, self, live));
            }
            return chain;
        });
    }

    /**
     * Publishes this node's configuration of every site without checking (after a live change, issue #14, every node
     * applied the stored one): a node started later is checked against the new configuration.
     */
    public static Future<Void> publish(Vertx clustered, CentreConfig config) {
        String self = ((VertxInternal) clustered).clusterManager().getNodeId();
        return clustered.sharedData().<String, JsonObject>getAsyncMap(MAP).compose(map -> {
            Future<Void> chain = Future.succeededFuture();
            for (SiteConfig site : config.sites()) {
                JsonObject mine = new JsonObject().put("node", self).put("config", new JsonObject(describe(site)));
                chain = chain.compose(ignored -> map.put(site.code(), mine));
            }
            return chain;
        });
    }

    private static Future<Void> checkSite(
            AsyncMap<String, JsonObject> map, SiteConfig site, String self, Collection<String> live) {
        JsonObject mine = new JsonObject().put("node", self).put("config", new JsonObject(describe(site)));
        return map.get(site.code()).compose(theirs -> {
            if (theirs != null && !self.equals(theirs.getString("node")) && live.contains(theirs.getString("node"))) {
                List<String> differing = differences(
                        theirs.getJsonObject("config").getMap(),
                        mine.getJsonObject("config").getMap());
                if (!differing.isEmpty()) {
                    return Future.failedFuture(new ConfigMismatchException("site \"" + site.code() + "\": "
                            + String.join(", ", differing) + " differ(s) from the configuration another node of the"
                            + " cluster runs; give every node the same configuration of the site"));
                }
            }
            return map.put(site.code(), mine);
        });
    }

    static List<String> differences(Map<String, Object> theirs, Map<String, Object> mine) {
        List<String> keys = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(union(theirs.keySet(), mine.keySet()))) {
            if (!java.util.Objects.equals(theirs.get(key), mine.get(key))) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static Collection<String> union(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The site's configuration, key by key, in a form that is the same on every JVM (maps sorted by key). */
    static Map<String, Object> describe(SiteConfig site) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : SiteConfig.class.getRecordComponents()) {
            fields.put(component.getName(), canonical(value(component, site)));
        }
        return fields;
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException unreadable) {
            throw new IllegalStateException("cannot read " + component.getName(), unreadable);
        }
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Record record) {
            return record.getClass().getSimpleName() + "["
                    + java.util.Arrays.stream(record.getClass().getRecordComponents())
                            .map(c -> c.getName() + "=" + canonical(value(c, record)))
                            .collect(Collectors.joining(", "))
                    + "]";
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(SiteConfigCheck::canonical).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> entries) {
            Map<String, String> sorted = new TreeMap<>();
            entries.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        return String.valueOf(value);
    }
}
