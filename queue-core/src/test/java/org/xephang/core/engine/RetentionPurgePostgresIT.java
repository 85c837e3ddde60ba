package org.xephang.core.engine;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Timeout;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.testkit.PostgresFixture;

/** {@link RetentionPurgeTest} on PostgreSQL (skipped without one, except under {@code CI=true}). */
@Timeout(120)
class RetentionPurgePostgresIT extends RetentionPurgeTest {

    @Override
    QueueEngine openEngine(CentreConfig config) {
        StoreLocation.Postgres database = PostgresFixture.databaseFor(getClass());
        PostgresFixture.empty(database);
        return QueueEngine.open(config, database, clock, new EngineOptions(false, "http://q.test"));
    }

    @Override
    Connection queryStore() throws SQLException {
        return PostgresFixture.connect(PostgresFixture.databaseFor(getClass()));
    }
}
