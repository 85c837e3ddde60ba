package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Token revocations shared by every server on the store (schema V6, issue #13 finding 4): each account's token
 * generation (revoking every token of an account moves it on; one token may be kept, the one that changed its own
 * password) and single revoked tokens until they would have expired. A server writes its revocations here at once and
 * reads the others' every second. Same SQL on SQLite and PostgreSQL. Blocking: call from a worker.
 */
public final class RevocationRecords {

    /** An account's generation and the one token of the generation before that still counts, or null. */
    public record Generation(long generation, String keptToken) {}

    private RevocationRecords() {}

    /** Every account's generation, by username. */
    public static Map<String, Generation> generations(Connection connection) throws SQLException {
        Map<String, Generation> generations = new HashMap<>();
        try (PreparedStatement s =
                        connection.prepareStatement("SELECT username, generation, kept_token FROM token_generation");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                generations.put(rs.getString(1), new Generation(rs.getLong(2), rs.getString(3)));
            }
        }
        return generations;
    }

    /** Raises an account's generation to {@code generation} (never lowers it: another server may be ahead). */
    public static void saveGeneration(Connection connection, String username, Generation generation, Instant at)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO token_generation (username, generation, kept_token, saved_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (username) DO UPDATE SET"
                        + " kept_token = CASE WHEN excluded.generation >= token_generation.generation"
                        + " THEN excluded.kept_token ELSE token_generation.kept_token END,"
                        + " generation = CASE WHEN excluded.generation > token_generation.generation"
                        + " THEN excluded.generation ELSE token_generation.generation END,"
                        + " saved_at = excluded.saved_at")) {
            s.setString(1, username);
            s.setLong(2, generation.generation());
            if (generation.keptToken() == null) {
                s.setNull(3, Types.VARCHAR);
            } else {
                s.setString(3, generation.keptToken());
            }
            s.setLong(4, at.toEpochMilli());
            s.executeUpdate();
        }
    }

    /** Revokes one token until {@code expiresAt}. */
    public static void revokeToken(Connection connection, String tokenId, Instant expiresAt, Instant at)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO revoked_token (token_id, expires_at, revoked_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (token_id) DO NOTHING")) {
            s.setString(1, tokenId);
            s.setLong(2, expiresAt.toEpochMilli());
            s.setLong(3, at.toEpochMilli());
            s.executeUpdate();
        }
    }

    /** The tokens revoked since {@code since} (all when null) that have not expired by {@code now}. */
    public static Map<String, Instant> revokedTokens(Connection connection, Instant since, Instant now)
            throws SQLException {
        Map<String, Instant> revoked = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT token_id, expires_at FROM revoked_token WHERE revoked_at >= ? AND expires_at > ?")) {
            s.setLong(1, since == null ? Long.MIN_VALUE : since.toEpochMilli());
            s.setLong(2, now.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    revoked.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
        }
        return revoked;
    }

    /** Forgets tokens that have expired anyway. */
    public static int purgeExpired(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM revoked_token WHERE expires_at <= ?")) {
            s.setLong(1, now.toEpochMilli());
            return s.executeUpdate();
        }
    }
}
