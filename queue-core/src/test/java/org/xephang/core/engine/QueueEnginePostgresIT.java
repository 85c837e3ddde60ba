package org.xephang.core.engine;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Timeout;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.testkit.PostgresFixture;

/**
 * The engine contract of {@link QueueEngineTest} (numbering, daily reset, caps, FCFS, transfers, the outbox,
 * idempotency keys, ratings, statistics) on PostgreSQL: every test on a database of its own. Skipped when no
 * PostgreSQL is available, except under {@code CI=true} (see {@link PostgresFixture}).
 */
@Timeout(120)
class QueueEnginePostgresIT extends QueueEngineTest {

    private StoreLocation.Postgres database;

    @Override
    QueueEngine openEngine(CentreConfig config, EngineOptions options) {
        if (database == null) {
            database = PostgresFixture.newDatabase("engine");
        }
        return QueueEngine.open(config, database, clock, options);
    }

    @Override
    Connection queryStore() throws SQLException {
        return PostgresFixture.connect(database);
    }
}
