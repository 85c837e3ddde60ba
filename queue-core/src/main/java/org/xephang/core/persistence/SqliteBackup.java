package org.xephang.core.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backup and restore of a SQLite store ({@code xephang backup}, {@code xephang restore}).
 *
 * <p><b>Backup</b> runs while the server serves: SQLite's {@code VACUUM INTO} copies the database as of one read
 * transaction (a consistent snapshot: every commit before it, none after), without stopping the writer; the copy is
 * then checked ({@code PRAGMA integrity_check}) and counted. <b>Restore</b> takes the store's lock (so it refuses while a
 * server has the store open), checks the backup, moves the current file aside ({@code xephang.db.before-restore-…},
 * nothing is deleted) and puts the backup in its place.
 */
public final class SqliteBackup {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteBackup.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    /** What a backup file holds. */
    public record Contents(Path file, long tickets, long events, long ratings, long bytes) {
        @Override
        public String toString() {
            return file + ": " + tickets + " ticket(s), " + events + " event(s), " + ratings + " rating(s), " + bytes
                    + " bytes";
        }
    }

    /** A restore: what was put in place, and where the previous file went (null when there was none). */
    public record Restored(Contents contents, Path previous) {}

    private SqliteBackup() {}

    /**
     * Copies a (possibly live) store into a new file.
     *
     * @throws IllegalArgumentException when the store does not exist or the target already does
     */
    public static Contents backup(StoreLocation.Sqlite store, Path target) throws SQLException {
        if (!Files.isRegularFile(store.file())) {
            throw new IllegalArgumentException("no SQLite store at " + store.file());
        }
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " already exists; choose a new file name");
        }
        Path folder = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the folder " + folder + ": " + e.getMessage(), e);
        }
        try (Connection connection = SqliteStore.connect(SqliteStore.jdbcUrl(store.file()));
                PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toAbsolutePath().toString());
            vacuum.execute();
        }
        fsync(target);
        Contents contents = check(target);
        LOG.info("Backup of {} written: {}", store, contents);
        return contents;
    }

    /**
     * Puts a backup in place of the store in {@code dataDir}.
     *
     * @throws StoreInUseException when a server (or anything else) has the store open
     * @throws IllegalArgumentException when the backup file is missing or is not a sound xephang database
     */
    public static Restored restore(Path backup, Path dataDir, Clock clock) throws SQLException {
        if (!Files.isRegularFile(backup)) {
            throw new IllegalArgumentException("no backup file " + backup);
        }
        Contents contents;
        try {
            contents = check(backup);
        } catch (SQLException e) {
            throw new IllegalArgumentException(backup + " is not a sound xephang database: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve(SqliteStore.FILE_NAME);
        try (StoreLock lock = StoreLock.take(file)) {
            Path previous = null;
            try {
                if (Files.exists(file)) {
                    String suffix =
                            ".before-restore-" + LocalDateTime.now(clock).format(STAMP);
                    previous = file.resolveSibling(file.getFileName() + suffix);
                    Files.move(file, previous);
                    for (String journal : new String[] {"-wal", "-shm"}) {
                        Path side = file.resolveSibling(file.getFileName() + journal);
                        if (Files.exists(side)) {
                            Files.move(side, file.resolveSibling(file.getFileName() + suffix + journal));
                        }
                    }
                }
                Path incoming = file.resolveSibling(file.getFileName() + ".restoring");
                Files.copy(backup, incoming, StandardCopyOption.REPLACE_EXISTING);
                fsync(incoming);
                Files.move(incoming, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new SQLException(
                        "restoring " + backup + " into " + dataDir + " failed: " + e.getMessage()
                                + (previous == null ? "" : " (the previous store is kept as " + previous + ")"),
                        e);
            }
            LOG.info("Restored {} into {} (previous store kept as {})", backup, file, previous);
            return new Restored(
                    new Contents(file, contents.tickets(), contents.events(), contents.ratings(), contents.bytes()),
                    previous);
        }
    }

    /** Checks that a file is a sound SQLite database with the xephang tables, and counts its rows. */
    public static Contents check(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SqliteStore.jdbcUrl(file));
                Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    throw new SQLException("integrity check of " + file + " failed: " + result);
                }
            }
            long tickets = count(s, "ticket");
            long events = count(s, "event");
            long ratings = count(s, "rating");
            return new Contents(file, tickets, events, ratings, Files.size(file));
        } catch (IOException e) {
            throw new SQLException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void fsync(Path file) throws SQLException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new SQLException("cannot flush " + file + " to disk: " + e.getMessage(), e);
        }
    }
}
