package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xephang.core.ticket.NumberBlock;

/**
 * The SQL of the number blocks leased to kiosks ({@code number_block}, both stores; docs/adr/0029-offline-issuing.md):
 * on the writer's connection, inside its transaction, so a lease and the numbering that skips it commit together.
 * Also the queue-key shift that places an uploaded offline ticket among the waiting ones. Blocking; not thread-safe.
 */
public final class NumberBlockStore {

    private static final String COLUMNS = "id, site, kiosk, service, local_day, first_seq, last_seq, used, leased_at";

    private final Connection connection;

    public NumberBlockStore(Connection connection) {
        this.connection = connection;
    }

    public void insert(NumberBlock block) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement("INSERT INTO number_block (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)")) {
            s.setString(1, block.id());
            s.setString(2, block.site());
            s.setString(3, block.kiosk());
            s.setString(4, block.service());
            s.setString(5, block.day().toString());
            s.setInt(6, block.first());
            s.setInt(7, block.last());
            s.setInt(8, block.used());
            s.setLong(9, block.leasedAt().toEpochMilli());
            s.executeUpdate();
        }
    }

    /** The site's blocks of a day, in lease order (blocks are leased from the top down). */
    public List<NumberBlock> day(String site, LocalDate day) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM number_block WHERE site = ? AND local_day = ? ORDER BY first_seq DESC")) {
            s.setString(1, site);
            s.setString(2, day.toString());
            List<NumberBlock> blocks = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    blocks.add(block(rs));
                }
            }
            return blocks;
        }
    }

    /** The block of a service's day holding {@code sequence}, if one was leased. */
    public Optional<NumberBlock> holding(String site, String service, LocalDate day, int sequence) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM number_block WHERE site = ?"
                + " AND service = ? AND local_day = ? AND first_seq <= ? AND last_seq >= ?")) {
            s.setString(1, site);
            s.setString(2, service);
            s.setString(3, day.toString());
            s.setInt(4, sequence);
            s.setInt(5, sequence);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(block(rs)) : Optional.empty();
            }
        }
    }

    /** Whether a ticket already holds this number of a service's day. */
    public boolean numberTaken(String site, String service, LocalDate day, int sequence) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT 1 FROM ticket WHERE site = ?" + " AND issued_service = ? AND local_day = ? AND sequence = ?")) {
            s.setString(1, site);
            s.setString(2, service);
            s.setString(3, day.toString());
            s.setInt(4, sequence);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One more offline ticket of the block was uploaded. */
    public void countUsed(String id) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement("UPDATE number_block SET used = used + 1 WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    /**
     * Makes room at {@code key} in the site's queue: every open ticket with a key from {@code key} on moves one back
     * (their order among themselves is kept).
     */
    public void shiftQueueKeys(String site, long key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE ticket SET queue_key = queue_key + 1"
                + " WHERE site = ? AND queue_key >= ? AND state IN ('WAITING','CALLED','SERVING','NO_SHOW')")) {
            s.setString(1, site);
            s.setLong(2, key);
            s.executeUpdate();
        }
    }

    private static NumberBlock block(ResultSet rs) throws SQLException {
        return new NumberBlock(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                LocalDate.parse(rs.getString(5)),
                rs.getInt(6),
                rs.getInt(7),
                rs.getInt(8),
                Instant.ofEpochMilli(rs.getLong(9)));
    }
}
