package org.xephang.core.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite file {@code xephang.db} in the data folder: WAL, {@code synchronous=FULL}, foreign keys on, schema
 * migrated from the versioned scripts {@code db/migration/V1.sql}, {@code V2.sql}, … (the version applied is kept in
 * {@code PRAGMA user_version}). Blocking: call from a worker or the writer thread.
 */
public final class Database {

    public static final String FILE_NAME = "xephang.db";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final String url;
    private final Path file;

    private Database(Path file) {
        this.file = file;
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** Creates the folder and the file if needed and migrates the schema to the newest version. */
    public static Database open(Path dataDir) throws SQLException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new SQLException("cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        }
        Database database = new Database(dataDir.resolve(FILE_NAME));
        try (Connection connection = database.connect()) {
            database.migrate(connection);
        }
        return database;
    }

    public Path file() {
        return file;
    }

    /** A new connection with the pragmas set; the caller owns and closes it. Auto-commit is on. */
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA foreign_keys=ON");
            statement.execute("PRAGMA busy_timeout=5000");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Applies every script newer than the database's {@code user_version}, each in its own transaction. */
    void migrate(Connection connection) throws SQLException {
        int version = userVersion(connection);
        for (int next = version + 1; ; next++) {
            String script = script(next);
            if (script == null) {
                break;
            }
            LOG.info("Migrating database {} to schema version {}", file, next);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(script)) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version=" + next);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("schema migration V" + next + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String script(int version) throws SQLException {
        try (InputStream in = Database.class.getResourceAsStream("/db/migration/V" + version + ".sql")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration V" + version + ": " + e.getMessage(), e);
        }
    }

    /** Splits a script on semicolons that end a line, dropping {@code --} comment lines. */
    static List<String> statements(String script) {
        StringBuilder clean = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) {
                clean.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : clean.toString().split(";\\s*\n")) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }
}
