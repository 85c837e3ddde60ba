package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xephang.api.CounterState;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;
import org.xephang.api.TicketState;
import org.xephang.core.counter.CounterDesk;
import org.xephang.core.ticket.TicketRecord;

/**
 * The SQL of the queue state: writes (on the writer's connection, inside its transaction) and the reads that rebuild
 * the state on start. Statements are prepared once per connection. Blocking; not thread-safe (one per connection).
 */
public final class QueueStore {

    private static final String TICKET_COLUMNS = "id, site, service, local_day, sequence, number, priority, channel,"
            + " state, issue_order, queue_key, assigned_counter, counter, officer, call_count, issued_at, called_at,"
            + " started_at, finished_at, dossier_code, idempotency_key, rated";

    /** The channel of a ticket a kiosk issued while it could not reach the server, uploaded afterwards. */
    public static final String OFFLINE_CHANNEL = "kiosk-offline";

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    public QueueStore(Connection connection) {
        this.connection = connection;
    }

    /** The writer's connection, for the other tables written in the same group ({@link ConfigDocuments}). */
    public Connection connection() {
        return connection;
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    public void insertTicket(TicketRecord t) throws SQLException {
        PreparedStatement s = statement("INSERT INTO ticket (" + TICKET_COLUMNS
                + ", issued_service) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        bindTicket(s, t);
        s.setString(23, t.service());
        s.executeUpdate();
    }

    /**
     * Writes what a ticket's life changes after its issue. The key and the issue facts are never written again: setting
     * {@code id}, even to itself, makes SQLite check every event row that references the ticket, a scan of the whole
     * event table per update (the JMH TicketStoreBenchmark measured 9 ms per update at 20,000 events).
     */
    public void updateTicket(TicketRecord t) throws SQLException {
        PreparedStatement s = statement("UPDATE ticket SET service=?, priority=?, state=?, queue_key=?,"
                + " assigned_counter=?, counter=?, officer=?, call_count=?, called_at=?, started_at=?, finished_at=?,"
                + " dossier_code=?, rated=? WHERE id=?");
        s.setString(1, t.service());
        s.setString(2, t.priority());
        s.setString(3, t.state().name());
        s.setLong(4, t.queueKey());
        setInteger(s, 5, t.assignedCounter());
        setInteger(s, 6, t.counter());
        s.setString(7, t.officer());
        s.setInt(8, t.callCount());
        setInstant(s, 9, t.calledAt());
        setInstant(s, 10, t.startedAt());
        setInstant(s, 11, t.finishedAt());
        s.setString(12, t.dossierCode());
        s.setInt(13, t.rated() ? 1 : 0);
        s.setString(14, t.id());
        if (s.executeUpdate() != 1) {
            throw new SQLException("ticket " + t.id() + " is not in the database");
        }
    }

    private static void bindTicket(PreparedStatement s, TicketRecord t) throws SQLException {
        s.setString(1, t.id());
        s.setString(2, t.site());
        s.setString(3, t.service());
        s.setString(4, t.localDay().toString());
        s.setInt(5, t.sequence());
        s.setString(6, t.number());
        s.setString(7, t.priority());
        s.setString(8, t.channel());
        s.setString(9, t.state().name());
        s.setLong(10, t.issueOrder());
        s.setLong(11, t.queueKey());
        setInteger(s, 12, t.assignedCounter());
        setInteger(s, 13, t.counter());
        s.setString(14, t.officer());
        s.setInt(15, t.callCount());
        setInstant(s, 16, t.issuedAt());
        setInstant(s, 17, t.calledAt());
        setInstant(s, 18, t.startedAt());
        setInstant(s, 19, t.finishedAt());
        s.setString(20, t.dossierCode());
        s.setString(21, t.idempotencyKey());
        s.setInt(22, t.rated() ? 1 : 0);
    }

    public void saveDesk(String site, CounterDesk desk) throws SQLException {
        PreparedStatement s = statement(
                "INSERT INTO counter_desk (site, number, state, pause_reason, officer, ticket_id)"
                        + " VALUES (?,?,?,?,?,?) ON CONFLICT (site, number) DO UPDATE SET state=excluded.state,"
                        + " pause_reason=excluded.pause_reason, officer=excluded.officer, ticket_id=excluded.ticket_id");
        s.setString(1, site);
        s.setInt(2, desk.number());
        s.setString(3, desk.state().name());
        s.setString(4, desk.pauseReason());
        s.setString(5, desk.officer());
        s.setString(6, desk.ticketId());
        s.executeUpdate();
    }

    /** Stores an event in the stream and the outbox ({@code pending}, due at once). */
    public void insertEvent(QueueEvent event) throws SQLException {
        PreparedStatement s = statement("INSERT INTO event (site, seq, id, type, at, ticket_id, counter, payload,"
                + " next_attempt_at) VALUES (?,?,?,?,?,?,?,?,?)");
        s.setString(1, event.site());
        s.setLong(2, event.seq());
        s.setString(3, event.id());
        s.setString(4, event.type().wireName());
        setInstant(s, 5, event.at());
        s.setString(6, event.ticket() == null ? null : event.ticket().id());
        setInteger(s, 7, event.counter());
        s.setString(8, event.toJson().encode());
        setInstant(s, 9, event.at());
        s.executeUpdate();
    }

    public void insertRating(RatingRow r) throws SQLException {
        PreparedStatement s = statement("INSERT INTO rating (ticket_id, site, service, counter, officer, native_level,"
                + " scale, national_level, device, rated_at, dossier_code) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        s.setString(1, r.ticketId());
        s.setString(2, r.site());
        s.setString(3, r.service());
        setInteger(s, 4, r.counter());
        s.setString(5, r.officer());
        s.setInt(6, r.nativeLevel());
        s.setInt(7, r.scale());
        s.setInt(8, r.nationalLevel());
        s.setString(9, r.device());
        setInstant(s, 10, r.ratedAt());
        s.setString(11, r.dossierCode());
        s.executeUpdate();
    }

    /** The tickets to hold in memory: every ticket of {@code fromDay} or later, and every still-open older ticket. */
    public List<TicketRecord> loadTickets(String site, LocalDate fromDay) throws SQLException {
        List<TicketRecord> tickets = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT " + TICKET_COLUMNS
                + " FROM ticket WHERE site=? AND (local_day>=? OR state IN ('WAITING','CALLED','SERVING','NO_SHOW'))"
                + " ORDER BY issue_order")) {
            s.setString(1, site);
            s.setString(2, fromDay.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tickets.add(ticket(rs));
                }
            }
        }
        return tickets;
    }

