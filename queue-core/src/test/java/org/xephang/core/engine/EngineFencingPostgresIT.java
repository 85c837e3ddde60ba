package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.IssueCommand;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.SiteOwnership;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;
import org.xephang.testkit.MutableClock;

/**
 * Two engines (nodes) on one PostgreSQL store with site leases: the second cannot open while the first holds the site;
 * after the first's lease ran out the second takes the site over, and from then on nothing of the first commits.
 */
@Timeout(120)
class EngineFencingPostgresIT {

    /** Long enough that the real-time renewal timer does not fire during the test (it renews every ttl/3). */
    static final Duration TTL = Duration.ofMinutes(30);

    final MutableClock clock = MutableClock.at(MONDAY_MORNING);

    QueueEngine node(StoreLocation.Postgres database, String name) throws SQLException {
        return QueueEngine.open(
                EngineFixture.config(),
                PostgresStore.open(database),
                clock,
                new EngineOptions(false, "http://q.test"),
                SiteOwnership.forNode(name, TTL, clock));
    }

    static String issue(QueueEngine engine) {
        return engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK)
                .toCompletableFuture()
                .join()
                .ticket()
                .number();
    }

    @Test
    void afterATakeoverTheFormerOwnerIsRefusedAndTheNewOwnerContinuesTheNumbering() throws Exception {
        StoreLocation.Postgres database = PostgresFixture.newDatabase("fencing");
        try (QueueEngine first = node(database, "node-a")) {
            assertThat(issue(first)).isEqualTo("A001");

            assertThatThrownBy(() -> node(database, "node-b"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("site \"s1\" is owned by node node-a/");

            clock.advance(TTL.plusSeconds(1)); // node-a paused past its lease
            try (QueueEngine second = node(database, "node-b")) {
                Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> issue(first));

                assertThat(refused).isInstanceOf(CompletionException.class).hasCauseInstanceOf(QueueError.class);
                assertThat(((QueueError) refused.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(issue(second)).isEqualTo("A002");
            }
        }
        try (Connection c = PostgresFixture.connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_agg(number, ',' ORDER BY issue_order),"
                        + " (SELECT epoch FROM site_lease WHERE site = 's1') FROM ticket")) {
            rs.next();
            assertThat(rs.getString(1))
                    .as("nothing of node-a after the takeover")
                    .isEqualTo("A001,A002");
            assertThat(rs.getLong(2)).isEqualTo(2);
        }
    }

    @Test
    void aNodeRefusedASiteStillOwnedElsewhereKeepsNoConnectionOfItsSharedPool() throws Exception {
        StoreLocation.Postgres database = PostgresFixture.newDatabase("refusals");
        try (QueueEngine first = node(database, "node-a");
                PostgresStore pool = PostgresStore.open(database, 4)) {
            // A cluster node tries every few seconds to take the site of a dead node until its lease runs out.
            for (int attempt = 0; attempt < 6; attempt++) {
                assertThatThrownBy(() -> QueueEngine.open(
                                EngineFixture.config(),
                                pool.shared(),
                                clock,
                                new EngineOptions(false, "http://q.test"),
                                SiteOwnership.forNode("node-b", TTL, clock)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("is owned by node node-a/");
            }

            clock.advance(TTL.plusSeconds(1));
            try (QueueEngine second = QueueEngine.open(
                    EngineFixture.config(),
                    pool.shared(),
                    clock,
                    new EngineOptions(false, "http://q.test"),
                    SiteOwnership.forNode("node-b", TTL, clock))) {
                assertThat(issue(second)).isEqualTo("A001");
            }
        }
    }
}
