package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SqliteStoreTest {

    /** A database written by the release before Flyway (schema V1 by {@code PRAGMA user_version}). */
    static final Path SCHEMA_V1_FIXTURE = Path.of("src/test/resources/fixtures/schema-v1/xephang.db");

    @TempDir
    Path dir;

    static String pragma(Connection c, String name) throws SQLException {
        return single(c, "PRAGMA " + name);
    }

    static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Rows per table, e.g. {@code "ticket=5 event=21 rating=2 counter_desk=2"}. */
    static String counts(Connection c) throws SQLException {
        StringBuilder counts = new StringBuilder();
        for (String table : new String[] {"ticket", "event", "rating", "counter_desk"}) {
            counts.append(table)
                    .append('=')
                    .append(single(c, "SELECT COUNT(*) FROM " + table))
                    .append(' ');
        }
        return counts.toString().strip();
    }

    @Test
    void connectionsUseWalFullSynchronousAndForeignKeys() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"));
                Connection c = store.connect()) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "synchronous")).isEqualTo("2"); // FULL
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
            assertThat(store.file()).exists().hasFileName("xephang.db");
            assertThat(store.answers()).isTrue();
        }
    }

    @Test
    void theSchemaIsMigratedOnceByFlywayAndItsVersionKeptInUserVersionToo() throws Exception {
        SqliteStore.open(dir).close();
        try (SqliteStore store = SqliteStore.open(dir);
                Connection c = store.connect()) {
            assertThat(store.schemaVersion()).isEqualTo(8);
            assertThat(SqliteStore.userVersion(c)).isEqualTo(8);
            assertThat(single(
                            c,
                            "SELECT group_concat(version, ' ') FROM (SELECT version FROM flyway_schema_history"
                                    + " WHERE success=1 ORDER BY installed_rank)"))
                    .isEqualTo("1 2 3 4 5 6 7 8");
            assertThat(single(
                            c,
                            "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
                                    + " WHERE type='table' ORDER BY name)"))
                    .contains(
                            "appointment",
                            "counter_desk",
                            "event",
                            "rating",
                            "statistics_day",
                            "ticket",
                            "site_lease",
                            "notification",
                            "notification_subscription",
                            "site_config",
                            "account");
        }
    }

    @Test
    void aDatabaseOfTheReleaseBeforeFlywayUpgradesInPlaceWithNothingLost() throws Exception {
        Path file = dir.resolve("xephang.db");
        Files.copy(SCHEMA_V1_FIXTURE, file);
        String before;
        try (Connection c = SqliteStore.connect(SqliteStore.jdbcUrl(file))) {
            assertThat(SqliteStore.userVersion(c)).isEqualTo(1);
            before = counts(c);
        }
        assertThat(before).isEqualTo("ticket=5 event=21 rating=2 counter_desk=2");

        try (SqliteStore store = SqliteStore.open(dir);
                Connection c = store.connect()) {
            assertThat(counts(c)).isEqualTo(before);
            assertThat(single(c, "SELECT type FROM flyway_schema_history WHERE version='1'"))
                    .isEqualTo("BASELINE");
            assertThat(single(c, "SELECT type FROM flyway_schema_history WHERE version='2'"))
                    .isEqualTo("SQL");
            assertThat(single(c, "SELECT type FROM flyway_schema_history WHERE version='3'"))
                    .isEqualTo("SQL");
            assertThat(store.schemaVersion()).isEqualTo(8);
            assertThat(SqliteStore.userVersion(c)).isEqualTo(8);
        }
        // Opened again: the baseline is not taken twice, V2 to V8 not applied twice.
        try (SqliteStore store = SqliteStore.open(dir);
                Connection c = store.connect()) {
            assertThat(single(c, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo("8");
        }
    }

    @Test
    void aDatabaseWrittenByANewerReleaseIsRefusedAndLeftAsItWas() throws Exception {
        SqliteStore.open(dir).close();
        try (Connection c = SqliteStore.connect(SqliteStore.jdbcUrl(dir.resolve("xephang.db")));
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
                    + " 'V99__from_the_future.sql', 1, 'test', 1, 1)");
        }

        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("newer xephang release")
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("knows up to 8");
        try (Connection c = SqliteStore.connect(SqliteStore.jdbcUrl(dir.resolve("xephang.db")))) {
            assertThat(single(c, "SELECT MAX(version) FROM flyway_schema_history"))
                    .isEqualTo("99");
        }
    }

    @Test
    void aFileOfTheReleaseBeforeFlywayWithAnUnknownUserVersionIsRefused() throws Exception {
        Path file = dir.resolve("xephang.db");
        Files.copy(SCHEMA_V1_FIXTURE, file);
        try (Connection c = SqliteStore.connect(SqliteStore.jdbcUrl(file));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version=3");
        }

        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("schema version 3");
    }

    @Test
    void aStoreOpenElsewhereCannotBeOpenedAgainUntilClosed() throws Exception {
        try (SqliteStore first = SqliteStore.open(dir)) {
            assertThatThrownBy(() -> SqliteStore.open(dir))
                    .isInstanceOf(StoreInUseException.class)
                    .hasMessageContaining("in use by another xephang process");
        }
        SqliteStore.open(dir).close();
    }
}
