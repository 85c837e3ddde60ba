package org.xephang.core.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file {@code xephang.db} of one office: WAL, {@code synchronous=FULL}, foreign keys on, schema migrated by
 * Flyway from {@code db/migration/sqlite}. While open it holds a lock on {@code xephang.db.lock} next to the file, so
 * that a second server or a {@code restore} cannot use the same store at the same time. Blocking: call from a worker,
 * the writer thread or main.
 */
public final class SqliteStore implements Store {

    public static final String FILE_NAME = "xephang.db";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    /** WAL pages (4 KiB each) after which the writer's commit checkpoints: 32 MiB of WAL (SQLite's default: 1,000). */
    static final int WRITER_AUTOCHECKPOINT_PAGES = 8192;

    /** The writer's page cache in KiB: 64 MiB (SQLite's default: 2 MiB), the B-trees' inner pages of a province's day. */
    static final int WRITER_CACHE_KIB = 65536;

    private final StoreLocation.Sqlite location;
    private final String url;
    private final StoreLock lock;
    private int schemaVersion;

    private SqliteStore(StoreLocation.Sqlite location, StoreLock lock) {
        this.location = location;
        this.url = jdbcUrl(location.file());
        this.lock = lock;
    }

    /** The {@code xephang.db} of a data folder. */
    public static SqliteStore open(Path dataDir) throws SQLException {
        return open(StoreLocation.Sqlite.inFolder(dataDir));
    }

    /**
     * Creates the folder and the file if needed, takes the store's lock and migrates the schema to the newest version.
     *
     * @throws StoreInUseException when another process (or engine) has the store open
     */
    public static SqliteStore open(StoreLocation.Sqlite location) throws SQLException {
        Path folder = location.folder();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new SQLException("cannot create the data folder " + folder + ": " + e.getMessage(), e);
        }
        StoreLock lock = StoreLock.take(location.file());
        SqliteStore store = new SqliteStore(location, lock);
        try {
            store.schemaVersion =
                    SchemaMigrations.migrate(store.dataSource(), SchemaMigrations.Dialect.SQLITE, location.toString());
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    public Path file() {
        return location.file();
    }

    @Override
    public StoreLocation.Sqlite location() {
        return location;
    }

    /** A new connection with the pragmas set; the caller owns and closes it. Auto-commit is on. */
    @Override
    public Connection connect() throws SQLException {
        return connect(url);
    }

    /**
     * The writer's connection: besides {@link #connect()}'s pragmas, SQLite checkpoints its WAL into the database file
     * every {@value #WRITER_AUTOCHECKPOINT_PAGES} pages instead of 1,000, and caches {@value #WRITER_CACHE_KIB} KiB of
     * pages instead of 2 MiB (docs/adr/0038-province-day-on-sqlite.md). A checkpoint writes each page once however
     * many commits changed it since the last one; a province's 200 sites rewrite the same index leaves in every group,
     * so a rarer checkpoint writes far fewer bytes per command. Durability is the WAL's fsync at each commit, as before.
     */
    @Override
    public Connection connectWriter() throws SQLException {
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint=" + WRITER_AUTOCHECKPOINT_PAGES);
            statement.execute("PRAGMA cache_size=-" + WRITER_CACHE_KIB);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public Connection reconnectWriter() throws SQLException {
        return connectWriter();
    }

    static Connection connect(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, connectionProperties());
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

    /**
     * No generated keys: the driver would otherwise run {@code SELECT last_insert_rowid()} (prepared anew) after every
     * INSERT and UPDATE, 3.6 % of the writer thread in province-day's profile; no code reads them.
     */
    private static Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty(SQLiteConfig.Pragma.JDBC_GET_GENERATED_KEYS.getPragmaName(), "false");
        return properties;
    }

    @Override
    public boolean answers() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM ticket WHERE 0")) {
                return rs.next();
            }
        } catch (SQLException e) {
            LOG.warn("Store {} does not answer: {}", location, e.getMessage());
            return false;
        }
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        lock.close();
    }

    /** For Flyway: connections with the same pragmas. */
    DataSource dataSource() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        config.setGetGeneratedKeys(false);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }
}
