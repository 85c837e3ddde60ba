package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueServerMain;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;

/** {@code xephang server --cluster} on PostgreSQL: a clustered node that owns its sites by a fenced lease. */
@Timeout(180)
class ClusterServerPostgresIT {

    @TempDir
    Path dir;

    @Test
    void aClusteredNodeOwnsItsSitesByALeaseAndAnotherNodeTakesThemOverWhenItStops() throws Exception {
        StoreLocation.Postgres database = PostgresFixture.newDatabase("cluster");
        Path centre = Path.of(
                ClusterServerPostgresIT.class.getResource("/http/centre.yaml").toURI());
        String store = PostgresFixture.storeArgument(database);
        ClusterOptions first = new ClusterOptions("127.0.0.1", ClusterNodes.freePort(), List.of());
        QueueServerMain.Settings settingsA =
                new QueueServerMain.Settings(centre, 0, dir.resolve("a"), true, "127.0.0.1", null, store, first);

        QueueServerMain.Running a = QueueServerMain.launch(settingsA);
        boolean aRunning = true;
        try {
            assertThat(a.vertx().isClustered()).isTrue();
            ClusterNodes.await(
                    "node A takes its site", () -> a.cluster().ownedSites().contains("demo"));
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(a.server().localUrl() + "/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            try (Connection c = PostgresFixture.connect(database);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT site, owner, epoch FROM site_lease")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("demo");
                assertThat(rs.getString(2)).startsWith(first.nodeName() + "/");
                assertThat(rs.getLong(3)).isEqualTo(1);
                assertThat(rs.next()).isFalse();
            }

            ClusterOptions second = new ClusterOptions(
                    "127.0.0.1", ClusterNodes.freePort(), ClusterOptions.parseMembers(first.nodeName()));
            QueueServerMain.Settings settingsB =
                    new QueueServerMain.Settings(centre, 0, dir.resolve("b"), true, "127.0.0.1", null, store, second);
            try (QueueServerMain.Running b = QueueServerMain.launch(settingsB)) {
                // One site, two nodes: it runs on exactly one of them, whichever the placement chose.
                ClusterNodes.await(
                        "the site runs on one node",
                        () -> a.cluster().ownedSites().size()
                                        + b.cluster().ownedSites().size()
                                == 1);
                QueueServerMain.Running owner = a.cluster().ownedSites().isEmpty() ? b : a;
                QueueServerMain.Running other = owner == a ? b : a;
                assertThat(issue(owner)).isEqualTo("A0001");

                long stopped = System.nanoTime();
                owner.close();
                if (owner == a) {
                    aRunning = false;
                }
                ClusterNodes.await(
                        "the other node takes the site",
                        () -> other.cluster().ownedSites().contains("demo"));
                assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(10));
                assertThat(issue(other))
                        .as("numbering continues from PostgreSQL")
                        .isEqualTo("A0002");
                try (Connection c = PostgresFixture.connect(database);
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT owner FROM site_lease WHERE site = 'demo'")) {
                    rs.next();
                    assertThat(rs.getString(1)).startsWith((other == a ? first : second).nodeName() + "/");
                }
            }
        } finally {
            if (aRunning) {
                a.close();
            }
        }
    }

    static String issue(QueueServerMain.Running node) {
        return node.queue()
                .issue("demo", new IssueCommand("A", null, null, null), new Actor("kiosk-1", Role.KIOSK))
                .toCompletableFuture()
                .join()
                .ticket()
                .number();
    }

    @Test
    void aClusterNeedsAPostgresqlStore() throws Exception {
        Path centre = Path.of(
                ClusterServerPostgresIT.class.getResource("/http/centre.yaml").toURI());
        QueueServerMain.Settings settings = new QueueServerMain.Settings(
                centre,
                0,
                dir,
                true,
                "127.0.0.1",
                null,
                null,
                new ClusterOptions("127.0.0.1", ClusterNodes.freePort(), List.of()));

        assertThatThrownBy(() -> QueueServerMain.launch(settings))
                .isInstanceOf(QueueServerMain.UsageException.class)
                .hasMessageStartingWith("--cluster: ")
                .hasMessageContaining("PostgreSQL");
    }
}
