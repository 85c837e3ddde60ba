package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sites one node incarnation owns on a PostgreSQL store ({@link SiteLeases}): acquired when the engine opens,
 * renewed and checked in every write group ({@link #fence}). The owner id is the node's name and a random id of this
 * start, so a restarted node never mistakes the leases of its former incarnation for its own.
 */
public final class SiteOwnership {

    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, SiteLeases.Lease> leases = new LinkedHashMap<>();
    /** Until when the leases are known to be held: the expiry written by the last committed acquisition or fence. */
    private Instant heldUntil = Instant.MIN;
    /** Another node took a site over: this incarnation never owns again (restart the node to rejoin). */
    private boolean lost;
    /** Leases of nodes the membership dropped, per site: taken without waiting for them to run out. */
    private final Map<String, SiteLeases.Lease> gone = new LinkedHashMap<>();

    /** Another node holds a site this node was to own. */
    public static final class SiteOwnedElsewhereException extends SQLException {
        public SiteOwnedElsewhereException(String message) {
            super(message);
        }
    }

    public SiteOwnership(String owner, Duration ttl, Clock clock) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("a node needs a name to own sites");
        }
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a site lease lasts at least 1 s, got " + ttl);
        }
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A new incarnation of the node {@code nodeName}. */
    public static SiteOwnership forNode(String nodeName, Duration ttl, Clock clock) {
        return new SiteOwnership(nodeName + "/" + UUID.randomUUID().toString().substring(0, 8), ttl, clock);
    }

    public String owner() {
        return owner;
    }

    public Duration ttl() {
        return ttl;
    }

    /** The fencing epoch of each owned site. */
    public synchronized Map<String, Long> epochs() {
        Map<String, Long> epochs = new LinkedHashMap<>();
        leases.forEach((site, lease) -> epochs.put(site, lease.epoch()));
        return epochs;
    }

    /**
     * Marks a site's current lease as that of a node the cluster's membership dropped ({@code leaseOwner} with {@code
     * epoch}, as that node published them): {@link #acquireAll} then takes the site from it once the lease went
     * unrenewed for longer than its renewal period, instead of waiting for it to run out
     * (docs/adr/0033-takeover-without-waiting-the-lease.md).
     */
    public synchronized void presumeGone(String site, String leaseOwner, long epoch) {
        gone.put(site, new SiteLeases.Lease(site, leaseOwner, epoch, Instant.MIN));
    }

    /**
     * How often an idle owner renews its leases (a write group renews them too): a sixth of the lease, so that a lease
     * unrenewed for {@link #staleAfter} says its holder stopped, not that it is between two renewals.
     */
    public Duration renewEvery() {
        return ttl.dividedBy(6);
    }

    /**
     * How long a lease must have gone unrenewed before a node the membership dropped loses it: its renewal period and
     * half a second more (1.5 s for a 6 s lease), so a holder that renews on time is never taken from.
     */
    public Duration staleAfter() {
        return renewEvery().plusMillis(500);
    }

    /**
     * Takes every site, all or none (one transaction on {@code connection}, whose auto-commit is restored).
     *
     * @throws SiteOwnedElsewhereException naming the site and its holder when one is held by another live node
     */
    public synchronized void acquireAll(Connection connection, Collection<String> sites) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Instant now = clock.instant();
        Map<String, SiteLeases.Lease> taken = new LinkedHashMap<>();
        try {
            for (String site : sites) {
                // Unrenewed for staleAfter: it expires before now + ttl - staleAfter.
                Optional<SiteLeases.Lease> lease = SiteLeases.acquire(
                        connection,
                        site,
                        owner,
                        now,
                        ttl,
                        gone.get(site),
                        now.plus(ttl).minus(staleAfter()));
                if (lease.isEmpty()) {
                    SiteLeases.Lease holder =
                            SiteLeases.holder(connection, site).orElseThrow();
                    throw new SiteOwnedElsewhereException("site \"" + site + "\" is owned by node " + holder.owner()
                            + " (epoch " + holder.epoch() + ") until " + holder.expiresAt()
                            + "; this node does not take it while that node renews its lease");
                }
                taken.put(site, lease.get());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        leases.putAll(taken);
        heldUntil = now.plus(ttl);
    }

    /**
     * Inside a write transaction: renews every owned lease, or throws {@link SiteLeases.FencedException} (and this
     * node no longer {@linkplain #holds holds} its sites).
     *
     * @return the new expiry of the leases, to pass to {@link #renewedUntil} once the transaction committed
     */
    public synchronized Instant fence(Connection connection) throws SQLException {
        Instant now = clock.instant();
        try {
            SiteLeases.fence(connection, leases.values(), now, ttl);
        } catch (SiteLeases.FencedException takenOver) {
            lost = true;
            throw takenOver;
        }
        return now.plus(ttl);
    }

    /** After the commit of a transaction whose {@link #fence} returned {@code expiry}. */
    public synchronized void renewedUntil(Instant expiry) {
        if (expiry.isAfter(heldUntil)) {
            heldUntil = expiry;
        }
    }

    /**
     * Gives every lease back after the engine that used them closed (its last group committed): the next owner takes the
     * sites at once instead of after the lease. This incarnation owns nothing afterwards. Blocking.
     */
    public synchronized void releaseAll(Connection connection) throws SQLException {
        for (SiteLeases.Lease lease : leases.values()) {
            SiteLeases.release(connection, lease);
        }
        leases.clear();
        lost = true;
    }

    /** Whether another node took one of the sites over (or they were given back): this incarnation never owns again. */
    public synchronized boolean takenOver() {
        return lost;
    }

    /**
     * Whether this node still owns its sites: no other node took one over, and the last committed renewal is not
     * older than the lease (a node cut off from PostgreSQL stops owning when its lease runs out, since another node
     * may then take its sites; it owns them again when a renewal commits before anyone did).
     */
    public synchronized boolean holds() {
        return !lost && clock.instant().isBefore(heldUntil);
    }
}
