package org.xephang.core.engine;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Timeout;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.testkit.PostgresFixture;

/**
 * The engine contract of {@link QueueEngineTest} (numbering, daily reset, caps, FCFS, transfers, the outbox,
 * idempotency keys, ratings, statistics) on PostgreSQL: on one database emptied before each test. Skipped when no
 * PostgreSQL is available, except under {@code CI=true} (see {@link PostgresFixture}).
 */
@Timeout(120)
class QueueEnginePostgresIT extends QueueEngineTest {

    /** JUnit makes an instance per test: the first open of each test starts from empty tables. */
    private boolean emptied;

    @Override
    QueueEngine openEngine(CentreConfig config, EngineOptions options) {
        StoreLocation.Postgres database = PostgresFixture.databaseFor(getClass());
        if (!emptied) {
            PostgresFixture.empty(database);
            emptied = true;
        }
        return QueueEngine.open(config, database, clock, options);
    }

    @Override
    Connection queryStore() throws SQLException {
        return PostgresFixture.connect(PostgresFixture.databaseFor(getClass()));
    }
}
