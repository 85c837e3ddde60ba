package org.xephang.core.persistence;

import static org.xephang.core.persistence.QueueStore.getInstant;
import static org.xephang.core.persistence.QueueStore.getInteger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xephang.api.TicketState;
import org.xephang.core.stats.TicketFacts;

/**
 * The statistics' facts of a site's tickets, and the retention purge that replaces old tickets by their days'
 * aggregates ({@code statistics_day}, schema version 7; docs/retention.md). The statistics read both, so a
 * report over purged days is the same as before the purge. Blocking; on the caller's connection and transaction.
 */
public final class TicketArchive {

    private static final String FACT_COLUMNS = "SELECT t.service, t.counter, t.officer, t.priority IS NOT NULL,"
            + " t.state, t.local_day, t.issued_at, t.called_at, t.started_at, t.finished_at,"
            + " t.dossier_code IS NOT NULL, r.national_level FROM ticket t LEFT JOIN rating r ON r.ticket_id = t.id";

    /** An event a forwarder tried to deliver and has not yet (nor given up on: dead letters do not hold). */
    private static final String NOT_DELIVERED_YET = " AND e.delivery_state='pending' AND e.attempts>0";

    /** States a ticket no longer leaves: only these are archived. */
    private static final String FINAL_STATES = "('DONE','NO_SHOW','CANCELLED')";

    private final Connection connection;

    public TicketArchive(Connection connection) {
        this.connection = connection;
    }

    /** What was deleted by one step of the purge. */
    public record Purged(int tickets, int events, int ratings, int messages, int bookings) {

        public static final Purged NOTHING = new Purged(0, 0, 0, 0, 0);

        public Purged plus(Purged other) {
            return new Purged(
                    tickets + other.tickets,
                    events + other.events,
                    ratings + other.ratings,
                    messages + other.messages,
                    bookings + other.bookings);
        }

        public boolean isEmpty() {
            return equals(NOTHING);
        }
    }

