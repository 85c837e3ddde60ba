package org.xephang.core;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import org.xephang.core.cluster.ClusterDirectory;
import org.xephang.core.cluster.ClusterNode;
import org.xephang.core.cluster.ClusterQueue;
import org.xephang.core.cluster.SiteConfigCheck;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.site.CentreConfig;

/**
 * {@code xephang server --cluster}: joins the cluster, checks the sites' configuration against the live members, and
 * runs the node's {@link ClusterQueue} (the sites placed on it, the others forwarded) with a membership listener.
 * Blocking; called by {@link QueueServerMain}.
 */
final class ClusterWiring {

    /**
     * How long joining may take: Hazelcast tries the listed members that do not answer yet (nodes starting together
     * after a power cut, on a busy machine) before it forms the cluster alone.
     */
    static final java.time.Duration JOIN_TIMEOUT = java.time.Duration.ofSeconds(60);

    private ClusterWiring() {}

    /** Joins the cluster: a PostgreSQL store is required, a taken cluster port is a usage error. */
    static Vertx join(QueueServerMain.Settings settings) throws QueueServerMain.UsageException {
        if (!(settings.storeLocation() instanceof StoreLocation.Postgres)) {
            throw new QueueServerMain.UsageException(
                    "--cluster: the nodes of a cluster share one PostgreSQL store; give"
                            + " --store postgresql://HOST:PORT/DB?user=…");
        }
        try {
            return QueueServerMain.await(ClusterNode.start(settings.cluster()), "joining the cluster", JOIN_TIMEOUT);
        } catch (IllegalStateException cannotJoin) {
            throw new QueueServerMain.UsageException("--cluster-port "
                    + settings.cluster().port()
                    + ": cannot join the cluster on " + settings.cluster().nodeName() + " ("
                    + QueueServerMain.rootMessage(cannotJoin) + ")");
        }
    }

    /**
     * Refuses a configuration of a site (as stored: the store is the truth, issue #14) that differs from the one a live
     * member runs, naming the site and the keys.
     */
    static void checkSameConfiguration(Vertx clustered, CentreConfig stored, QueueServerMain.Settings settings)
            throws QueueServerMain.UsageException {
        try {
            QueueServerMain.await(
                    SiteConfigCheck.checkAndPublish(clustered, stored), "checking the sites' configuration");
        } catch (IllegalStateException differs) {
            throw new QueueServerMain.UsageException(settings.config() + ": " + QueueServerMain.rootMessage(differs));
        }
    }

    /** The handler of the HTTP API that forwards other nodes' sites, once {@code queue} is set. */
    static Function<org.xephang.core.auth.Authenticator, io.vertx.core.Handler<io.vertx.ext.web.RoutingContext>>
            forwarding(Vertx vertx, java.util.concurrent.atomic.AtomicReference<ClusterQueue> queue) {
        return auth -> new org.xephang.core.cluster.SiteForwarding(vertx, queue.get(), auth);
    }

    /**
     * Starts the node's notification sender over the messages of the sites it owns now, and attaches the engine of
     * every site it runs or takes (docs/adr/0034-messages-and-appointments-in-a-cluster.md).
     */
    static io.vertx.core.Future<Void> startNotifications(
            ClusterQueue node,
            org.xephang.core.backend.notify.NotificationBackend notifications,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        org.xephang.core.backend.notify.NotificationBackend.Engines engines =
                new org.xephang.core.backend.notify.NotificationBackend.Engines() {
                    @Override
                    public QueueService queue() {
                        return node;
                    }

                    @Override
                    public java.util.Optional<org.xephang.core.engine.QueueEngine> ofSite(String site) {
                        return node.engine(site);
                    }

                    @Override
                    public java.util.Optional<org.xephang.core.engine.QueueEngine> ofTicket(String ticketId) {
                        return node.engineOfTicket(ticketId);
                    }
                };
        return notifications
                .startOwnedSites(
                        engines,
                        node.store(),
                        node::ownedSites,
                        metrics,
                        () -> node.directory().liveMembers().size())
                .map(started -> {
                    node.onTaken(site -> {
                        node.engine(site).ifPresent(notifications::attach);
                        notifications.wake();
                    });
                    // The sites taken before the listener was added.
                    for (String site : node.ownedSites()) {
                        node.engine(site).ifPresent(notifications::attach);
                    }
                    return null;
                });
    }

    /**
     * Starts following the placement: the node announces its URL ({@code http://CLUSTER-HOST:PORT} when it listens on
     * every interface) and takes the sites placed on it; Hazelcast's membership events trigger a new placement at once.
     */
    static ClusterQueue startQueue(
            Vertx clustered,
            CentreConfig config,
            Store store,
            QueueServerMain.Settings settings,
            EngineOptions options,
            QueueServer server)
            throws SQLException {
        String url = LanAddress.isEveryInterface(settings.host())
                ? server.localUrl()
                        .replaceFirst("://[^/]+:", "://" + settings.cluster().host() + ":")
                : server.localUrl();
        ClusterQueue queue = new ClusterQueue(
                config,
                store,
                options,
                settings.cluster().nodeName(),
                QueueServerMain.SITE_LEASE_TTL,
                settings.cluster().holdBack(),
                Clock.systemUTC(),
                new ClusterDirectory(clustered),
                url);
        HazelcastClusterManager manager = (HazelcastClusterManager) ((VertxInternal) clustered).clusterManager();
        UUID registration = manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                queue.membershipChanged();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                queue.membershipChanged();
            }
        });
        queue.onClose(() -> manager.getHazelcastInstance().getCluster().removeMembershipListener(registration));
        queue.start();
        return queue;
    }
}
