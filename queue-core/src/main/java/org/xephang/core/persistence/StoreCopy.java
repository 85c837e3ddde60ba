package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an office's history from one store into another ({@code xephang migrate}: SQLite into the province's
 * PostgreSQL when the office joins it). Every row of every site in the source, in one transaction on the target:
 * tickets, counters, events with their outbox state, ratings, the statistics of purged days. Refuses when the target already holds data of one of
 * those sites, unless told to replace it; checks the counts per site and table before it commits.
 */
public final class StoreCopy {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCopy.class);
    private static final int BATCH = 500;

    /** The tables in foreign-key order, with their columns. */
    enum Table {
        TICKET(
                "ticket",
                "id, site, service, issued_service, local_day, sequence, number, priority, channel, state, issue_order,"
                        + " queue_key, assigned_counter, counter, officer, call_count, issued_at, called_at,"
                        + " started_at, finished_at, dossier_code, idempotency_key, rated"),
        COUNTER_DESK("counter_desk", "site, number, state, pause_reason, officer, ticket_id"),
        EVENT(
                "event",
                "site, seq, id, type, at, ticket_id, counter, payload, delivery_state, attempts, next_attempt_at,"
                        + " last_error, delivered_at"),
        RATING(
                "rating",
                "ticket_id, site, service, counter, officer, native_level, scale, national_level, device, rated_at,"
                        + " dossier_code"),
        /** The statistics of purged days (schema V7, docs/retention.md). */
        STATISTICS_DAY(
                "statistics_day",
                "site, local_day, service, counter, officer, priority, state, issued_hour, waited_s, walked_s,"
                        + " served_s, dossier_linked, rating, tickets");

        final String name;
        final String columns;

        Table(String name, String columns) {
            this.name = name;
            this.columns = columns;
        }

        int columnCount() {
            return columns.split(",").length;
        }
    }

    /** What was copied of one site. */
    public record SiteCounts(String site, long tickets, long counters, long events, long ratings) {
        @Override
        public String toString() {
            return site + ": " + tickets + " ticket(s), " + counters + " counter(s), " + events + " event(s), "
                    + ratings + " rating(s)";
        }
    }

    /** The target already holds data of a site and replacing was not asked for. Nothing was changed. */
    public static final class SiteAlreadyPresentException extends SQLException {
        public SiteAlreadyPresentException(String message) {
            super(message);
        }
    }

    private StoreCopy() {}

    /**
     * Copies every site of {@code source} into {@code target} in one transaction.
     *
     * @param replace delete what the target holds of those sites first (otherwise refuse)
     * @return the counts per site, as verified in the target
     */
    public static List<SiteCounts> copy(Store source, Store target, boolean replace) throws SQLException {
        try (Connection from = source.connect();
                Connection to = target.connect()) {
            List<String> sites = sites(from);
            Map<String, SiteCounts> expected = new LinkedHashMap<>();
            for (String site : sites) {
                expected.put(site, counts(from, site));
            }
            to.setAutoCommit(false);
            try {
                for (String site : sites) {
                    SiteCounts present = counts(to, site);
                    if (present.tickets() + present.counters() + present.events() + present.ratings() > 0) {
                        if (!replace) {
                            throw new SiteAlreadyPresentException("the target " + target.location()
                                    + " already holds data of site \"" + site + "\" (" + present
                                    + "); nothing was copied. Use --replace to overwrite that site's data.");
                        }
                        LOG.warn("Replacing the data of site {} in {} ({})", site, target.location(), present);
                        delete(to, site);
                    }
                }
                for (Table table : Table.values()) {
                    long rows = copyTable(from, to, table);
                    LOG.info("Copied {} row(s) of {} into {}", rows, table.name, target.location());
                }
                List<SiteCounts> copied = new ArrayList<>();
                for (String site : sites) {
                    SiteCounts there = counts(to, site);
                    if (!there.equals(expected.get(site))) {
                        throw new SQLException("after copying, the target holds " + there + " but the source "
                                + expected.get(site) + "; nothing was committed");
                    }
                    copied.add(there);
                }
                to.commit();
                return copied;
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            }
        }
    }

    /** The sites with any row in a store, sorted. */
    static List<String> sites(Connection connection) throws SQLException {
        TreeSet<String> sites = new TreeSet<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT site FROM ticket UNION SELECT site FROM counter_desk"
                        + " UNION SELECT site FROM event UNION SELECT site FROM rating")) {
            while (rs.next()) {
                sites.add(rs.getString(1));
            }
        }
        return List.copyOf(sites);
    }

    /** The rows of a site per table. */
    public static SiteCounts counts(Connection connection, String site) throws SQLException {
        long[] n = new long[Table.values().length];
        for (Table table : Table.values()) {
            try (PreparedStatement s =
                    connection.prepareStatement("SELECT COUNT(*) FROM " + table.name + " WHERE site=?")) {
                s.setString(1, site);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    n[table.ordinal()] = rs.getLong(1);
                }
            }
        }
        return new SiteCounts(site, n[0], n[1], n[2], n[3]);
    }

    private static void delete(Connection connection, String site) throws SQLException {
        for (int i = Table.values().length - 1; i >= 0; i--) {
            try (PreparedStatement s =
                    connection.prepareStatement("DELETE FROM " + Table.values()[i].name + " WHERE site=?")) {
                s.setString(1, site);
                s.executeUpdate();
            }
        }
    }

    private static long copyTable(Connection from, Connection to, Table table) throws SQLException {
        int columns = table.columnCount();
        String marks = String.join(",", java.util.Collections.nCopies(columns, "?"));
        long rows = 0;
        try (Statement read = from.createStatement();
                ResultSet rs = read.executeQuery("SELECT " + table.columns + " FROM " + table.name);
                PreparedStatement write = to.prepareStatement(
                        "INSERT INTO " + table.name + " (" + table.columns + ") VALUES (" + marks + ")")) {
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    if (value == null) {
                        write.setNull(i, Types.NULL);
                    } else {
                        write.setObject(i, value);
                    }
                }
                write.addBatch();
                if (++rows % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return rows;
    }
}
