package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.IssueCommand;
import org.xephang.core.persistence.Outbox;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;
import org.xephang.testkit.MutableClock;

/**
 * PostgreSQL cuts the engine's connections (a database restart, an administrator's {@code pg_terminate_backend}): the
 * command that meets the cut is refused whole with {@code UNAVAILABLE}, then the engine serves again on new connections,
 * with nothing lost or doubled.
 */
@Timeout(120)
class StoreReconnectPostgresIT {

    final MutableClock clock = MutableClock.at(MONDAY_MORNING);

    @Test
    void afterItsConnectionsAreCutTheEngineRefusesOneGroupThenServesAgain() throws Exception {
        StoreLocation.Postgres database = PostgresFixture.newDatabase("reconnect");
        try (QueueEngine engine =
                QueueEngine.open(EngineFixture.config(), database, clock, new EngineOptions(false, "http://q.test"))) {
            assertThat(issue(engine)).isEqualTo("A001");

            int cut = cutConnections(database);

            assertThat(cut)
                    .as("the writer's and the outbox reader's connections")
                    .isGreaterThanOrEqualTo(2);
            Throwable refused = null;
            String number;
            try {
                number = issue(engine);
            } catch (CompletionException e) {
                refused = e.getCause();
                number = issue(engine);
            }
            if (refused != null) {
                assertThat(refused).isInstanceOf(QueueError.class);
                assertThat(((QueueError) refused).code()).isEqualTo(ErrorCode.UNAVAILABLE);
            }
            assertThat(number).as("numbering continues without a gap").isEqualTo("A002");
            assertThat(engine.outbox().count(Outbox.DeliveryState.PENDING)).isEqualTo(2);
        }
        try (Connection c = PostgresFixture.connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(sequence) FROM ticket")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getInt(2)).isEqualTo(2);
        }
    }

    private static String issue(QueueEngine engine) {
        return engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK)
                .toCompletableFuture()
                .join()
                .ticket()
                .number();
    }

    /** Terminates every other session on the database, as a restart would. */
    private static int cutConnections(StoreLocation.Postgres database) throws Exception {
        try (Connection c = PostgresFixture.connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