    /**
     * The facts of every ticket of the site issued on the local days {@code from}…{@code to}: the tickets still kept
     * and the aggregates of those purged, hours read in the site's {@code zone}.
     */
    public List<TicketFacts> facts(String site, LocalDate from, LocalDate to, ZoneId zone) throws SQLException {
        List<TicketFacts> facts = new ArrayList<>();
        try (PreparedStatement s =
                connection.prepareStatement(FACT_COLUMNS + " WHERE t.site=? AND t.local_day BETWEEN ? AND ?")) {
            s.setString(1, site);
            s.setString(2, from.toString());
            s.setString(3, to.toString());
            readFacts(s, zone, facts);
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT service, counter, officer, priority, state,"
                + " local_day, issued_hour, waited_s, walked_s, served_s, dossier_linked, rating, tickets"
                + " FROM statistics_day WHERE site=? AND local_day BETWEEN ? AND ?")) {
            s.setString(1, site);
            s.setString(2, from.toString());
            s.setString(3, to.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    TicketFacts fact = new TicketFacts(
                            rs.getString(1),
                            rs.getInt(2) == 0 ? null : rs.getInt(2),
                            rs.getString(3).isEmpty() ? null : rs.getString(3),
                            rs.getInt(4) == 1,
                            TicketState.valueOf(rs.getString(5)),
                            LocalDate.parse(rs.getString(6)),
                            rs.getInt(7),
                            seconds(rs.getLong(8)),
                            seconds(rs.getLong(9)),
                            seconds(rs.getLong(10)),
                            rs.getInt(11) == 1,
                            rs.getInt(12) == 0 ? null : rs.getInt(12));
                    facts.addAll(Collections.nCopies(rs.getInt(13), fact));
                }
            }
        }
        return facts;
    }

    /**
     * One step of the purge of a site, small enough for one write group: up to {@code limit} finished tickets of days
     * before {@code before} are deleted with their events, ratings, messages and numbers, their facts added to the
     * days' aggregates; then up to {@code limit} events of no ticket (a counter opened, a device fault) older than
     * {@code eventsBefore}, and the bookings and kiosks' number blocks of those days. Kept: a ticket with an event a forwarder tried and has not
     * delivered yet (it waits for the delivery or the dead letters), and a ticket a counter's row still names. Call
     * again while it deletes a whole {@code limit}.
     */
    public Purged purgeStep(String site, LocalDate before, Instant eventsBefore, ZoneId zone, int limit)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT t.id FROM ticket t WHERE t.site=?"
                + " AND t.local_day<? AND t.state IN " + FINAL_STATES
                + " AND NOT EXISTS (SELECT 1 FROM event e WHERE e.ticket_id=t.id" + NOT_DELIVERED_YET + ")"
                + " AND NOT EXISTS (SELECT 1 FROM counter_desk d WHERE d.ticket_id=t.id)"
                + " ORDER BY t.local_day LIMIT ?")) {
            s.setString(1, site);
            s.setString(2, before.toString());
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        Purged ofTickets = ids.isEmpty() ? Purged.NOTHING : deleteTickets(site, ids, zone);
        int otherEvents = update(
                "DELETE FROM event WHERE site=? AND seq IN (SELECT seq FROM event WHERE site=? AND at<?"
                        + " AND ticket_id IS NULL AND NOT (delivery_state='pending' AND attempts>0)"
                        + " ORDER BY seq LIMIT ?)",
                site,
                site,
                eventsBefore.toEpochMilli(),
                limit);
        int bookings = update("DELETE FROM appointment WHERE site=? AND local_day<?", site, before.toString());
        update("DELETE FROM number_block WHERE site=? AND local_day<?", site, before.toString());
        // Messages of no ticket (a booking's confirmation, an SMS answer) go with the events of their time.
        int otherMessages = update(
                "DELETE FROM notification WHERE site=? AND ticket_id IS NULL AND state<>'pending' AND due_at<?",
                site,
                eventsBefore.toEpochMilli());
        return ofTickets.plus(new Purged(0, otherEvents, 0, otherMessages, bookings));
    }

    private Purged deleteTickets(String site, List<String> ids, ZoneId zone) throws SQLException {
        aggregate(site, ids, zone);
        String in = " IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")";
        Object[] values = ids.toArray();
        int events = update("DELETE FROM event WHERE ticket_id" + in, values);
        int messages = update("DELETE FROM notification WHERE ticket_id" + in, values)
                + update("DELETE FROM notification_subscription WHERE ticket_id" + in, values);
        int ratings = update("DELETE FROM rating WHERE ticket_id" + in, values);
        int tickets = update("DELETE FROM ticket WHERE id" + in, values);
        return new Purged(tickets, events, ratings, messages, 0);
    }

    /** Adds the facts of these tickets to their days' aggregates. */
    private void aggregate(String site, List<String> ids, ZoneId zone) throws SQLException {
        List<TicketFacts> facts = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                FACT_COLUMNS + " WHERE t.id IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                s.setString(i + 1, ids.get(i));
            }
            readFacts(s, zone, facts);
        }
        Map<TicketFacts, Integer> counts = new LinkedHashMap<>();
        facts.forEach(fact -> counts.merge(fact, 1, Integer::sum));
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO statistics_day (site, local_day, service,"
                + " counter, officer, priority, state, issued_hour, waited_s, walked_s, served_s, dossier_linked,"
                + " rating, tickets) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (site, local_day, service, counter, officer, priority, state, issued_hour, waited_s,"
                + " walked_s, served_s, dossier_linked, rating)"
                + " DO UPDATE SET tickets = statistics_day.tickets + excluded.tickets")) {
            for (Map.Entry<TicketFacts, Integer> entry : counts.entrySet()) {
                TicketFacts f = entry.getKey();
                s.setString(1, site);
                s.setString(2, f.localDay().toString());
                s.setString(3, f.service());
                s.setInt(4, f.counter() == null ? 0 : f.counter());
                s.setString(5, f.officer() == null ? "" : f.officer());
                s.setInt(6, f.priority() ? 1 : 0);
                s.setString(7, f.state().name());
                s.setInt(8, f.issuedHour());
                s.setLong(9, seconds(f.waited()));
                s.setLong(10, seconds(f.walked()));
                s.setLong(11, seconds(f.served()));
                s.setInt(12, f.dossierLinked() ? 1 : 0);
                s.setInt(13, f.nationalRating() == null ? 0 : f.nationalRating());
                s.setInt(14, entry.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void readFacts(PreparedStatement s, ZoneId zone, List<TicketFacts> into) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                into.add(TicketFacts.fromTimes(
                        rs.getString(1),
                        getInteger(rs, 2),
                        rs.getString(3),
                        rs.getBoolean(4),
                        TicketState.valueOf(rs.getString(5)),
                        LocalDate.parse(rs.getString(6)),
                        zone,
                        getInstant(rs, 7),
                        getInstant(rs, 8),
                        getInstant(rs, 9),
                        getInstant(rs, 10),
                        rs.getBoolean(11),
                        getInteger(rs, 12)));
            }
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Whole seconds as the statistics count them; -1 for "not measured". */
    private static long seconds(Duration duration) {
        return duration == null ? -1 : duration.toSeconds();
    }

    private static Duration seconds(long value) {
        return value < 0 ? null : Duration.ofSeconds(value);
    }
}
