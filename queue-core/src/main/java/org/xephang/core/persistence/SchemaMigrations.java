package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned schema of both stores, applied by Flyway at open: {@code db/migration/sqlite/V<n>__<what>.sql} and
 * {@code db/migration/postgresql/V<n>__<what>.sql}, the same tables in each dialect, tracked in
 * {@code flyway_schema_history}.
 *
 * <ul>
 *   <li>A SQLite file of the release before Flyway ({@code PRAGMA user_version=1}, no history table) is baselined at
 *       version 1, then migrated: nothing in it is rewritten.
 *   <li>A database that holds a version this release does not know (written by a newer release) is refused with
 *       {@link SchemaTooNewException}, before anything is changed.
 *   <li>On SQLite, {@code PRAGMA user_version} follows the Flyway version, so that the file says its version to any
 *       tool.
 * </ul>
 */
final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    static final String HISTORY_TABLE = "flyway_schema_history";

    /** Which scripts. */
    enum Dialect {
        SQLITE("sqlite"),
        POSTGRESQL("postgresql");

        private final String folder;

        Dialect(String folder) {
            this.folder = folder;
        }
    }

    private SchemaMigrations() {}

    /**
     * Migrates the database to the newest version this release knows and returns that version.
     *
     * @param where for messages (no password)
     */
    static int migrate(DataSource dataSource, Dialect dialect, String where) throws SQLException {
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + dialect.folder)
                .table(HISTORY_TABLE)
                .baselineVersion("1")
                .baselineDescription("schema V1 of the release before Flyway (PRAGMA user_version)")
                .cleanDisabled(true)
                .load();
        try {
            if (dialect == Dialect.SQLITE) {
                baselineTheReleaseBeforeFlyway(flyway, dataSource, where);
            }
            refuseNewerSchema(flyway, where);
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info(
                        "Store {}: schema migrated from version {} to {} ({} migration(s))",
                        where,
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
            int version = currentVersion(flyway);
            if (dialect == Dialect.SQLITE) {
                try (Connection connection = dataSource.getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA user_version=" + version);
                }
            }
            return version;
        } catch (FlywayException e) {
            throw new SQLException("schema migration of " + where + " failed: " + e.getMessage(), e);
        }
    }

    private static void baselineTheReleaseBeforeFlyway(Flyway flyway, DataSource dataSource, String where)
            throws SQLException {
        int userVersion;
        boolean hasHistory;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
                userVersion = rs.next() ? rs.getInt(1) : 0;
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='" + HISTORY_TABLE + "'")) {
                hasHistory = rs.next() && rs.getInt(1) > 0;
            }
        }
        if (hasHistory || userVersion == 0) {
            return;
        }
        if (userVersion > 1) {
            throw tooNew(where, String.valueOf(userVersion), newestKnown(flyway));
        }
        LOG.info("Store {}: schema version 1 of the release before Flyway; recording it as the baseline", where);
        flyway.baseline();
    }

    private static void refuseNewerSchema(Flyway flyway, String where) throws SchemaTooNewException {
        MigrationInfo[] all = flyway.info().all();
        MigrationVersion newest = Arrays.stream(all)
                .filter(m ->
                        m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(null);
        if (newest != null) {
            throw tooNew(where, newest.getVersion(), newestKnown(flyway));
        }
    }

    /** The newest version among the scripts of this release. */
    private static String newestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .map(MigrationVersion::getVersion)
                .orElse("none");
    }

    private static SchemaTooNewException tooNew(String where, String version, String newestKnown) {
        return new SchemaTooNewException("the database " + where + " was written by a newer xephang release (schema"
                + " version " + version + "; this release knows up to " + newestKnown + "). Install that release"
                + " or a newer one, or restore a backup made by this release; nothing was changed.");
    }

    private static int currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        if (current == null || current.getVersion() == null) {
            return 0;
        }
        return Integer.parseInt(current.getVersion().getMajorAsString());
    }
}
