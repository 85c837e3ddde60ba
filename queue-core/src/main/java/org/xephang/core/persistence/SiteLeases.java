package org.xephang.core.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Site ownership for a cluster of nodes on one PostgreSQL store (docs/architecture.md §10): a lease row per site with a
 * fencing epoch. A node {@linkplain #acquire acquires} a site when nobody holds it or the holder's lease ran out; the
 * epoch grows by one at every acquisition. Inside every write transaction the owner {@linkplain #fence renews} its
 * leases WHERE its owner id and epochs still match: a former owner (paused, cut off) that lost a site finds no row,
 * and its transaction is rolled back before anything it wrote is committed. The row lock taken by the renewal also
 * makes a concurrent acquisition wait for the owner's commit, after which it sees the renewed lease and fails.
 * PostgreSQL only. Blocking: call on the writer thread (fence) or a worker.
 */
public final class SiteLeases {

    /** A site held by a node: {@code epoch} is the fencing token. */
    public record Lease(String site, String owner, long epoch, Instant expiresAt) {}

    /** The node no longer owns one of its sites: the transaction must not commit. */
    public static final class FencedException extends SQLException {
        public FencedException(String message) {
            super(message);
        }
    }

    private SiteLeases() {}

    /**
     * Takes a site when it is free or its lease ended before {@code now} (in the caller's transaction, or alone with
     * auto-commit), with a new epoch.
     *
     * @return the lease, or empty when another node holds it
     */
    public static Optional<Lease> acquire(Connection connection, String site, String owner, Instant now, Duration ttl)
            throws SQLException {
        return acquire(connection, site, owner, now, ttl, null, now);
    }

    /**
     * {@link #acquire(Connection, String, String, Instant, Duration)}, also taking the site from {@code gone} (the lease
     * of a node the cluster's membership dropped) when that lease is still the row's, with its owner and epoch, and was
     * last renewed so long ago that it expires before {@code goneIfExpiresBefore}: the holder missed its renewals as
     * well as its heartbeats (docs/adr/0033-takeover-without-waiting-the-lease.md). The new epoch fences whatever that
     * node might still try to commit; a live holder renewing on time is never taken.
     */
    public static Optional<Lease> acquire(
            Connection connection,
            String site,
            String owner,
            Instant now,
            Duration ttl,
            Lease gone,
            Instant goneIfExpiresBefore)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO site_lease (site, owner, epoch, expires_at)"
                + " VALUES (?, ?, 1, ?) ON CONFLICT (site) DO UPDATE SET owner = excluded.owner,"
                + " epoch = site_lease.epoch + 1, expires_at = excluded.expires_at"
                + " WHERE site_lease.expires_at < ?"
                + " OR (site_lease.owner = ? AND site_lease.epoch = ? AND site_lease.expires_at < ?)"
                + " RETURNING epoch, expires_at")) {
            s.setString(1, site);
            s.setString(2, owner);
            s.setLong(3, now.plus(ttl).toEpochMilli());
            s.setLong(4, now.toEpochMilli());
            s.setString(5, gone == null ? "" : gone.owner());
            s.setLong(6, gone == null ? -1 : gone.epoch());
            s.setLong(7, gone == null ? now.toEpochMilli() : goneIfExpiresBefore.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(site, owner, rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))));
            }
        }
    }

    /**
     * Gives a lease back (a node that hands a site to another after its last commit): the row expires at once, so the
     * next owner need not wait for the lease to run out. Nothing happens when another node already took the site.
     *
     * @return whether the lease was still this one and is now given back
     */
    public static boolean release(Connection connection, Lease lease) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE site_lease SET expires_at = 0 WHERE site = ? AND owner = ? AND epoch = ?")) {
            s.setString(1, lease.site());
            s.setString(2, lease.owner());
            s.setLong(3, lease.epoch());
            return s.executeUpdate() == 1;
        }
    }

    /** Who holds a site now, if anyone ever did. */
    public static Optional<Lease> holder(Connection connection, String site) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement("SELECT owner, epoch, expires_at FROM site_lease WHERE site = ?")) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Lease(site, rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))));
            }
        }
    }

    /**
     * Inside a write transaction: renews every lease of {@code leases} until {@code now + ttl}, checking that each is
     * still held by its owner with its epoch.
     *
     * @throws FencedException naming the sites lost; the caller rolls the transaction back
     */
    public static void fence(Connection connection, Collection<Lease> leases, Instant now, Duration ttl)
            throws SQLException {
        if (leases.isEmpty()) {
            return;
        }
        String owner = leases.iterator().next().owner();
        String[] sites = leases.stream().map(Lease::site).toArray(String[]::new);
        Long[] epochs = leases.stream().map(Lease::epoch).toArray(Long[]::new);
        Array siteArray = connection.createArrayOf("text", sites);
        Array epochArray = connection.createArrayOf("bigint", epochs);
        int renewed;
        try (PreparedStatement s = connection.prepareStatement("UPDATE site_lease SET expires_at = ?"
                + " FROM unnest(?::text[], ?::bigint[]) AS mine(site, epoch)"
                + " WHERE site_lease.site = mine.site AND site_lease.epoch = mine.epoch AND site_lease.owner = ?")) {
            s.setLong(1, now.plus(ttl).toEpochMilli());
            s.setArray(2, siteArray);
            s.setArray(3, epochArray);
            s.setString(4, owner);
            renewed = s.executeUpdate();
        } finally {
            siteArray.free();
            epochArray.free();
        }
        if (renewed != leases.size()) {
            throw new FencedException("node " + owner + " no longer owns " + (leases.size() - renewed) + " of its "
                    + leases.size() + " site(s): another node took them over; nothing of this transaction is kept");
        }
    }
}
