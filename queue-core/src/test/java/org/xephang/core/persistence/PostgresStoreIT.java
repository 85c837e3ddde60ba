package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.core.testkit.PostgresFixture;

/** The PostgreSQL store: schema by Flyway, a newer schema refused, wrong locations named. */
@Timeout(120)
class PostgresStoreIT {

    @Test
    void theSchemaIsMigratedOnceAndTheStoreAnswers() throws Exception {
        StoreLocation.Postgres location = PostgresFixture.newDatabase("store");
        PostgresStore.open(location).close();

        try (PostgresStore store = PostgresStore.open(location);
                Connection c = store.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT COUNT(*), MAX(CAST(version AS INTEGER)) FROM flyway_schema_history")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(11);
            assertThat(rs.getInt(2)).isEqualTo(11);
            assertThat(store.schemaVersion()).isEqualTo(11);
            assertThat(store.answers()).isTrue();
        }
    }

    @Test
    void aDatabaseWrittenByANewerReleaseIsRefused() throws Exception {
        StoreLocation.Postgres location = PostgresFixture.newDatabase("newer");
        PostgresStore.open(location).close();
        try (Connection c = PostgresFixture.connect(location);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'later', 'SQL',"
                    + " 'V99__later.sql', 1, 'test', 1, true)");
        }

        assertThatThrownBy(() -> PostgresStore.open(location))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("knows up to 11");
    }

    @Test
    void aMissingDatabaseOrUnknownUserIsNamedInOneLine() {
        StoreLocation.Postgres server = PostgresFixture.newDatabase("names");

        assertThatThrownBy(() -> PostgresStore.open(server.withDatabase("khong_co")))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessage("PostgreSQL has no database \"khong_co\" (create it first)");
        assertThatThrownBy(() -> PostgresStore.open(new StoreLocation.Postgres(
                        server.host(), server.port(), server.database(), "nobody", "x", java.util.Map.of())))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessage("PostgreSQL refused user \"nobody\" (wrong user or password)");
    }
}
