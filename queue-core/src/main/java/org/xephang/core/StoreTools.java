package org.xephang.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xephang.core.QueueServerMain.UsageException;
import org.xephang.core.config.StoredConfiguration;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.SchemaTooNewException;
import org.xephang.core.persistence.SqliteBackup;
import org.xephang.core.persistence.SqliteStore;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreCopy;
import org.xephang.core.persistence.StoreInUseException;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.persistence.StoreUnreachableException;
import org.xephang.core.site.ConfigException;

/**
 * The store operations behind {@code xephang migrate}, {@code backup} and {@code restore}, for the launcher (which
 * does not reach into the persistence package, as with {@link QueueServerMain}). Each returns the lines to print; a
 * wrong option, a store in use or a refusal is a {@link UsageException} naming the option (exit 2); anything else
 * fails with {@link IllegalStateException}. Blocking.
 */
public final class StoreTools {

    private StoreTools() {}

    /** Copies an office's SQLite history into PostgreSQL: {@code --from sqlite:FILE_OR_DIR --to postgresql://…}. */
    public static List<String> migrate(String from, String to, boolean replace) throws UsageException {
        StoreLocation source = parse("--from", from);
        StoreLocation target = parse("--to", to);
        if (!(source instanceof StoreLocation.Sqlite office)) {
            throw new UsageException("--from: give the office's SQLite store, sqlite:FILE_OR_DIR");
        }
        if (!(target instanceof StoreLocation.Postgres province)) {
            throw new UsageException("--to: give the province's PostgreSQL, postgresql://HOST:PORT/DB?user=…");
        }
        if (!Files.isRegularFile(office.file())) {
            throw new UsageException("--from: no SQLite store at " + office.file());
        }
        try (SqliteStore sqlite = open("--from", () -> SqliteStore.open(office));
                PostgresStore postgres = open("--to " + province, () -> PostgresStore.open(province))) {
            List<StoreCopy.SiteCounts> copied = StoreCopy.copy(sqlite, postgres, replace);
            List<String> lines = new ArrayList<>();
            lines.add("Đã chép " + copied.size() + " điểm từ " + office + " sang " + province
                    + " / copied, counts verified:");
            copied.forEach(site -> lines.add("  " + site));
            return lines;
        } catch (StoreCopy.SiteAlreadyPresentException present) {
            throw new UsageException("--to " + province + ": " + present.getMessage());
        } catch (SQLException failed) {
            throw new IllegalStateException("migrate failed, nothing was committed: " + failed.getMessage(), failed);
        }
    }

    /** A consistent copy of a (live) SQLite store: {@code --data DIR --to FILE}. */
    public static List<String> backup(Path dataDir, Path target) throws UsageException {
        StoreLocation.Sqlite store = StoreLocation.Sqlite.inFolder(dataDir);
        if (!Files.isRegularFile(store.file())) {
            throw new UsageException("--data: no SQLite store " + store.file());
        }
        if (Files.exists(target)) {
            throw new UsageException("--to: " + target + " already exists; choose a new file name");
        }
        try {
            SqliteBackup.Contents contents = SqliteBackup.backup(store, target);
            return List.of("Đã sao lưu / backup written, integrity checked: " + contents);
        } catch (IllegalArgumentException bad) {
            throw new UsageException("--to: " + bad.getMessage());
        } catch (SQLException failed) {
            throw new IllegalStateException("backup failed: " + failed.getMessage(), failed);
        }
    }

    /** Puts a backup in place of the store in a data folder: {@code --from FILE --data DIR}. */
    public static List<String> restore(Path backup, Path dataDir) throws UsageException {
        try {
            SqliteBackup.Restored restored = SqliteBackup.restore(backup, dataDir, Clock.systemDefaultZone());
            List<String> lines = new ArrayList<>();
            lines.add("Đã khôi phục / restored: " + restored.contents());
            if (restored.previous() != null) {
                lines.add("Dữ liệu cũ được giữ lại / the previous store is kept as " + restored.previous());
            }
            return lines;
        } catch (StoreInUseException inUse) {
            throw new UsageException("--data " + dataDir + ": " + inUse.getMessage());
        } catch (IllegalArgumentException bad) {
            throw new UsageException("--from: " + bad.getMessage());
        } catch (SQLException failed) {
            throw new IllegalStateException("restore failed: " + failed.getMessage(), failed);
        }
    }

    /** The configuration held by a store as YAML: {@code xephang config export --data DIR [--store URL]}. */
    public static String exportConfig(Path dataDir, String storeUrl) throws UsageException {
        StoreLocation location = location(dataDir, storeUrl);
        if (location instanceof StoreLocation.Sqlite sqlite && !Files.isRegularFile(sqlite.file())) {
            throw new UsageException(option(dataDir, storeUrl) + ": no SQLite store " + sqlite.file());
        }
        try (Store store = open(option(dataDir, storeUrl), () -> Store.open(location))) {
            return StoredConfiguration.exportYaml(store);
        } catch (SQLException failed) {
            throw new IllegalStateException("export failed: " + failed.getMessage(), failed);
        }
    }

    /**
     * Imports a YAML configuration into a store: {@code xephang config import FILE --data DIR [--store URL]}; validated
     * as a whole, nothing written on any problem (each named with its key).
     */
    public static List<String> importConfig(Path file, Path dataDir, String storeUrl) throws UsageException {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException cannotRead) {
            throw new UsageException(file + ": cannot read the file (" + cannotRead.getMessage() + ")");
        }
        StoreLocation location = location(dataDir, storeUrl);
        try (Store store = open(option(dataDir, storeUrl), () -> Store.open(location))) {
            List<String> lines = new ArrayList<>();
            lines.add("Đã nhập cấu hình / imported " + file + " into " + location + ":");
            StoredConfiguration.importYaml(store, yaml, file.toString(), Instant.now(), "import:" + file.getFileName())
                    .forEach(line -> lines.add("  " + line));
            return lines;
        } catch (ConfigException invalid) {
            throw new UsageException("nothing was imported: " + invalid.getMessage());
        } catch (SQLException failed) {
            throw new IllegalStateException("import failed, nothing was written: " + failed.getMessage(), failed);
        }
    }

    private static StoreLocation location(Path dataDir, String storeUrl) throws UsageException {
        return storeUrl != null ? parse("--store", storeUrl) : StoreLocation.Sqlite.inFolder(dataDir);
    }

    private static String option(Path dataDir, String storeUrl) {
        return storeUrl != null ? "--store" : "--data " + dataDir;
    }

    private static StoreLocation parse(String option, String value) throws UsageException {
        try {
            return StoreLocation.parse(value);
        } catch (IllegalArgumentException bad) {
            throw new UsageException(option + ": " + bad.getMessage());
        }
    }

    @FunctionalInterface
    private interface Opener<S> {
        S open() throws SQLException;
    }

    private static <S> S open(String option, Opener<S> opener) throws UsageException {
        try {
            return opener.open();
        } catch (StoreUnreachableException | StoreInUseException | SchemaTooNewException unusable) {
            throw new UsageException(option + ": " + unusable.getMessage());
        } catch (SQLException failed) {
            throw new IllegalStateException(option + ": " + failed.getMessage(), failed);
        }
    }
}
