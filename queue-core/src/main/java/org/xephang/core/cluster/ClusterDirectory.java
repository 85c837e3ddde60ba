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
import java.util.concurrent.TimeUnit;

/**
 * What the nodes of a cluster tell each other, in two cluster-wide maps: the nodes that serve (node id → the base URL
 * other nodes forward requests to), and the owner of each site (site → node id, URL and lease epoch), written by the
 * node that took the site and removed when it gives it back. Entries of nodes that left the cluster are ignored: the
 * cluster manager's member list says who is alive. Any thread; the futures complete on a Vert.x thread.
 */
public final class ClusterDirectory {

    static final String NODES = "xephang.nodes";
    static final String OWNERS = "xephang.site-owners";
    /** The serving nodes that have been up long enough to be given sites other nodes run ({@link HoldBack}). */
    static final String SETTLED = "xephang.nodes-settled";
    /** Event-bus address of a site given back (body: the site's code): the node placed on it takes it at once. */
    static final String RELEASED = "xephang.site.released";
    /**
     * Event-bus address of a change of a site's owner (body: {@code {"site", "owner": entry or absent}}): every node
     * keeps the owners it learnt in memory, so forwarding a request needs no round trip to the cluster's map.
     */
    static final String OWNER_CHANGED = "xephang.site.owner";
    /** Event-bus address of a site's configuration change (body: the site's code), published to every node. */
    public static final String CONFIG_CHANGED = "xephang.config.changed";

    /**
     * A site's owner as published: the node id, its URL, the lease epoch it took the site with and the owner id of that
     * lease ({@code site_lease.owner}; empty when published by an older node).
     */
    public record Owner(String node, String url, long epoch, String lease) {}

    private final Vertx vertx;
    private final ClusterManager manager;
    /** The owners as last read from the map or announced on the event bus (site → owner), live or not. */
    private final Map<String, Owner> known = new java.util.concurrent.ConcurrentHashMap<>();

    public ClusterDirectory(Vertx clustered) {
        this.vertx = clustered;
        this.manager = ((VertxInternal) clustered).clusterManager();
        vertx.eventBus().<JsonObject>consumer(OWNER_CHANGED, message -> {
            JsonObject body = message.body();
            JsonObject entry = body.getJsonObject("owner");
            if (entry == null) {
                known.computeIfPresent(
                        body.getString("site"),
                        (site, owner) -> owner.node().equals(body.getString("node")) ? null : owner);
            } else {
                known.put(body.getString("site"), owner(entry));
            }
        });
    }

    /**
     * The live owner of {@code site} as this node knows it now (the map as read at the last placement check, and the
     * changes announced since): no round trip, for forwarding. Empty when none is known.
     */
    public Optional<Owner> knownOwner(String site) {
        Owner owner = known.get(site);
        if (owner == null || !manager.getNodes().contains(owner.node())) {
            return Optional.empty();
        }
        return Optional.of(owner);
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
        return nodes().compose(map -> map.remove(self()))
                .compose(removed -> settledMap().compose(map -> map.remove(self())))
                .mapEmpty();
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

    /** Publishes this node as the owner of {@code site}, with the lease ({@code site_lease.owner}, epoch) it holds. */
    public Future<Void> owns(String site, String url, String lease, long epoch) {
        JsonObject entry = new JsonObject()
                .put("node", self())
                .put("url", url)
                .put("epoch", epoch)
                .put("lease", lease);
        // Told first, then stored: the map's write may wait for a partition migration (a member joined or left).
        known.put(site, owner(entry));
        vertx.eventBus()
                .publish(OWNER_CHANGED, new JsonObject().put("site", site).put("owner", entry));
        return owners().compose(map -> map.put(site, entry));
    }

    /** Removes this node's entry for {@code site} (an entry another node wrote since is kept). */
    public Future<Void> gaveUp(String site) {
        String self = self();
        known.computeIfPresent(site, (s, owner) -> owner.node().equals(self) ? null : owner);
        vertx.eventBus()
                .publish(OWNER_CHANGED, new JsonObject().put("site", site).put("node", self));
        return owners().compose(map -> map.get(site).compose(entry -> {
            if (entry != null && self.equals(entry.getString("node"))) {
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
            return Optional.of(owner(entry));
        });
    }

    /**
     * The published owner of {@code site} when the membership dropped that node (killed, cut off): the lease it held,
     * which a taker may take without waiting for it to run out (docs/adr/0033-takeover-without-waiting-the-lease.md).
     */
    public Future<Optional<Owner>> goneOwner(String site) {
        List<String> live = liveMembers();
        return owners().compose(map -> map.get(site)).map(entry -> {
            if (entry == null || live.contains(entry.getString("node"))) {
                return Optional.empty();
            }
            return Optional.of(owner(entry));
        });
    }

    /** Every published owner, live or not (site → owner): one read of the map for a whole placement check. */
    public Future<Map<String, Owner>> publishedOwners() {
        return owners().compose(AsyncMap::entries).map(entries -> {
            Map<String, Owner> owners = new java.util.TreeMap<>();
            entries.forEach((site, entry) -> owners.put(site, owner(entry)));
            known.keySet().retainAll(owners.keySet());
            known.putAll(owners);
            return owners;
        });
    }

    private static Owner owner(JsonObject entry) {
        return new Owner(
                entry.getString("node"), entry.getString("url"), entry.getLong("epoch"), entry.getString("lease", ""));
    }

    /** Records that this node has been up long enough to be given sites other nodes run ({@link HoldBack}). */
    public Future<Void> settled() {
        return settledMap().compose(map -> map.put(self(), Boolean.TRUE));
    }

    /** The live members that announced they {@linkplain #settled settled}. */
    public Future<java.util.Set<String>> settledMembers() {
        List<String> live = liveMembers();
        return settledMap().compose(AsyncMap::keys).map(keys -> {
            java.util.Set<String> settled = new java.util.TreeSet<>(keys);
            settled.retainAll(live);
            return settled;
        });
    }

    /** Tells every node that this node gave {@code site} back (its lease is free now). */
    public void released(String site) {
        vertx.eventBus().publish(RELEASED, site);
    }

    /** Calls {@code listener} with the site's code when a node gave a site back. */
    public void onReleased(java.util.function.Consumer<String> listener) {
        vertx.eventBus().<String>consumer(RELEASED, message -> listener.accept(message.body()));
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

    private Future<AsyncMap<String, Boolean>> settledMap() {
        return vertx.sharedData().getAsyncMap(SETTLED);
    }

    private Future<AsyncMap<String, JsonObject>> owners() {
        return vertx.sharedData().getAsyncMap(OWNERS);
    }

    /** A directory answer, waited for at most 10 s (the placement thread's): a failure or a timeout throws. */
    static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", interrupted);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failed) {
            throw new IllegalStateException(what + " failed", failed);
        }
    }
}
