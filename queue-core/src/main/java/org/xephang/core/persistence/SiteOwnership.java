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
                Optional<SiteLeases.Lease> lease = SiteLeases.acquire(connection, site, owner, now, ttl);
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
    }

    /** Inside a write transaction: renews every owned lease, or throws {@link SiteLeases.FencedException}. */
    public synchronized void fence(Connection connection) throws SQLException {
        SiteLeases.fence(connection, leases.values(), clock.instant(), ttl);
    }
}
