package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Ticket;
import org.xephang.core.IssueCommand;
import org.xephang.core.persistence.SqliteBackup;
import org.xephang.core.persistence.StoreInUseException;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.testkit.MutableClock;

/** {@code xephang backup} of a store that is serving, and {@code xephang restore}. */
@Timeout(120)
class SqliteBackupTest {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(MONDAY_MORNING);

    @Test
    void aBackupTakenWhileTicketsAreIssuedOpensAndHoldsEveryTicketAcknowledgedBeforeIt() throws Exception {
        Path live = dir.resolve("live");
        Path backup = dir.resolve("backups/xephang-monday.db");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, String> acknowledgedBeforeBackup;
        try (QueueEngine engine =
                QueueEngine.open(EngineFixture.config(), live, clock, new EngineOptions(true, "http://q.test"))) {
            AtomicBoolean stop = new AtomicBoolean();
            Semaphore acks = new Semaphore(0);
            ExecutorService kiosks = Executors.newFixedThreadPool(8);
            List<Future<?>> running = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                running.add(kiosks.submit(() -> {
                    while (!stop.get()) {
                        Ticket t = engine.issue(SITE, new IssueCommand("B", null, null, null), KIOSK)
                                .toCompletableFuture()
                                .join()
                                .ticket();
                        acknowledged.put(t.id(), t.number());
                        acks.release();
                    }
                    return null;
                }));
            }
            assertThat(acks.tryAcquire(300, 60, TimeUnit.SECONDS)).isTrue();
            acknowledgedBeforeBackup = Map.copyOf(acknowledged);

            SqliteBackup.Contents contents = SqliteBackup.backup(StoreLocation.Sqlite.inFolder(live), backup);

            acks.drainPermits();
            assertThat(acks.tryAcquire(100, 60, TimeUnit.SECONDS))
                    .as("issuing goes on after the backup")
                    .isTrue();
            stop.set(true);
            for (Future<?> kiosk : running) {
                kiosk.get(30, TimeUnit.SECONDS);
            }
            kiosks.shutdown();
            assertThat(contents.tickets()).isGreaterThanOrEqualTo(acknowledgedBeforeBackup.size());
            assertThat(contents.tickets()).as("the backup is a snapshot").isLessThan(acknowledged.size());
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT number), MAX(sequence),"
                        + " (SELECT COUNT(*) FROM event WHERE type='ticket.issued') FROM ticket")) {
            rs.next();
            assertThat(rs.getLong(2)).as("no duplicate number").isEqualTo(rs.getLong(1));
            assertThat(rs.getLong(3)).as("gap-free numbering").isEqualTo(rs.getLong(1));
            assertThat(rs.getLong(4)).as("every ticket with its event").isEqualTo(rs.getLong(1));
        }

        Path restored = dir.resolve("restored");
        SqliteBackup.restore(backup, restored, clock);
        try (QueueEngine engine = EngineFixture.open(restored, clock)) {
            acknowledgedBeforeBackup.forEach((id, number) -> assertThat(engine.ticket(id))
                    .as("ticket %s acknowledged before the backup", number)
                    .hasValueSatisfying(t -> assertThat(t.number()).isEqualTo(number)));
        }
    }

    @Test
    void restoreRefusesAStoreInUseAndOtherwiseKeepsThePreviousFileAside() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("one-ticket.db");
        String id;
        try (QueueEngine engine = EngineFixture.open(data, clock)) {
            id = engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK)
                    .toCompletableFuture()
                    .join()
                    .ticket()
                    .id();
            SqliteBackup.backup(StoreLocation.Sqlite.inFolder(data), backup);
            engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK)
                    .toCompletableFuture()
                    .join();

            assertThatThrownBy(() -> SqliteBackup.restore(backup, data, clock))
                    .isInstanceOf(StoreInUseException.class)
                    .hasMessageContaining("in use");
        }

        SqliteBackup.Restored restored = SqliteBackup.restore(backup, data, clock);

        assertThat(restored.contents().tickets()).isEqualTo(1);
        assertThat(restored.previous()).exists().hasFileName("xephang.db.before-restore-20261123T080000");
        try (QueueEngine engine = EngineFixture.open(data, clock)) {
            assertThat(engine.ticket(id)).isPresent();
            assertThat(engine.snapshot(SITE).services().get(0).waiting()).isEqualTo(1);
        }
        assertThat(Files.size(restored.previous())).isPositive();
    }

    @Test
    void aBackupNeverOverwritesAFileAndAnythingButADatabaseIsNotRestored() throws Exception {
        Path data = dir.resolve("data");
        EngineFixture.open(data, clock).close();
        Path existing = Files.writeString(dir.resolve("existing.db"), "keep me");
        Path notADatabase = Files.writeString(dir.resolve("notes.txt"), "not a database\n".repeat(100));

        assertThatThrownBy(() -> SqliteBackup.backup(StoreLocation.Sqlite.inFolder(data), existing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThatThrownBy(() -> SqliteBackup.restore(notADatabase, data, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a sound xephang database");
    }
}
