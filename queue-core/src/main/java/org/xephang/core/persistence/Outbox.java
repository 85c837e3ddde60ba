package org.xephang.core.persistence;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * The outbox of the dossier forwarder: the {@code event} table's delivery columns (docs/adr/0012-outbox-in-the-event-table.md). Every
 * event is written {@code pending} in the same transaction as its change; the forwarder reads what is due, delivers it
 * and marks it {@code delivered}, or records the failure and the next attempt, or gives up ({@code dead}).
 *
 * <p>Reads ({@link #due}, {@link #list}, {@link #count}) are blocking and use a separate read connection (call from a
 * worker). Marks go through the single writer and return a stage that completes after the commit.
 */
public final class Outbox {

    /** Where an event stands with the forwarder. */
    public enum DeliveryState {
        PENDING,
        DELIVERED,
        DEAD;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One outbox row.
     *
     * @param payload the event's JSON exactly as streamed ({@code QueueEvent.fromJson} reads it)
     * @param attempts failed delivery attempts so far
     */
    public record Entry(
            String site,
            long seq,
            String eventId,
            String type,
            Instant at,
            JsonObject payload,
            DeliveryState state,
            int attempts,
            Instant nextAttemptAt,
            String lastError) {}

    private static final String COLUMNS =
            "site, seq, id, type, at, payload, delivery_state, attempts, next_attempt_at, last_error";

    /** Reads one result from the reader connection. */
    @FunctionalInterface
    private interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private Connection reader;
    private final ConnectionRenewal renewal;
    private final GroupCommitWriter writer;

    /** An outbox reading on {@code reader}, which stays the caller's. */
    public Outbox(Connection reader, GroupCommitWriter writer) {
        this(reader, null, writer);
    }

    /**
     * An outbox that owns its reader ({@link #close()} closes it) and replaces it from {@code renewal} when a read finds
     * it lost (a database restart).
     */
    public Outbox(Connection reader, ConnectionRenewal renewal, GroupCommitWriter writer) {
        this.reader = reader;
        this.renewal = renewal;
        this.writer = writer;
    }

    /** Runs a read; when it fails on a lost connection, once more on a new one. */
    private <T> T read(Read<T> read) throws SQLException {
        try {
            return read.run(reader);
        } catch (SQLException failed) {
            if (renewal == null || reader.isValid(1)) {
                throw failed;
            }
            LOG.warn("Outbox: the read connection was lost ({}); reading again on a new one", failed.getMessage());
            Connection lost = reader;
            reader = renewal.renew();
            closeQuietly(lost);
            return read.run(reader);
        }
    }

    /** Closes the reader when the outbox owns it (built with a renewal). */
    public synchronized void close() {
        if (renewal != null) {
            closeQuietly(reader);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing an outbox read connection failed: {}", e.getMessage());
        }
    }

    /** Pending events whose next attempt is due at {@code now}, oldest first (per site in seq order). Blocking. */
    public synchronized List<Entry> due(Instant now, int limit) throws SQLException {
        return read(connection -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM event"
                    + " WHERE delivery_state='pending' AND next_attempt_at<=? ORDER BY at, site, seq LIMIT ?")) {
                s.setLong(1, now.toEpochMilli());
                s.setInt(2, limit);
                return entries(s);
            }
        });
    }

    /** A site's events in a delivery state, newest first (e.g. the dead ones for the admin page). Blocking. */
    public synchronized List<Entry> list(String site, DeliveryState state, int limit) throws SQLException {
        return read(connection -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM event"
                    + " WHERE site=? AND delivery_state=? ORDER BY seq DESC LIMIT ?")) {
                s.setString(1, site);
                s.setString(2, state.column());
                s.setInt(3, limit);
                return entries(s);
            }
        });
    }

    /** How many events are in a delivery state, over all sites. Blocking. */
    public synchronized long count(DeliveryState state) throws SQLException {
        return read(connection -> {
            try (PreparedStatement s =
                    connection.prepareStatement("SELECT COUNT(*) FROM event WHERE delivery_state=?")) {
                s.setString(1, state.column());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** The event was delivered. */
    public CompletionStage<Void> markDelivered(String site, long seq, Instant at) {
        return update(
                "UPDATE event SET delivery_state='delivered', delivered_at=?, last_error=NULL WHERE site=? AND seq=?",
                site,
                seq,
                at.toEpochMilli());
    }

    /** A delivery attempt failed; the event stays pending until {@code nextAttemptAt}. */
    public CompletionStage<Void> markFailed(String site, long seq, String error, Instant nextAttemptAt) {
        return update(
                "UPDATE event SET attempts=attempts+1, last_error=?, next_attempt_at=? WHERE site=? AND seq=?",
                site,
                seq,
                error,
                nextAttemptAt.toEpochMilli());
    }

    /** The forwarder gives up on this event (it shows in the dead list until retried). */
    public CompletionStage<Void> markDead(String site, long seq, String error) {
        return update(
                "UPDATE event SET delivery_state='dead', attempts=attempts+1, last_error=? WHERE site=? AND seq=?",
                site,
                seq,
                error);
    }

    /** A dead event goes back to pending, due at {@code now}, with its attempts reset. */
    public CompletionStage<Void> retry(String site, long seq, Instant now) {
        return update(
                "UPDATE event SET delivery_state='pending', attempts=0, next_attempt_at=? WHERE site=? AND seq=?",
                site,
                seq,
                now.toEpochMilli());
    }

    /** Runs an UPDATE with the leading values, then site and seq; UNKNOWN (NOT_FOUND) when no row matched. */
    private CompletionStage<Void> update(String sql, String site, long seq, Object... leading) {
        return writer.submit(tx -> {
            try (PreparedStatement s = tx.connection().prepareStatement(sql)) {
                int i = 1;
                for (Object value : leading) {
                    s.setObject(i++, value);
                }
                s.setString(i++, site);
                s.setLong(i, seq);
                if (s.executeUpdate() == 0) {
                    throw new QueueError(
                            ErrorCode.NOT_FOUND, "Không có sự kiện số " + seq + " của điểm \"" + site + "\".");
                }
            }
            return null;
        });
    }

    private static List<Entry> entries(PreparedStatement s) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                entries.add(new Entry(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)),
                        new JsonObject(rs.getString(6)),
                        DeliveryState.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                        rs.getInt(8),
                        Instant.ofEpochMilli(rs.getLong(9)),
                        rs.getString(10)));
            }
        }
        return entries;
    }
}
