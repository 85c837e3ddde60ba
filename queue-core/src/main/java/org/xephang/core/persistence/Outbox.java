package org.xephang.core.persistence;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
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
    /** In a cluster: the sites whose events this node forwards now (the ones it owns); null = every site. */
    private final Supplier<Collection<String>> sites;
    /** In a cluster: the outbox of the engine that owns a site (its fenced writer marks), null when none here. */
    private final Function<String, Outbox> ownerOf;

    /** An outbox reading on {@code reader}, which stays the caller's. */
    public Outbox(Connection reader, GroupCommitWriter writer) {
        this(reader, null, writer);
    }

    /**
     * An outbox that owns its reader ({@link #close()} closes it) and replaces it from {@code renewal} when a read finds
     * it lost (a database restart). A null {@code reader} is opened from {@code renewal} at the first read: an engine of
     * a cluster node never reads its own outbox (the node's does), so it holds no connection for it.
     */
    public Outbox(Connection reader, ConnectionRenewal renewal, GroupCommitWriter writer) {
        this(reader, renewal, writer, null, null);
    }

    private Outbox(
            Connection reader,
            ConnectionRenewal renewal,
            GroupCommitWriter writer,
            Supplier<Collection<String>> sites,
            Function<String, Outbox> ownerOf) {
        this.reader = reader;
        this.renewal = renewal;
        this.writer = writer;
        this.sites = sites;
        this.ownerOf = ownerOf;
    }

    /**
     * The outbox of a node of a cluster (docs/adr/0027-request-forwarding-and-site-ownership.md): it reads only the
     * events of the sites the node owns now ({@code sites}), so exactly one node forwards a site's events, and marks
     * each through the outbox of the engine that owns its site ({@code ownerOf}): that engine's writer fences the mark
     * with the site's lease. A site no longer owned here refuses its marks with UNAVAILABLE (the event stays pending for
     * the next owner). The outbox owns {@code reader}.
     */
    public static Outbox ofOwnedSites(
            Connection reader,
            ConnectionRenewal renewal,
            Supplier<Collection<String>> sites,
            Function<String, Outbox> ownerOf) {
        return new Outbox(reader, renewal, null, sites, ownerOf);
    }

    /** The sites whose events this outbox reads now, or null for every site. */
    private List<String> ownedSites() {
        return sites == null ? null : List.copyOf(sites.get());
    }

    /** {@code " AND site IN (?, …)"} for {@code owned}, bound by {@link #bindSites}; nothing for every site. */
    private static String siteFilter(List<String> owned) {
        if (owned == null) {
            return "";
        }
        return " AND site IN (" + String.join(", ", java.util.Collections.nCopies(owned.size(), "?")) + ")";
    }

    private static int bindSites(PreparedStatement s, List<String> owned, int first) throws SQLException {
        int i = first;
        if (owned != null) {
            for (String site : owned) {
                s.setString(i++, site);
            }
        }
        return i;
    }

    /** Runs a read; when it fails on a lost connection, once more on a new one. */
    private <T> T read(Read<T> read) throws SQLException {
        if (reader == null) {
            reader = renewal.renew();
        }
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
        if (renewal != null && reader != null) {
            closeQuietly(reader);
            reader = null;
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
        List<String> owned = ownedSites();
        if (owned != null && owned.isEmpty()) {
            return List.of();
        }
        return read(connection -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM event"
                    + " WHERE delivery_state='pending' AND next_attempt_at<=?" + siteFilter(owned)
                    + " ORDER BY at, site, seq LIMIT ?")) {
                s.setLong(1, now.toEpochMilli());
                s.setInt(bindSites(s, owned, 2), limit);
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

    /** How many events are in a delivery state, over all sites (in a cluster: the sites owned here). Blocking. */
    public synchronized long count(DeliveryState state) throws SQLException {
        List<String> owned = ownedSites();
        if (owned != null && owned.isEmpty()) {
            return 0L;
        }
        return read(connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT COUNT(*) FROM event WHERE delivery_state=?" + siteFilter(owned))) {
                s.setString(1, state.column());
                bindSites(s, owned, 2);
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
        if (ownerOf != null) {
            Outbox owner = ownerOf.apply(site);
            if (owner == null) {
                return java.util.concurrent.CompletableFuture.failedFuture(new QueueError(
                        ErrorCode.UNAVAILABLE,
                        "Máy chủ này không còn giữ điểm \"" + site + "\"; sự kiện sẽ do máy chủ mới chuyển tiếp.",
                        "This server no longer holds site \"" + site + "\"; the new server will forward the event."));
            }
            return owner.update(sql, site, seq, leading);
        }
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
                            ErrorCode.NOT_FOUND,
                            "Không có sự kiện số " + seq + " của điểm \"" + site + "\".",
                            "No event number " + seq + " of site \"" + site + "\".");
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
