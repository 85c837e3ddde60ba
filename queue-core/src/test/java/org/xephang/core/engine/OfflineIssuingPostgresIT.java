package org.xephang.core.engine;

import org.junit.jupiter.api.Timeout;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.testkit.PostgresFixture;

/**
 * {@link OfflineIssuingTest} on PostgreSQL (number blocks, the queue-key shift, idempotent uploads), on one database
 * emptied before each test. Skipped when no PostgreSQL is available, except under {@code CI=true}.
 */
@Timeout(120)
class OfflineIssuingPostgresIT extends OfflineIssuingTest {

    /** JUnit makes an instance per test: the first open of each test starts from empty tables. */
    private boolean emptied;

    @Override
    QueueEngine openEngine(CentreConfig config) {
        StoreLocation.Postgres database = PostgresFixture.databaseFor(getClass());
        if (!emptied) {
            PostgresFixture.empty(database);
            emptied = true;
        }
        return QueueEngine.open(config, database, clock, new EngineOptions(false, "http://q.test"));
    }
}
