package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.persistence.NotificationStore.Message;
import org.xephang.core.persistence.NotificationStore.Subscription;
import org.xephang.core.ticket.TicketRecord;

/** The notification tables of schema V4 on SQLite (the same SQL runs on PostgreSQL). */
class NotificationStoreTest {

    static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
    static final Instant MIDNIGHT = Instant.parse("2026-12-07T17:00:00Z");

    @TempDir
    Path dir;

    private static NotificationStore withTickets(Connection connection, String... ids) throws Exception {
        QueueStore tickets = new QueueStore(connection);
        int n = 1;
        for (String id : ids) {
            tickets.insertTicket(TicketRecord.issued(
                    id, "s1", "A", LocalDate.of(2026, 12, 7), n, "A00" + n, null, "kiosk", n, n, T0, null));
            n++;
        }
        return new NotificationStore(connection);
    }

    private static boolean record(NotificationStore store, String ticket, String kind, Instant at) throws Exception {
        return store.recordDue(ticket + ":" + kind, "s1", ticket, kind, "sms", "0912345678", "{}", at);
    }

    @Test
    void aKindIsRecordedOncePerTicket() throws Exception {
        try (SqliteStore sqlite = SqliteStore.open(dir);
                Connection connection = sqlite.connect()) {
            NotificationStore store = withTickets(connection, "t1", "t2");

            assertThat(record(store, "t1", "near-turn", T0)).isTrue();
            assertThat(record(store, "t1", "near-turn", T0.plusSeconds(5))).isFalse();
            assertThat(record(store, "t1", "called", T0.plusSeconds(60))).isTrue();
            assertThat(record(store, "t2", "called", T0.plusSeconds(70))).isTrue();

            assertThat(store.recordedKinds("s1"))
                    .isEqualTo(Map.of("t1", Set.of("called", "near-turn"), "t2", Set.of("called")));
            assertThat(store.due(T0.plusSeconds(60), 10))
                    .extracting(Message::id)
                    .containsExactly("t1:near-turn", "t1:called");
        }
    }

    @Test
    void marksMoveAMessageOutOfTheDueSetOrLaterInIt() throws Exception {
        try (SqliteStore sqlite = SqliteStore.open(dir);
                Connection connection = sqlite.connect()) {
            NotificationStore store = withTickets(connection, "t1", "t2", "t3");
            record(store, "t1", "called", T0);
            record(store, "t2", "called", T0);
            record(store, "t3", "called", T0);

            store.markSent("t1:called", T0.plusSeconds(1));
            store.markRetry("t2:called", "HTTP 429", T0.plusSeconds(30));
            store.markDead("t3:called", "Zalo error -124: Access token is invalid");

            assertThat(store.due(T0.plusSeconds(29), 10)).isEmpty();
            Message retried = store.due(T0.plusSeconds(30), 10).get(0);
            assertThat(retried.attempts()).isEqualTo(1);
            assertThat(retried.lastError()).isEqualTo("HTTP 429");
            assertThat(store.list("s1", "dead", 10))
                    .extracting(Message::id, Message::lastError)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            "t3:called", "Zalo error -124: Access token is invalid"));
            assertThat(store.list("s1", "sent", 10)).extracting(Message::id).containsExactly("t1:called");
        }
    }

    @Test
    void aNumberIsKeptUntilItsPurgeTimeThenDeletedWithItsMessagesCopy() throws Exception {
        try (SqliteStore sqlite = SqliteStore.open(dir);
                Connection connection = sqlite.connect()) {
            NotificationStore store = withTickets(connection, "t1", "t2");
            store.subscribe(new Subscription("t1", "s1", "0912345678", T0, MIDNIGHT));
            store.subscribe(new Subscription("t1", "s1", "0987654321", T0.plusSeconds(10), MIDNIGHT));
            store.subscribe(new Subscription("t2", "s1", "0355555555", T0, MIDNIGHT.plus(Duration.ofDays(1))));
            record(store, "t1", "near-turn", T0);

            assertThat(store.subscriptions("s1", T0)).containsOnlyKeys("t1", "t2");
            assertThat(store.subscriptions("s1", T0).get("t1").phone()).isEqualTo("0987654321");
            assertThat(store.subscriptions("s1", T0).get("t1").toString()).doesNotContain("0987654");

            assertThat(store.purge(MIDNIGHT)).isEqualTo(1);

            assertThat(store.subscriptions("s1", MIDNIGHT)).containsOnlyKeys("t2");
            Message purged = store.list("s1", "dead", 10).get(0);
            assertThat(purged.phone()).isNull();
            assertThat(purged.lastError()).startsWith("hết ngày");
            assertThat(store.due(MIDNIGHT, 10)).isEmpty();
        }
    }
}
