package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables of "sắp đến lượt" / "mời đến quầy" messages (schema V4): {@code notification_subscription} (the
 * citizen's number for a ticket, deleted at its {@code purge_at}) and {@code notification} (one row per ticket and
 * kind, the messages' outbox). The same SQL on SQLite and PostgreSQL. Plain JDBC on the connection given: the engine's
 * writer connection inside its transaction for what the engine writes, a reader connection (on a worker) for the
 * sender's reads. Blocking; not thread-safe (one instance per connection, used by one thread at a time).
 *
 * <p>Phone numbers are personal data: this class never logs, and its rows' {@code toString} masks them.
 */
public final class NotificationStore {

    /** A ticket's subscription. */
    public record Subscription(String ticketId, String site, String phone, Instant consentAt, Instant purgeAt) {
        @Override
        public String toString() {
            return "Subscription[ticketId=" + ticketId + ", site=" + site + ", phone=***" + last3(phone)
                    + ", consentAt=" + consentAt + ", purgeAt=" + purgeAt + "]";
        }
    }

    /** One message row. {@code phone} is null once purged. */
    public record Message(
            String id,
            String site,
            String ticketId,
            String kind,
            String provider,
            String phone,
            String payload,
            String state,
            Instant dueAt,
            int attempts,
            Instant nextAttemptAt,
            String lastError) {
        @Override
        public String toString() {
            return "Message[id=" + id + ", site=" + site + ", kind=" + kind + ", provider=" + provider + ", phone=***"
                    + last3(phone) + ", state=" + state + ", attempts=" + attempts + ", lastError=" + lastError + "]";
        }
    }

    private static final String MESSAGE_COLUMNS = "id, site, ticket_id, kind, provider, phone, payload, state, due_at,"
            + " attempts, next_attempt_at, last_error";

    private final Connection connection;

    public NotificationStore(Connection connection) {
        this.connection = connection;
    }

    /** Keeps {@code phone} for the ticket (replacing an earlier number of the same ticket). */
    public void subscribe(Subscription subscription) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO notification_subscription"
                + " (ticket_id, site, phone, consent_at, purge_at) VALUES (?,?,?,?,?)"
                + " ON CONFLICT (ticket_id) DO UPDATE SET phone=excluded.phone, consent_at=excluded.consent_at,"
                + " purge_at=excluded.purge_at")) {
            s.setString(1, subscription.ticketId());
            s.setString(2, subscription.site());
            s.setString(3, subscription.phone());
            s.setLong(4, subscription.consentAt().toEpochMilli());
            s.setLong(5, subscription.purgeAt().toEpochMilli());
            s.executeUpdate();
        }
    }

    /** A site's subscriptions still kept at {@code now}, by ticket id. */
    public Map<String, Subscription> subscriptions(String site, Instant now) throws SQLException {
        Map<String, Subscription> result = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT ticket_id, site, phone, consent_at, purge_at"
                + " FROM notification_subscription WHERE site=? AND purge_at>? ORDER BY consent_at")) {
            s.setString(1, site);
            s.setLong(2, now.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.put(
                            rs.getString(1),
                            new Subscription(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    Instant.ofEpochMilli(rs.getLong(4)),
                                    Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
        }
        return result;
    }

    /** The kinds already recorded for each ticket of a site ({@code near-turn}, {@code called}). */
    public Map<String, Set<String>> recordedKinds(String site) throws SQLException {
        Map<String, Set<String>> result = new HashMap<>();
        try (PreparedStatement s =
                connection.prepareStatement("SELECT ticket_id, kind FROM notification WHERE site=?")) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                            .add(rs.getString(2));
                }
            }
        }
        return result;
    }

    /**
     * Records a message that became due, pending from {@code dueAt}; false (and nothing written) when the ticket already
     * has a message of that kind (a kind is due once per ticket) or a message with this id exists. {@code ticketId}
     * is null for a message of no ticket (schema V9).
     */
    public boolean recordDue(
            String id,
            String site,
            String ticketId,
            String kind,
            String provider,
            String phone,
            String payload,
            Instant dueAt)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO notification"
                + " (id, site, ticket_id, kind, provider, phone, payload, state, due_at, attempts, next_attempt_at)"
                + " VALUES (?,?,?,?,?,?,?,'pending',?,0,?) ON CONFLICT DO NOTHING")) {
            s.setString(1, id);
            s.setString(2, site);
            if (ticketId == null) {
                s.setNull(3, Types.VARCHAR);
            } else {
                s.setString(3, ticketId);
            }
            s.setString(4, kind);
            s.setString(5, provider);
            s.setString(6, phone);
            s.setString(7, payload);
            s.setLong(8, dueAt.toEpochMilli());
            s.setLong(9, dueAt.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    /** Pending messages due at {@code now}, oldest first. */
    public List<Message> due(Instant now, int limit) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM notification"
                + " WHERE state='pending' AND next_attempt_at<=? AND phone IS NOT NULL ORDER BY next_attempt_at, id"
                + " LIMIT ?")) {
            s.setLong(1, now.toEpochMilli());
            s.setInt(2, limit);
            return messages(s);
        }
    }

    /**
     * {@link #due(Instant, int)} of some sites only: a node of a cluster sends the messages of the sites it owns
     * (docs/adr/0034-messages-and-appointments-in-a-cluster.md). None when {@code sites} is empty.
     */
    public List<Message> due(Instant now, int limit, Collection<String> sites) throws SQLException {
        if (sites.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(sites.size(), "?"));
        try (PreparedStatement s = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM notification"
                + " WHERE state='pending' AND next_attempt_at<=? AND phone IS NOT NULL AND site IN (" + marks + ")"
                + " ORDER BY next_attempt_at, id LIMIT ?")) {
            int i = 1;
            s.setLong(i++, now.toEpochMilli());
            for (String site : sites) {
                s.setString(i++, site);
            }
            s.setInt(i, limit);
            return messages(s);
        }
    }

    /** A site's messages in a state ({@code pending}, {@code sent}, {@code dead}), newest first. */
    public List<Message> list(String site, String state, int limit) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM notification"
                + " WHERE site=? AND state=? ORDER BY due_at DESC, id LIMIT ?")) {
            s.setString(1, site);
            s.setString(2, state);
            s.setInt(3, limit);
            return messages(s);
        }
    }

    /** Marks a message sent; a message of no ticket (a booking's, an SMS answer) forgets its number at once. */
    public void markSent(String id, Instant at) throws SQLException {
        update(
                "UPDATE notification SET state='sent', sent_at=?, last_error=NULL,"
                        + " phone=CASE WHEN ticket_id IS NULL THEN NULL ELSE phone END WHERE id=?",
                at.toEpochMilli(),
                id);
    }

    public void markRetry(String id, String error, Instant nextAttemptAt) throws SQLException {
        update(
                "UPDATE notification SET attempts=attempts+1, last_error=?, next_attempt_at=? WHERE id=?",
                error,
                nextAttemptAt.toEpochMilli(),
                id);
    }

    /** Gives a message up; a message of no ticket forgets its number at once. */
    public void markDead(String id, String reason) throws SQLException {
        update(
                "UPDATE notification SET state='dead', attempts=attempts+1, last_error=?,"
                        + " phone=CASE WHEN ticket_id IS NULL THEN NULL ELSE phone END WHERE id=?",
                reason,
                id);
    }

    /**
     * Deletes the numbers whose time is up at {@code now}: the subscriptions, and the number in their messages (a
     * message still pending then is given up, "hết ngày"). Returns how many subscriptions were deleted.
     */
    public int purge(Instant now) throws SQLException {
        long at = now.toEpochMilli();
        update(
                "UPDATE notification SET state='dead', last_error='hết ngày: số điện thoại đã xoá'"
                        + " WHERE state='pending' AND ticket_id IN"
                        + " (SELECT ticket_id FROM notification_subscription WHERE purge_at<=?)",
                at);
        update(
                "UPDATE notification SET phone=NULL WHERE phone IS NOT NULL AND ticket_id IN"
                        + " (SELECT ticket_id FROM notification_subscription WHERE purge_at<=?)",
                at);
        try (PreparedStatement s =
                connection.prepareStatement("DELETE FROM notification_subscription WHERE purge_at<=?")) {
            s.setLong(1, at);
            return s.executeUpdate();
        }
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    s.setNull(i + 1, Types.VARCHAR);
                } else if (value instanceof Long number) {
                    s.setLong(i + 1, number);
                } else {
                    s.setString(i + 1, value.toString());
                }
            }
            s.executeUpdate();
        }
    }

    private static List<Message> messages(PreparedStatement s) throws SQLException {
        List<Message> result = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                result.add(new Message(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9)),
                        rs.getInt(10),
                        Instant.ofEpochMilli(rs.getLong(11)),
                        rs.getString(12)));
            }
        }
        return result;
    }

    private static String last3(String phone) {
        return phone == null || phone.length() < 3 ? "" : phone.substring(phone.length() - 3);
    }
}
