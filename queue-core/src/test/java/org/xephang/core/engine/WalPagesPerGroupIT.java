package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueService.Subscription;
import org.xephang.core.persistence.SqliteStore;
import org.xephang.testkit.MutableClock;

/**
 * What a committed group of issues writes to SQLite's write-ahead log, counted in WAL frames (one page each), with
 * groups made exact by holding the writer while they queue. Independent of the machine's load, unlike issues per
 * second: the figure behind BENCHMARKS.md's "WAL bytes per issue" (issue 18). Kiosks send an Idempotency-Key each.
 */
@Timeout(180)
class WalPagesPerGroupIT {

    private static final Logger LOG = LoggerFactory.getLogger(WalPagesPerGroupIT.class);

    static final String YAML = """
            sites:
              - code: s1
                name: Bộ phận Một cửa xã Thử
                openingHours:
                  weekdays: ["07:30-11:30", "13:30-17:00"]
                services:
                  - { code: A, name: Hộ tịch }
                  - { code: B, name: Chứng thực }
                counters:
                  - { number: 1, services: [A, B] }
            """;

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(MONDAY_MORNING);

    @Test
    void aGroupOfIssuesWritesFewerPagesThanIssuesOnALargeDatabase() throws Exception {
        try (QueueEngine engine =
                QueueEngine.open(EngineFixture.config(YAML), dir, clock, new EngineOptions(true, "http://q.test"))) {
            // A day's worth of a busy office first, so that the indexes are many pages wide.
            for (int round = 0; round < 80; round++) {
                clock.advance(Duration.ofMillis(200));
                group(engine, 256, null);
            }
            Path wal = dir.resolve(SqliteStore.FILE_NAME + "-wal");
            StringBuilder figures = new StringBuilder();
            long pagesAt32 = -1;
            for (int size : new int[] {1, 8, 32, 128}) {
                List<Long> pages = new ArrayList<>();
                for (int sample = 0; sample < 7; sample++) {
                    clock.advance(Duration.ofMillis(50));
                    long written = group(engine, size, wal);
                    if (written >= 0) {
                        pages.add(written); // else a checkpoint restarted the WAL: not counted
                    }
                }
                pages.sort(null);
                long median = pages.get(pages.size() / 2);
                if (size == 32) {
                    pagesAt32 = median;
                }
                figures.append(String.format(
                        Locale.ROOT,
                        "%n  group of %3d issues: %4d WAL pages (%5.2f pages, %,6d bytes per issue)",
                        size,
                        median,
                        (double) median / size,
                        median * 4120 / size));
            }
            LOG.info("WAL written per committed group (median of 7, 20,480 tickets already stored):{}", figures);
            // Each issue inserts a ticket and its event into 9 B-trees. One keyed at random costs a page per issue:
            // random ticket ids (the ticket's key and event_ticket) and the idempotency keys' index made 94 pages;
            // time-ordered ids and V10's two indexes fewer, 33.
            assertThat(pagesAt32).as("WAL pages of one group of 32 issues").isLessThanOrEqualTo(48);
        }
    }

    /**
     * The writer leaves the checkpoint for every 8,192 WAL pages (docs/adr/0038): at SQLite's default of 1,000 a commit
     * past 1,000 pages copied them into the database file and the next group restarted the WAL (new salts), so a
     * province's groups rewrote the same index pages into the database file over and over.
     */
    @Test
    void theWalGrowsPastSqlitesDefaultCheckpointWithoutRestarting() throws Exception {
        try (QueueEngine engine =
                QueueEngine.open(EngineFixture.config(YAML), dir, clock, new EngineOptions(true, "http://q.test"))) {
            Path wal = dir.resolve(SqliteStore.FILE_NAME + "-wal");
            clock.advance(Duration.ofMillis(200));
            group(engine, 256, null);
            long[] first = frames(wal);
            long[] now = first;
            for (int round = 0; round < 200 && now[1] <= 2_000; round++) {
                clock.advance(Duration.ofMillis(200));
                group(engine, 256, null);
                now = frames(wal);
                assertThat(now[0]).as("WAL generation after %d frames", now[1]).isEqualTo(first[0]);
            }
            assertThat(now[1]).as("WAL frames without a checkpoint").isGreaterThan(2_000);
        }
    }

    /**
     * One committed group of exactly {@code size} issues (the writer is held while they queue behind it): the WAL
     * frames it wrote, or -1 when a checkpoint restarted the WAL meanwhile ({@code wal} null: not counted).
     */
    private static long group(QueueEngine engine, int size, Path wal) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Subscription blocker = engine.subscribe("s1", event -> {
            if (first.compareAndSet(true, false)) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CompletableFuture<?> holder = issue(engine, 0).toCompletableFuture();
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        // The holder's own group is committed (its events are being published): the WAL counts from here.
        long[] before = wal == null ? null : frames(wal);
        List<CompletableFuture<?>> queued = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            queued.add(issue(engine, i).toCompletableFuture());
        }
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        blocker.close();
        if (wal == null) {
            return -1;
        }
        long[] after = frames(wal);
        return before[0] == after[0] && after[1] >= before[1] ? after[1] - before[1] : -1;
    }

    private static CompletionStage<?> issue(QueueEngine engine, int i) {
        return engine.issue(
                "s1",
                new IssueCommand(
                        i % 2 == 0 ? "A" : "B", null, null, UUID.randomUUID().toString()),
                KIOSK);
    }

    /** The WAL's generation (salts) and the frames of that generation up to its last commit. */
    static long[] frames(Path wal) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "r")) {
            long length = file.length();
            file.seek(8);
            int pageSize = file.readInt();
            file.seek(16);
            long salts = file.readLong();
            long frameSize = pageSize + 24L;
            long frames = 0;
            long committed = 0;
            for (long offset = 32; offset + frameSize <= length; offset += frameSize) {
                file.seek(offset + 4);
                int commitSize = file.readInt();
                if (file.readLong() != salts) {
                    break;
                }
                frames++;
                if (commitSize != 0) {
                    committed = frames;
                }
            }
            return new long[] {salts, committed};
        }
    }
}
