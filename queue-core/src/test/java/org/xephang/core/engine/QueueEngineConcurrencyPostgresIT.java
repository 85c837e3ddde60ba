package org.xephang.core.engine;

import org.junit.jupiter.api.Timeout;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.testkit.PostgresFixture;

/**
 * {@link QueueEngineConcurrencyIT} on PostgreSQL: parallel issues and calls, group commit (one transaction per group),
 * queries that do not wait for the writer, and the restart that rebuilds state and continues numbering and seq.
 */
@Timeout(180)
class QueueEngineConcurrencyPostgresIT extends QueueEngineConcurrencyIT {

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
}
