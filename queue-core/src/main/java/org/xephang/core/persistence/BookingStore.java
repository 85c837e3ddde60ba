package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xephang.core.appointment.Booking;

/**
 * The SQL of the appointments ({@code appointment} table, both stores): runs on the writer's connection inside its
 * transaction, so that a booking's capacity check and its insert are never interleaved with another booking's. Blocking;
 * not thread-safe (one per connection).
 */
public final class BookingStore {

    private static final String COLUMNS =
            "code, site, service, slot_start, slot_end, name, phone, created_at, ticket_id";

    private final Connection connection;

    public BookingStore(Connection connection) {
        this.connection = connection;
    }

    /** Stores a new booking; {@code localDay} is its slot's day, {@code createdDay} the day it was made, both local. */
    public void insert(Booking booking, LocalDate localDay, LocalDate createdDay) throws SQLException {
        insert(booking, localDay, createdDay, null);
    }

    /** Stores a new booking imported from the portal with the portal's id ({@code null}: made here). */
    public void insert(Booking booking, LocalDate localDay, LocalDate createdDay, String externalId)
            throws SQLException {
        if (!tryInsert(booking, localDay, createdDay, externalId, null)) {
            throw new SQLException("appointment " + booking.code() + " or its portal id is already in the database");
        }
    }

    /**
     * Stores a new booking unless its code, its portal id or its phone's turn of the day ({@code phoneTurn}, schema
     * V11; null for none) is already taken, also by another node's transaction committed meanwhile (PostgreSQL waits
     * for it): false, and nothing written. The store's unique keys decide, not memory, so nodes of a cluster never give
     * one code twice nor a phone more turns than allowed.
     */
    public boolean tryInsert(
            Booking booking, LocalDate localDay, LocalDate createdDay, String externalId, Integer phoneTurn)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO appointment (" + COLUMNS
                + ", local_day, created_day, external_id, phone_turn) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT DO NOTHING")) {
            s.setString(1, booking.code());
            s.setString(2, booking.site());
            s.setString(3, booking.service());
            s.setLong(4, booking.start().toEpochMilli());
            s.setLong(5, booking.end().toEpochMilli());
            s.setString(6, booking.name());
            s.setString(7, booking.phone());
            s.setLong(8, booking.createdAt().toEpochMilli());
            s.setString(9, booking.ticketId());
            s.setString(10, localDay.toString());
            s.setString(11, createdDay.toString());
            s.setString(12, externalId);
            if (phoneTurn == null) {
                s.setNull(13, java.sql.Types.INTEGER);
            } else {
                s.setInt(13, phoneTurn);
            }
            return s.executeUpdate() == 1;
        }
    }

    /** The first turn (1, 2, …) of a phone on the day its bookings were made that no booking holds. */
    public int freePhoneTurn(String phone, LocalDate createdDay) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT phone_turn FROM appointment"
                + " WHERE phone = ? AND created_day = ? AND phone_turn IS NOT NULL ORDER BY phone_turn")) {
            s.setString(1, phone);
            s.setString(2, createdDay.toString());
            int turn = 1;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && rs.getInt(1) == turn) {
                    turn++;
                }
            }
            return turn;
        }
    }

    public Optional<Booking> find(String code) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM appointment WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(booking(rs)) : Optional.empty();
            }
        }
    }

    /** The booking a portal import made with this id at this site. */
    public Optional<Booking> findExternal(String site, String externalId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM appointment WHERE site = ? AND external_id = ?")) {
            s.setString(1, site);
            s.setString(2, externalId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(booking(rs)) : Optional.empty();
            }
        }
    }

    /** A site's bookings of a local day, in slot order, then by when they were made. */
    public List<Booking> day(String site, LocalDate day) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM appointment WHERE site = ? AND local_day = ? ORDER BY slot_start, created_at, code")) {
            s.setString(1, site);
            s.setString(2, day.toString());
            List<Booking> bookings = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    bookings.add(booking(rs));
                }
            }
            return bookings;
        }
    }

    /** The places booked per slot start of a site's service on a local day. */
    public Map<Instant, Integer> bookedPerSlot(String site, String service, LocalDate day) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT slot_start, COUNT(*) FROM appointment"
                + " WHERE site = ? AND local_day = ? AND service = ? GROUP BY slot_start")) {
            s.setString(1, site);
            s.setString(2, day.toString());
            s.setString(3, service);
            Map<Instant, Integer> booked = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    booked.put(Instant.ofEpochMilli(rs.getLong(1)), rs.getInt(2));
                }
            }
            return booked;
        }
    }

    /** How many bookings a phone number made on a local day (the abuse limit). */
    public int bookedByPhone(String phone, LocalDate createdDay) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement("SELECT COUNT(*) FROM appointment WHERE phone = ? AND created_day = ?")) {
            s.setString(1, phone);
            s.setString(2, createdDay.toString());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public boolean exists(String code) throws SQLException {
        return find(code).isPresent();
    }

    public void markCheckedIn(String code, String ticketId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE appointment SET ticket_id = ? WHERE code = ?")) {
            s.setString(1, ticketId);
            s.setString(2, code);
            if (s.executeUpdate() != 1) {
                throw new SQLException("appointment " + code + " is not in the database");
            }
        }
    }

    /** Moves a booking to another slot (its day may change too). */
    public void move(String code, Instant start, Instant end, LocalDate localDay) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE appointment SET slot_start = ?, slot_end = ?, local_day = ? WHERE code = ?")) {
            s.setLong(1, start.toEpochMilli());
            s.setLong(2, end.toEpochMilli());
            s.setString(3, localDay.toString());
            s.setString(4, code);
            if (s.executeUpdate() != 1) {
                throw new SQLException("appointment " + code + " is not in the database");
            }
        }
    }

    /** Removes a cancelled booking, and with it the name and phone. */
    public void delete(String code) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM appointment WHERE code = ?")) {
            s.setString(1, code);
            s.executeUpdate();
        }
    }

    /** Blanks the name and phone of a site's bookings of days before {@code today}: kept only as long as needed. */
    public int forgetPersonalDataBefore(String site, LocalDate today) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE appointment SET name = NULL, phone = NULL"
                + " WHERE site = ? AND local_day < ? AND (name IS NOT NULL OR phone IS NOT NULL)")) {
            s.setString(1, site);
            s.setString(2, today.toString());
            return s.executeUpdate();
        }
    }

    private static Booking booking(ResultSet rs) throws SQLException {
        return new Booking(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)),
                Instant.ofEpochMilli(rs.getLong(5)),
                rs.getString(6),
                rs.getString(7),
                Instant.ofEpochMilli(rs.getLong(8)),
                rs.getString(9));
    }
}
