package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit log in the store (schema V6, issue #14 item 5): one row per administrative change or sign-in, appended,
 * read newest first in pages, and purged after the retention time. The caller keeps personal data out of it. Same SQL
 * on SQLite and PostgreSQL. Blocking: call from a worker or main.
 */
public final class AuditRecords {

    /** The most entries one read answers (a CSV export). */
    public static final int MAX_PAGE = 10_000;

    /**
     * One entry.
     *
     * @param id the store's sequence (0 before it is appended); pages go back with {@code before = id}
     * @param sites the sites concerned; empty for the whole province (a province account, an unknown username)
     * @param detail JSON text: what changed, never a password, hash or phone number
     */
    public record Entry(
            long id,
            Instant at,
            String actor,
            String client,
            String action,
            Set<String> sites,
            String target,
            String detail) {
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(action, "action");
            sites = sites == null ? Set.of() : Set.copyOf(new TreeSet<>(sites));
            detail = detail == null ? "{}" : detail;
        }
    }

    /**
     * Which entries to read: of any of {@code sites} (empty for every entry: a province administrator), from {@code
     * from} inclusive to {@code to} exclusive (either null for open), with an id below {@code before} (null for the
     * newest), at most {@code limit}.
     */
    public record Query(Set<String> sites, Instant from, Instant to, Long before, int limit) {
        public Query {
            sites = sites == null ? Set.of() : Set.copyOf(new TreeSet<>(sites));
            if (limit < 1 || limit > MAX_PAGE) {
                throw new IllegalArgumentException("limit must be 1–" + MAX_PAGE + ", got " + limit);
            }
        }
    }

    private AuditRecords() {}

    /** Appends an entry (its id is the store's). */
    public static void append(Connection connection, Entry entry) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO audit_log (at, actor, client, action, sites, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, entry.at().toEpochMilli());
            s.setString(2, entry.actor());
            if (entry.client() == null) {
                s.setNull(3, Types.VARCHAR);
            } else {
                s.setString(3, entry.client());
            }
            s.setString(4, entry.action());
            if (entry.sites().isEmpty()) {
                s.setNull(5, Types.VARCHAR);
            } else {
                s.setString(5, "," + String.join(",", entry.sites()) + ",");
            }
            if (entry.target() == null) {
                s.setNull(6, Types.VARCHAR);
            } else {
                s.setString(6, entry.target());
            }
            s.setString(7, entry.detail());
            s.executeUpdate();
        }
    }

    /** The entries of {@code query}, newest first. */
    public static List<Entry> read(Connection connection, Query query) throws SQLException {
        StringBuilder sql = new StringBuilder(
                "SELECT id, at, actor, client, action, sites, target, detail FROM audit_log WHERE 1=1");
        List<Object> parameters = new ArrayList<>();
        if (!query.sites().isEmpty()) {
            sql.append(" AND (");
            String or = "";
            for (String site : query.sites()) {
                sql.append(or).append("sites LIKE ?");
                or = " OR ";
                parameters.add("%," + site.replace("%", "").replace("_", "") + ",%");
            }
            sql.append(")");
        }
        if (query.from() != null) {
            sql.append(" AND at >= ?");
            parameters.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" AND at < ?");
            parameters.add(query.to().toEpochMilli());
        }
        if (query.before() != null) {
            sql.append(" AND id < ?");
            parameters.add(query.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(query.limit());
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                Object parameter = parameters.get(i);
                if (parameter instanceof String text) {
                    s.setString(i + 1, text);
                } else {
                    s.setLong(i + 1, ((Number) parameter).longValue());
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String sites = rs.getString(6);
                    Set<String> siteSet = new TreeSet<>();
                    if (sites != null) {
                        for (String code : sites.split(",")) {
                            if (!code.isEmpty()) {
                                siteSet.add(code);
                            }
                        }
                    }
                    entries.add(new Entry(
                            rs.getLong(1),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            siteSet,
                            rs.getString(7),
                            rs.getString(8)));
                }
            }
        }
        return entries;
    }

    /** When each account last signed in, as far as the log still remembers; by username. */
    public static Map<String, Instant> lastSignIns(Connection connection, String signInAction) throws SQLException {
        Map<String, Instant> last = new LinkedHashMap<>();
        try (PreparedStatement s =
                connection.prepareStatement("SELECT actor, MAX(at) FROM audit_log WHERE action = ? GROUP BY actor")) {
            s.setString(1, signInAction);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
        }
        return last;
    }

    /** Deletes the entries older than {@code before}; answers how many. */
    public static int purgeBefore(Connection connection, Instant before) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM audit_log WHERE at < ?")) {
            s.setLong(1, before.toEpochMilli());
            return s.executeUpdate();
        }
    }
}
