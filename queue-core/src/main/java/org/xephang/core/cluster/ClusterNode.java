package org.xephang.core.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Starts a clustered Vert.x for a server node (docs/architecture.md §10, issue #16): the Hazelcast cluster manager gives
 * membership (who is alive) and the clustered event bus. Members find each other over TCP/IP from the configured list;
 * multicast is off. Hazelcast's own phone-home and shutdown hook are off too: the node's shutdown closes Vert.x,
 * which leaves the cluster.
 */
public final class ClusterNode {

    private ClusterNode() {}

    /** The Hazelcast configuration of a node: vert.x's defaults (its maps and locks) with our network. */
    static Config hazelcastConfig(ClusterOptions options) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName("xephang");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // A member killed or cut off leaves the member list within about 5 s, so its sites move within the 10 s target
        // (their leases run out in 6 s anyway; the lease, not this, keeps two nodes from writing one site).
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.port()).setPortAutoIncrement(false);
        network.setPublicAddress(options.nodeName());
        network.getInterfaces().setEnabled(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).clear();
        join.getTcpIpConfig().addMember(options.nodeName());
        options.members().forEach(member -> join.getTcpIpConfig().addMember(member.toString()));
        config.setProperty("hazelcast.local.localAddress", options.host());
        return config;
    }

    /** Joins the cluster (or starts it alone); the future fails when the cluster port cannot be bound. */
    public static Future<Vertx> start(ClusterOptions options) {
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(options));
        return Vertx.builder()
                .with(new VertxOptions()
                        .setEventBusOptions(
                                new EventBusOptions().setHost(options.host()).setPort(0)))
                .withClusterManager(manager)
                .buildClustered();
    }
}
