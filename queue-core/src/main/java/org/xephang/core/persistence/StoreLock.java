package org.xephang.core.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock file {@code xephang.db.lock} next to a SQLite store, held by whoever uses the store: a server's engine, a
 * {@code restore}, a {@code migrate}. The operating system releases it when the process dies, so a killed server
 * leaves no stale lock.
 */
final class StoreLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreLock.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a store file. */
    static Path fileOf(Path storeFile) {
        return storeFile.resolveSibling(storeFile.getFileName() + ".lock");
    }

    /**
     * Takes the lock of a store file (whose folder must exist).
     *
     * @throws StoreInUseException when another process, or another store in this one, holds it
     */
    static StoreLock take(Path storeFile) throws SQLException {
        Path file = fileOf(storeFile);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SQLException("cannot create the lock file " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel, file);
            throw new StoreInUseException("the SQLite store " + storeFile
                    + " is in use by another xephang process (stop it first; the lock is " + file + ")");
        }
        return new StoreLock(file, channel, lock);
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.warn("Releasing the lock {} failed: {}", file, e.getMessage());
        }
        closeQuietly(channel, file);
    }

    private static void closeQuietly(FileChannel channel, Path file) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the lock file {} failed: {}", file, e.getMessage());
        }
    }
}
