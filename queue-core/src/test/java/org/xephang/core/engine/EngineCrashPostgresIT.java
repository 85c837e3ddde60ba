package org.xephang.core.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.junit.jupiter.api.Timeout;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;

/** {@link EngineCrashIT} on PostgreSQL: SIGKILL while issuing, then every acknowledged ticket is found on reopen. */
@Timeout(180)
class EngineCrashPostgresIT extends EngineCrashIT {

    private final StoreLocation.Postgres database = PostgresFixture.newDatabase("crash");

    @Override
    String storeArgument() {
        return PostgresFixture.storeArgument(database);
    }

    @Override
    QueueEngine reopen() {
        return QueueEngine.open(
                EngineFixture.config(), database, Clock.systemUTC(), new EngineOptions(true, "http://q.test"));
    }

    @Override
    Connection queryStore() throws SQLException {
        return PostgresFixture.connect(database);
    }
}
