package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

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
    void theWritersConnectionCheckpointsRarelyAndCachesMoreButSyncsEveryCommitAsAnyOther() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"));
                Connection writer = store.connectWriter();
                Connection reader = store.connect()) {
            assertThat(pragma(writer, "wal_autocheckpoint")).isEqualTo("8192");
            assertThat(pragma(writer, "cache_size")).isEqualTo("-65536");
            assertThat(pragma(writer, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(writer, "synchronous")).isEqualTo("2"); // FULL: the WAL is synced at every commit
            assertThat(pragma(writer, "foreign_keys")).isEqualTo("1");
            // Only the writer's: other connections keep SQLite's defaults.
            assertThat(pragma(reader, "wal_autocheckpoint")).isEqualTo("1000");
            assertThat(pragma(reader, "cache_size")).isEqualTo("-2000");
        }
    }

    @Test
    void aRenewedWritersConnectionIsTunedLikeTheFirst() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("data"));
                Connection renewed = store.reconnectWriter()) {
            assertThat(pragma(renewed, "wal_autocheckpoint")).isEqualTo("8192");
            assertThat(pragma(renewed, "cache_size")).isEqualTo("-65536");
        }
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
            assertThat(store.schemaVersion()).isEqualTo(11);
            assertThat(SqliteStore.userVersion(c)).isEqualTo(11);
            assertThat(single(
                            c,
                            "SELECT group_concat(version, ' ') FROM (SELECT version FROM flyway_schema_history"
                                    + " WHERE success=1 ORDER BY installed_rank)"))
                    .isEqualTo("1 2 3 4 5 6 7 8 9 10 11");
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
    void connectionsDoNotQueryGeneratedKeysAfterEveryWrite() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir);
                Connection c = store.connect()) {
            assertThat(c.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys())
                    .isFalse();
            assertThat(store.dataSource()
                            .getConnection()
                            .unwrap(SQLiteConnection.class)
                            .getConnectionConfig()
                            .isGetGeneratedKeys())
                    .isFalse();
        }
    }

    @Test
    void theHotPathIndexesDroppedByV10AreGone() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir);
                Connection c = store.connect()) {
            assertThat(single(
                            c,
                            "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
                                    + " WHERE type='index' AND tbl_name='ticket' ORDER BY name)"))
                    .isEqualTo("sqlite_autoindex_ticket_1 sqlite_autoindex_ticket_2 sqlite_autoindex_ticket_3"
                            + " ticket_day");
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
            assertThat(store.schemaVersion()).isEqualTo(11);
            assertThat(SqliteStore.userVersion(c)).isEqualTo(11);
        }
        // Opened again: the baseline is not taken twice, V2 to V11 not applied twice.
        try (SqliteStore store = SqliteStore.open(dir);
                Connection c = store.connect()) {
            assertThat(single(c, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo("11");
        }
    }

    @Test
    void theMessagesOfAVersion7DatabaseSurviveV9AndMessagesOfNoTicketFitAfterIt() throws Exception {
        Path file = dir.resolve("xephang.db");
        Flyway.configure(SqliteStoreTest.class.getClassLoader())
                .dataSource(SqliteStore.jdbcUrl(file), null, null)
                .locations("classpath:db/migration/sqlite")
                .table("flyway_schema_history")
                .target("7")
                .load()
                .migrate();
        try (Connection c = SqliteStore.connect(SqliteStore.jdbcUrl(file));
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO ticket (id, site, service, issued_service, local_day, sequence, number, channel,"
                    + " state, issue_order, queue_key, issued_at) VALUES ('T1', 's1', 'A', 'A', '2026-11-23', 1, 'A001',"
                    + " 'kiosk', 'CALLED', 1, 1, 1000)");
            s.execute("INSERT INTO notification (id, site, ticket_id, kind, provider, phone, payload, state, due_at,"
                    + " attempts, next_attempt_at, last_error) VALUES ('T1:called', 's1', 'T1', 'called', 'sms',"
                    + " '0912345678', '{\"ticketNumber\":\"A001\"}', 'pending', 2000, 2, 3000, 'HTTP 503')");
        }

        try (SqliteStore store = SqliteStore.open(dir);
                Connection c = store.connect();
                Statement s = c.createStatement()) {
            assertThat(store.schemaVersion()).isEqualTo(11);
            assertThat(single(
                            c,
                            "SELECT id || ' ' || ticket_id || ' ' || kind || ' ' || phone || ' ' || state || ' '"
                                    + " || attempts || ' ' || next_attempt_at || ' ' || last_error FROM notification"))
                    .isEqualTo("T1:called T1 called 0912345678 pending 2 3000 HTTP 503");
            s.execute("INSERT INTO notification (id, site, ticket_id, kind, provider, phone, payload, due_at,"
                    + " next_attempt_at) VALUES ('K7M2Q9XA:booked', 's1', NULL, 'booked', 'sms', '0912345678', '{}',"
                    + " 1, 1)");
            assertThatThrownBy(() -> s.execute("INSERT INTO notification (id, site, ticket_id, kind, provider, phone,"
                            + " payload, due_at, next_attempt_at) VALUES ('T1:called', 's1', 'T1', 'called', 'sms',"
                            + " '0912345678', '{}', 1, 1)"))
                    .as("one message per ticket and kind still")
                    .isInstanceOf(SQLException.class);
            assertThat(single(c, "PRAGMA foreign_key_check")).isNull();
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
                .hasMessageContaining("knows up to 11");
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
