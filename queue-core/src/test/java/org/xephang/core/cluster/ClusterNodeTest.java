package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.testkit.Poll;

/** Two nodes on 127.0.0.1 find each other from the member list (no multicast) and share the event bus. */
@Timeout(120)
class ClusterNodeTest {

    Vertx first;
    Vertx second;

    @AfterEach
    void leave() throws Exception {
        for (Vertx node : new Vertx[] {second, first}) {
            if (node != null) {
                node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static Vertx start(ClusterOptions options) throws Exception {
        return ClusterNode.start(options)
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    static ClusterManager manager(Vertx vertx) {
        return ((VertxInternal) vertx).clusterManager();
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(30), Duration.ofMillis(100), "the cluster's membership", condition);
    }

    @Test
    void twoNodesJoinFromTheMemberListAndShareTheEventBus() throws Exception {
        int port1 = ClusterNodes.freePort();
        int port2 = ClusterNodes.freePort();
        first = start(new ClusterOptions("127.0.0.1", port1, List.of()));
        second = start(new ClusterOptions("127.0.0.1", port2, ClusterOptions.parseMembers("127.0.0.1:" + port1)));

        waitUntil(() -> manager(first).getNodes().size() == 2);
        assertThat(manager(second).getNodes()).hasSize(2);

        first.eventBus().consumer("xephang.test.ping", message -> message.reply("pong from first"));
        String reply = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (reply == null && System.nanoTime() < deadline) {
            try {
                reply = second.eventBus()
                        .<String>request("xephang.test.ping", "ping")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS)
                        .body();
            } catch (java.util.concurrent.ExecutionException notYetRegistered) {
                Thread.sleep(200); // the consumer's registration reaches the other node asynchronously
            }
        }
        assertThat(reply).isEqualTo("pong from first");

        second.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        second = null;
        waitUntil(() -> manager(first).getNodes().size() == 1);
        assertThat(manager(first).getNodes()).hasSize(1);
    }

    @Test
    void aClusterPortInUseFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.util.concurrent.CompletableFuture<Vertx> start = ClusterNode.start(
                            new ClusterOptions("127.0.0.1", taken.getLocalPort(), List.of()))
                    .toCompletionStage()
                    .toCompletableFuture();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> start.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.ExecutionException.class);
        }
    }
}
