package org.xephang.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder holds the database (tickets, dossier codes) and the token signing key: only the server's own user
 * may read it (issue 13 finding 10). Folders become 0700 and files 0600; SQLite gives its journal files the database's
 * permissions.
 */
public final class DataFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataFolder() {}

    /** Creates {@code dataDir} if needed and restricts it and everything in it to the owner. Blocking. */
    public static void restrictToOwner(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        try (Stream<Path> entries = Files.walk(dataDir)) {
            for (Path entry : entries.toList()) {
                if (Files.isSymbolicLink(entry)) {
                    continue;
                }
                Files.setPosixFilePermissions(entry, Files.isDirectory(entry) ? FOLDER : FILE);
            }
        } catch (UnsupportedOperationException notPosix) {
            LOG.warn("Cannot restrict {} to its owner on this file system; protect the data folder", dataDir);
        }
    }
}
