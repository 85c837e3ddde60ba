package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    static String pragma(Connection c, String name) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void connectionsUseWalFullSynchronousAndForeignKeys() throws Exception {
        Database database = Database.open(dir.resolve("data"));

        try (Connection c = database.connect()) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "synchronous")).isEqualTo("2"); // FULL
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
        }
        assertThat(database.file()).exists().hasFileName("xephang.db");
    }

    @Test
    void theSchemaIsMigratedOnceAndItsVersionKept() throws Exception {
        Database.open(dir);
        Database database = Database.open(dir);

        try (Connection c = database.connect()) {
            assertThat(Database.userVersion(c)).isEqualTo(1);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
                StringBuilder names = new StringBuilder();
                while (rs.next()) {
                    names.append(rs.getString(1)).append(' ');
                }
                assertThat(names.toString()).contains("counter_desk", "event", "rating", "ticket");
            }
        }
    }

    @Test
    void scriptsAreSplitIntoStatementsWithoutCommentLines() {
        assertThat(Database.statements(
                        "-- a comment; with a semicolon\nCREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)");
    }
}
