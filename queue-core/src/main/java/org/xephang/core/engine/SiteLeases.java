package org.xephang.core.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import org.xephang.core.persistence.GroupCommitWriter;
import org.xephang.core.persistence.SiteOwnership;

/**
 * The engine's side of the site leases in a cluster (docs/architecture.md §10): taken for every configured site at
 * open, checked by a fence at the end of every write group, and renewed by an empty group every sixth of their time
 * while the node is idle. Without a cluster ({@link #none()}) the engine always owns its sites and nothing is fenced.
 */
final class SiteLeases {

    private final SiteOwnership ownership;

    private SiteLeases(SiteOwnership ownership) {
        this.ownership = ownership;
    }

    static SiteLeases of(SiteOwnership ownership) {
        return new SiteLeases(ownership);
    }

    static SiteLeases none() {
        return new SiteLeases(null);
    }

    boolean clustered() {
        return ownership != null;
    }

    /** Takes the leases of every site; refused when another live node holds one. */
    void acquire(Connection connection, Collection<String> sites) throws SQLException {
        if (ownership != null) {
            ownership.acquireAll(connection, sites);
        }
    }

    /** What the writer runs before each commit: null alone; in a cluster, the fence that renews the leases. */
    GroupCommitWriter.Task<Void> fence() {
        if (ownership == null) {
            return null;
        }
        return tx -> {
            Instant expiry = ownership.fence(tx.connection());
            tx.afterCommit(() -> ownership.renewedUntil(expiry));
            return null;
        };
    }

    /** How often an idle node renews its leases, in milliseconds; 0 alone. */
    long renewEveryMillis() {
        return ownership == null ? 0 : Math.max(1, ownership.renewEvery().toMillis());
    }

    /** Whether this node may serve its sites: always alone; in a cluster, while it holds their leases. */
    boolean held() {
        return ownership == null || ownership.holds();
    }
}