    /** One ticket by id, from any day. */
    public TicketRecord loadTicket(String id) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement("SELECT " + TICKET_COLUMNS + " FROM ticket WHERE id=?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? ticket(rs) : null;
            }
        }
    }

    /**
     * The last sequence per issued service on a day (numbering continues after a restart). Offline tickets (channel
     * {@value #OFFLINE_CHANNEL}) do not count: their numbers lie in leased blocks, which the numbering skips anyway
     * (docs/adr/0029-offline-issuing.md), so the online sequence goes on where it was.
     */
    public Map<String, Integer> lastSequences(String site, LocalDate day) throws SQLException {
        Map<String, Integer> last = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT issued_service, MAX(sequence) FROM ticket"
                + " WHERE site=? AND local_day=? AND channel <> '" + OFFLINE_CHANNEL + "' GROUP BY issued_service")) {
            s.setString(1, site);
            s.setString(2, day.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return last;
    }

    public Map<Integer, CounterDesk> loadDesks(String site) throws SQLException {
        Map<Integer, CounterDesk> desks = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT number, state, pause_reason, officer, ticket_id FROM counter_desk WHERE site=?")) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    desks.put(
                            rs.getInt(1),
                            new CounterDesk(
                                    rs.getInt(1),
                                    CounterState.valueOf(rs.getString(2)),
                                    rs.getString(3),
                                    null,
                                    rs.getString(4),
                                    rs.getString(5)));
                }
            }
        }
        for (CounterDesk desk : List.copyOf(desks.values())) {
            if (desk.state() == CounterState.PAUSED) {
                desks.put(
                        desk.number(),
                        new CounterDesk(
                                desk.number(),
                                desk.state(),
                                desk.pauseReason(),
                                pausedAt(site, desk.number()),
                                desk.officer(),
                                desk.ticketId()));
            }
        }
        return desks;
    }

    /**
     * When a paused counter's pause began: the instant of its newest {@code counter.paused} event (the desk's row keeps
     * no time), or null when retention has deleted it. Reads the site's events backwards from the newest.
     */
    private Instant pausedAt(String site, int counter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT at FROM event WHERE site=? AND counter=? AND" + " type=? ORDER BY seq DESC LIMIT 1")) {
            s.setString(1, site);
            s.setInt(2, counter);
            s.setString(3, EventType.COUNTER_PAUSED.wireName());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? getInstant(rs, 1) : null;
            }
        }
    }

    /** The newest event seq of a site, 0 when none. */
    public long lastSeq(String site) throws SQLException {
        return singleLong("SELECT COALESCE(MAX(seq), 0) FROM event WHERE site=?", site);
    }

    /** The newest issue order of a site, 0 when none. */
    public long lastIssueOrder(String site) throws SQLException {
        return singleLong("SELECT COALESCE(MAX(issue_order), 0) FROM ticket WHERE site=?", site);
    }

    /** The largest and smallest queue keys of a site, so transfers to the back or front stay outside them. */
    public long[] queueKeyRange(String site) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT COALESCE(MIN(queue_key), 0), COALESCE(MAX(queue_key), 0) FROM ticket WHERE site=?")) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** The recent call-to-finish times per service (newest last), for the wait estimate. */
    public Map<String, List<Long>> recentServiceMillis(String site, int perService) throws SQLException {
        Map<String, List<Long>> times = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT service, finished_at - called_at FROM ticket"
                + " WHERE site=? AND state='DONE' AND called_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?")) {
            s.setString(1, site);
            s.setInt(2, perService * 50);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<Long> list = times.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    if (list.size() < perService) {
                        list.add(0, rs.getLong(2));
                    }
                }
            }
        }
        return times;
    }

    private long singleLong(String sql, String site) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static TicketRecord ticket(ResultSet rs) throws SQLException {
        return new TicketRecord(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                LocalDate.parse(rs.getString(4)),
                rs.getInt(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                TicketState.valueOf(rs.getString(9)),
                rs.getLong(10),
                rs.getLong(11),
                getInteger(rs, 12),
                getInteger(rs, 13),
                rs.getString(14),
                rs.getInt(15),
                getInstant(rs, 16),
                getInstant(rs, 17),
                getInstant(rs, 18),
                getInstant(rs, 19),
                rs.getString(20),
                rs.getString(21),
                rs.getInt(22) != 0);
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }

    static Integer getInteger(ResultSet rs, int index) throws SQLException {
        int value = rs.getInt(index);
        return rs.wasNull() ? null : value;
    }

    static Instant getInstant(ResultSet rs, int index) throws SQLException {
        long value = rs.getLong(index);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
