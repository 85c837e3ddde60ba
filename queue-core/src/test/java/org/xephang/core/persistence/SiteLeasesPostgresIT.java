package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.core.persistence.SiteLeases.Lease;
import org.xephang.core.testkit.PostgresFixture;

/** Site leases and their fencing epoch on PostgreSQL: a former owner can never commit after a takeover. */
@Timeout(120)
class SiteLeasesPostgresIT {

    static final Duration TTL = Duration.ofSeconds(10);
    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");

    PostgresStore store;

    @BeforeEach
    void open() throws SQLException {
        store = PostgresStore.open(PostgresFixture.newDatabase("leases"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A write of node {@code lease.owner()} with its fence, committed or rolled back as one transaction. */
    void writeDesk(Lease lease, int desk, Instant now) throws SQLException {
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO counter_desk (site, number, state) VALUES (?, ?, 'OPEN')")) {
                s.setString(1, lease.site());
                s.setInt(2, desk);
                s.executeUpdate();
                SiteLeases.fence(c, List.of(lease), now, TTL);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    long desks() throws SQLException {
        try (Connection c = store.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM counter_desk")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Optional<Lease> acquire(String owner, Instant now) throws SQLException {
        try (Connection c = store.connect()) {
            return SiteLeases.acquire(c, "s1", owner, now, TTL);
        }
    }

    @Test
    void aFormerOwnerCannotCommitAfterAnotherNodeTookTheSiteOver() throws Exception {
        Lease a = acquire("node-a", T0).orElseThrow();
        assertThat(a.epoch()).isEqualTo(1);
        assertThat(acquire("node-b", T0.plusSeconds(1))).as("held by node-a").isEmpty();

        writeDesk(a, 1, T0.plusSeconds(2)); // renews node-a's lease until T0+12 s
        assertThat(acquire("node-b", T0.plusSeconds(11)))
                .as("renewed by the write")
                .isEmpty();

        Lease b = acquire("node-b", T0.plusSeconds(13)).orElseThrow();
        assertThat(b.epoch()).isEqualTo(2);

        assertThatThrownBy(() -> writeDesk(a, 2, T0.plusSeconds(14)))
                .isInstanceOf(SiteLeases.FencedException.class)
                .hasMessageContaining("node-a no longer owns 1 of its 1 site(s)");
        assertThat(desks()).as("the fenced write left nothing").isEqualTo(1);
        writeDesk(b, 2, T0.plusSeconds(14));
        assertThat(desks()).isEqualTo(2);
        try (Connection c = store.connect()) {
            assertThat(SiteLeases.holder(c, "s1")).hasValueSatisfying(l -> {
                assertThat(l.owner()).isEqualTo("node-b");
                assertThat(l.epoch()).isEqualTo(2);
            });
        }
    }

    @Test
    void aTakeoverRacingTheOwnersOpenTransactionWaitsForItsCommitAndThenFails() throws Exception {
        Lease a = acquire("node-a", T0).orElseThrow();
        Instant late = T0.plusSeconds(30); // node-a's lease ran out at T0+10 s, but node-a is writing now
        try (Connection owner = store.connect()) {
            owner.setAutoCommit(false);
            SiteLeases.fence(owner, List.of(a), late, TTL); // holds the row until commit
            CompletableFuture<Optional<Lease>> takeover = CompletableFuture.supplyAsync(() -> {
                try {
                    return acquire("node-b", late);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitALockWait();
            owner.commit();

            assertThat(takeover.get(30, TimeUnit.SECONDS))
                    .as("the owner renewed before the takeover could update the row")
                    .isEmpty();
        }
    }

    /** Node {@code name} taking s1 at {@code now}, told the lease {@code gone} is that of a node the cluster dropped. */
    SiteOwnership taker(String name, Instant now, Lease gone) {
        SiteOwnership taker = new SiteOwnership(name, TTL, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        if (gone != null) {
            taker.presumeGone("s1", gone.owner(), gone.epoch());
        }
        return taker;
    }

    boolean takes(SiteOwnership taker) throws SQLException {
        try (Connection c = store.connect()) {
            taker.acquireAll(c, List.of("s1"));
            return true;
        } catch (SiteOwnership.SiteOwnedElsewhereException held) {
            return false;
        }
    }

    @Test
    void aDroppedNodesLeaseIsTakenOnceUnrenewedForItsRenewalPeriodNotWhenItRunsOutAndItsWritesAreFenced()
            throws Exception {
        Lease a = acquire("node-a", T0).orElseThrow(); // runs out at T0+10 s
        // TTL 10 s: renewed every 1.67 s; a dropped node's lease is taken once unrenewed for 2.17 s.
        assertThat(taker("node-b", T0, null).staleAfter())
                .isBetween(Duration.ofMillis(2_166), Duration.ofMillis(2_167));
        assertThat(takes(taker("node-b", T0.plusSeconds(2), a)))
                .as("renewed 2 s ago: a node the membership dropped may still be renewing")
                .isFalse();
        assertThat(takes(taker("node-b", T0.plusSeconds(3), null)))
                .as("without the membership's word the lease runs out first")
                .isFalse();

        SiteOwnership b = taker("node-b", T0.plusSeconds(3), a);
        assertThat(takes(b)).as("3 s unrenewed, 7 s before it runs out").isTrue();
        assertThat(b.epochs()).containsEntry("s1", 2L);

        assertThatThrownBy(() -> writeDesk(a, 1, T0.plusSeconds(5)))
                .as("the dropped node, were it still running, commits nothing")
                .isInstanceOf(SiteLeases.FencedException.class);
        assertThat(desks()).isZero();
    }

    @Test
    void aLeaseRenewedOnTimeOrReacquiredSinceIsNotTakenFromANodeTheMembershipDropped() throws Exception {
        Lease a = acquire("node-a", T0).orElseThrow();
        writeDesk(a, 1, T0.plusSeconds(3)); // renewed: runs out at T0+13 s
        assertThat(takes(taker("node-b", T0.plusSeconds(4), a)))
                .as("renewed 1 s ago: a partition the membership saw, but node-a still renews")
                .isFalse();

        Lease old = new Lease("s1", "node-a", 0, T0); // an epoch node-a no longer holds
        assertThat(takes(taker("node-b", T0.plusSeconds(8), old)))
                .as("only the very lease the dropped node published")
                .isFalse();
        assertThat(takes(taker("node-b", T0.plusSeconds(8), a))).isTrue();
        assertThat(desks()).isEqualTo(1);
    }

    /** Until some session of this database waits for a row lock (bounded). */
    private void awaitALockWait() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = store.connect();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the takeover never waited for the owner's row lock");
    }
}
