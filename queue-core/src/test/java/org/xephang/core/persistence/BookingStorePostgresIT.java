package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.core.testkit.PostgresFixture;

/** {@link BookingStoreTest} on PostgreSQL (skipped without one, except under {@code CI=true}). */
class BookingStorePostgresIT extends BookingStoreTest {

    @Override
    Store open() throws Exception {
        return PostgresStore.open(PostgresFixture.newDatabase("bookings"));
    }

    /**
     * Two nodes of a cluster booking the same phone's turn (from two sites) in open transactions: the second insert
     * waits for the first transaction, then inserts nothing, and the phone's next free turn is counted (docs/adr/0034).
     */
    @Test
    @Timeout(60)
    void aTurnTakenByAnotherNodesOpenTransactionWaitsForItsCommitThenInsertsNothing() throws Exception {
        LocalDate day = MONDAY.minusDays(1);
        try (Store store = open();
                Connection first = store.connect();
                Connection second = store.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            assertThat(new BookingStore(first).tryInsert(booking("AAAAAAAA", NINE, "0912345678"), MONDAY, day, null, 1))
                    .isTrue();
            CompletableFuture<Boolean> racing = CompletableFuture.supplyAsync(() -> {
                try {
                    return new BookingStore(second)
                            .tryInsert(booking("BBBBBBBB", NINE, "0912345678"), MONDAY, day, null, 1);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Connection watcher = store.connect();
                    java.sql.Statement s = watcher.createStatement()) {
                org.xephang.core.testkit.Waits.until(() -> {
                    try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
                        rs.next();
                        return rs.getInt(1) == 1;
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            assertThat(racing).as("waits for the first transaction").isNotDone();
            first.commit();
            assertThat(racing.get(30, TimeUnit.SECONDS))
                    .as("the turn went to the first")
                    .isFalse();
            BookingStore again = new BookingStore(second);
            assertThat(again.freePhoneTurn("0912345678", day)).isEqualTo(2);
            assertThat(again.tryInsert(booking("BBBBBBBB", NINE, "0912345678"), MONDAY, day, null, 2))
                    .isTrue();
            second.commit();
            assertThat(again.bookedByPhone("0912345678", day)).isEqualTo(2);
        }
    }
}
