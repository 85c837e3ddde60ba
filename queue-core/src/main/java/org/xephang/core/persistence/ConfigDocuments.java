package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration kept in the store (schema V3, issue #14): one versioned JSON document per site in {@code
 * site_config} (every save adds the next version, history kept) and one JSON document per account in {@code account}.
 * The documents are the keys of one {@code sites:} or {@code accounts:} entry of the YAML file; validating them is the
 * caller's ({@code CentreConfigLoader.fromTree}). Same SQL on SQLite and PostgreSQL. Blocking: call from a worker, the
 * writer thread or main.
 */
public final class ConfigDocuments {

    /** One version of a site's configuration. */
    public record SiteDocument(String site, long version, String json, Instant savedAt, String savedBy) {}

    /** A save named a version that is no longer the newest: somebody saved in between. Nothing was written. */
    public static final class StaleVersionException extends SQLException {
        private final long current;

        public StaleVersionException(String site, long expected, long current) {
            super("site " + site + " is at version " + current + ", not " + expected);
            this.current = current;
        }

        public long current() {
            return current;
        }
    }

    private ConfigDocuments() {}

    /** The newest version of a site's document, if the store holds the site. */
    public static Optional<SiteDocument> latest(Connection connection, String site) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT version, document, saved_at, saved_by"
                + " FROM site_config WHERE site = ? ORDER BY version DESC LIMIT 1")) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SiteDocument(
                        site, rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
            }
        }
    }

    /** The newest document of every site the store holds, by site code. */
    public static List<SiteDocument> latestOfEverySite(Connection connection) throws SQLException {
        List<SiteDocument> documents = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT c.site, c.version, c.document, c.saved_at,"
                        + " c.saved_by FROM site_config c WHERE c.version = (SELECT MAX(version) FROM site_config"
                        + " WHERE site = c.site) ORDER BY c.listed, c.site");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                documents.add(new SiteDocument(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        rs.getString(5)));
            }
        }
        return documents;
    }

    /**
     * Saves a new version of a site's document when {@code expectedVersion} is the newest (0 for a site the store does
     * not hold yet), in the caller's transaction or alone with auto-commit.
     *
     * @return the version written
     * @throws StaleVersionException when another version was saved since
     */
    public static long save(
            Connection connection, String site, long expectedVersion, String json, Instant at, String by)
            throws SQLException {
        long current = latest(connection, site).map(SiteDocument::version).orElse(0L);
        if (current != expectedVersion) {
            throw new StaleVersionException(site, expectedVersion, current);
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO site_config (site, version, document,"
                + " saved_at, saved_by, listed) VALUES (?, ?, ?, ?, ?, COALESCE((SELECT MIN(listed) FROM site_config"
                + " WHERE site = ?), (SELECT COUNT(DISTINCT site) FROM site_config)))")) {
            s.setString(1, site);
            s.setLong(2, current + 1);
            s.setString(3, json);
            s.setLong(4, at.toEpochMilli());
            s.setString(5, by);
            s.setString(6, site);
            s.executeUpdate();
        }
        return current + 1;
    }

    /** Every account document, by username in name order. */
    public static Map<String, String> accounts(Connection connection) throws SQLException {
        Map<String, String> accounts = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                        "SELECT username, document FROM account ORDER BY listed, username");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                accounts.put(rs.getString(1), rs.getString(2));
            }
        }
        return accounts;
    }

    /** Adds or replaces an account's document. */
    public static void saveAccount(Connection connection, String username, String json, Instant at, String by)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO account (username, document, saved_at,"
                        + " saved_by, listed) VALUES (?, ?, ?, ?, (SELECT COUNT(*) FROM account)) ON CONFLICT (username) DO"
                        + " UPDATE SET document = excluded.document, saved_at = excluded.saved_at, saved_by = excluded.saved_by")) {
            s.setString(1, username);
            s.setString(2, json);
            s.setLong(3, at.toEpochMilli());
            s.setString(4, by);
            s.executeUpdate();
        }
    }
}
