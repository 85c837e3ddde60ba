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

    private StoreLocation.Postgres database;

    @Override
    QueueEngine openEngine(CentreConfig config, EngineOptions options) {
        if (database == null) {
            database = PostgresFixture.newDatabase("concurrency");
        }
        return QueueEngine.open(config, database, clock, options);
    }
}
