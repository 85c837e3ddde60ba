package org.xephang.core.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the nodes of a cluster tell each other, in two cluster-wide maps: the nodes that serve (node id → the base URL
 * other nodes forward requests to), and the owner of each site (site → node id, URL and lease epoch), written by the
 * node that took the site and removed when it gives it back. Entries of nodes that left the cluster are ignored: the
 * cluster manager's member list says who is alive. Any thread; the futures complete on a Vert.x thread.
 */
public final class ClusterDirectory {

    static final String NODES = "xephang.nodes";
    static final String OWNERS = "xephang.site-owners";
    /** Event-bus address of a site's configuration change (body: the site's code), published to every node. */
    public static final String CONFIG_CHANGED = "xephang.config.changed";

    /** A site's owner as published: the node id, its URL, the lease epoch it took the site with. */
    public record Owner(String node, String url, long epoch) {}

    private final Vertx vertx;
    private final ClusterManager manager;

    public ClusterDirectory(Vertx clustered) {
        this.vertx = clustered;
        this.manager = ((VertxInternal) clustered).clusterManager();
    }

    /** This node's id in the cluster. */
    public String self() {
        return manager.getNodeId();
    }

    /** The ids of the live members (the cluster manager's view). */
    public List<String> liveMembers() {
        return List.copyOf(manager.getNodes());
    }

    /** Announces that this node serves at {@code url}: from now on sites are placed on it. */
    public Future<Void> announce(String url) {
        return nodes().compose(map -> map.put(self(), url));
    }

    /** Withdraws this node from placement (before it stops): its sites go to the others. */
    public Future<Void> withdraw() {
        return nodes().compose(map -> map.remove(self())).mapEmpty();
    }

    /** The live members that announced they serve, with their URLs. */
    public Future<Map<String, String>> servingMembers() {
        List<String> live = liveMembers();
        return nodes().compose(AsyncMap::entries).map(entries -> {
            Map<String, String> serving = new java.util.TreeMap<>();
            entries.forEach((node, url) -> {
                if (live.contains(node)) {
                    serving.put(node, url);
                }
            });
            return serving;
        });
    }

    /** Publishes this node as the owner of {@code site}. */
    public Future<Void> owns(String site, String url, long epoch) {
        JsonObject entry = new JsonObject().put("node", self()).put("url", url).put("epoch", epoch);
        return owners().compose(map -> map.put(site, entry));
    }

    /** Removes this node's entry for {@code site} (an entry another node wrote since is kept). */
    public Future<Void> gaveUp(String site) {
        return owners().compose(map -> map.get(site).compose(entry -> {
            if (entry != null && self().equals(entry.getString("node"))) {
                return map.removeIfPresent(site, entry).mapEmpty();
            }
            return Future.succeededFuture();
        }));
    }

    /** The live owner of {@code site}, if a live node published that it owns it. */
    public Future<Optional<Owner>> owner(String site) {
        List<String> live = liveMembers();
        return owners().compose(map -> map.get(site)).map(entry -> {
            if (entry == null || !live.contains(entry.getString("node"))) {
                return Optional.empty();
            }
            return Optional.of(new Owner(entry.getString("node"), entry.getString("url"), entry.getLong("epoch")));
        });
    }

    /** Tells every node that a site's configuration changed in the store (its owner saved it). */
    public void configChanged(String site) {
        vertx.eventBus().publish(CONFIG_CHANGED, site);
    }

    /** Calls {@code listener} with the site's code on every node when its stored configuration changed. */
    public void onConfigChanged(java.util.function.Consumer<String> listener) {
        vertx.eventBus().<String>consumer(CONFIG_CHANGED, message -> listener.accept(message.body()));
    }

    /** Publishes the configuration this node runs now, for the check of nodes started later ({@link SiteConfigCheck}). */
    public Future<Void> publishConfiguration(org.xephang.core.site.CentreConfig config) {
        return SiteConfigCheck.publish(vertx, config);
    }

    private Future<AsyncMap<String, String>> nodes() {
        return vertx.sharedData().getAsyncMap(NODES);
    }

    private Future<AsyncMap<String, JsonObject>> owners() {
        return vertx.sharedData().getAsyncMap(OWNERS);
    }
}
