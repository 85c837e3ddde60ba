package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueService.Subscription;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.testkit.MutableClock;

/** Many threads against one engine on a real store (SQLite here); restart from the store. */
class QueueEngineConcurrencyIT {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(MONDAY_MORNING);

    /**
     * Opens the engine under test; every call within a test opens the same store (a restart). This suite runs on
     * SQLite here and on PostgreSQL in {@link QueueEngineConcurrencyPostgresIT}, which overrides this.
     */
    QueueEngine openEngine(CentreConfig config, EngineOptions options) {
        return QueueEngine.open(config, dir, clock, options);
    }

    QueueEngine openEngine() {
        return openEngine(EngineFixture.config(), new EngineOptions(false, "http://q.test"));
    }

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void sixtyFourClientsIssuingInParallelGetUniqueGapFreeNumbers() throws Exception {
        try (QueueEngine engine = openEngine()) {
            ExecutorService clients = Executors.newFixedThreadPool(64);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < 64; c++) {
                results.add(clients.submit(() -> {
                    start.await();
                    List<String> numbers = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        numbers.add(await(engine.issue(SITE, new IssueCommand("B", null, null, null), KIOSK))
                                .ticket()
                                .number());
                    }
                    return numbers;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            clients.shutdown();

            assertThat(all).hasSize(640).doesNotHaveDuplicates();
            assertThat(new HashSet<>(all))
                    .isEqualTo(IntStream.rangeClosed(1, 640)
                            .mapToObj(n -> String.format("B%04d", n))
                            .collect(Collectors.toSet()));
            assertThat(engine.transactions())
                    .as("640 issues from 64 threads are committed in fewer transactions")
                    .isLessThan(640);
        }
    }

    @Test
    void sixteenCountersCallingNextInParallelCallEachTicketExactlyOnce() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                sites:
                  - code: s1
                    name: Trung tâm thử
                    services:
                      - { code: A, name: Hộ tịch }
                    counters:
                """);
        for (int n = 1; n <= 16; n++) {
            yaml.append("      - { number: ").append(n).append(", services: [A] }\n");
        }
        CentreConfig config = CentreConfigLoader.parse(yaml.toString(), "sixteen");
        try (QueueEngine engine = openEngine(config, new EngineOptions(true, "http://q.test"))) {
            List<CompletableFuture<?>> issued = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                issued.add(engine.issue(SITE, new IssueCommand("A", i % 7 == 0 ? "elderly" : null, null, null), KIOSK)
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(issued.toArray(CompletableFuture[]::new)).join();
            Set<String> holding = ConcurrentHashMap.newKeySet();
            AtomicBoolean twoAtOnce = new AtomicBoolean();
            Subscription watch = engine.subscribe(SITE, event -> watchCounters(event, holding, twoAtOnce));
            ExecutorService counters = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int n = 1; n <= 16; n++) {
                int counter = n;
                Actor officer = new Actor("officer" + n, org.xephang.api.Role.OFFICER);
                await(engine.signIn(SITE, counter, officer));
                results.add(counters.submit(() -> {
                    start.await();
                    List<String> called = new ArrayList<>();
                    Optional<Ticket> next;
                    while ((next = await(engine.callNext(SITE, counter, officer))).isPresent()) {
                        called.add(next.get().id());
                        assertThat(next.get().counter()).isEqualTo(counter);
                        await(engine.complete(next.get().id(), officer));
                    }
                    return called;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                all.addAll(result.get(120, TimeUnit.SECONDS));
            }
            counters.shutdown();
            watch.close();

            assertThat(all).hasSize(400).doesNotHaveDuplicates();
            assertThat(twoAtOnce).as("a counter held two tickets at once").isFalse();
            QueueSnapshot snapshot = engine.snapshot(SITE);
            assertThat(snapshot.services().get(0).waiting()).isZero();
            assertThat(snapshot.counters())
                    .allSatisfy(c -> assertThat(c.ticket()).isNull());
        }
    }

    /** Tracks "counter:ticket" pairs from the event stream; flags a second called ticket at a busy counter. */
    private static void watchCounters(QueueEvent event, Set<String> holding, AtomicBoolean twoAtOnce) {
        if (event.ticket() == null || event.counter() == null) {
            return;
        }
        String counterPrefix = event.counter() + ":";
        if (event.ticket().state() == TicketState.CALLED) {
            if (holding.stream().anyMatch(h -> h.startsWith(counterPrefix))) {
                twoAtOnce.set(true);
            }
            holding.add(counterPrefix + event.ticket().id());
        } else if (!event.ticket().state().isAtCounter()) {
            holding.remove(counterPrefix + event.ticket().id());
        }
    }

    @Test
    void groupCommitPutsQueuedIssuesInOneTransaction() throws Exception {
        try (QueueEngine engine = openEngine()) {
            CountDownLatch writerHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean first = new AtomicBoolean(true);
            // The listener runs on the writer thread: blocking it in the first event keeps the writer busy
            // while the next 100 issues queue up behind it.
            Subscription blocker = engine.subscribe(SITE, event -> {
                if (first.compareAndSet(true, false)) {
                    writerHeld.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            CompletableFuture<?> firstIssue = engine.issue(SITE, new IssueCommand("B", null, null, null), KIOSK)
                    .toCompletableFuture();
            assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
            long before = engine.transactions();
            long commandsBefore = engine.committedCommands();
            List<CompletableFuture<?>> queued = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                queued.add(engine.issue(SITE, new IssueCommand("B", null, null, null), KIOSK)
                        .toCompletableFuture());
            }
            release.countDown();
            firstIssue.join();
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).join();
            blocker.close();

            assertThat(engine.transactions() - before).isEqualTo(1);
            // 100, or a few more when the engine's own housekeeping (the day check, the devices' silence check)
            // queued up among them: they join the same group.
            assertThat(engine.committedCommands() - commandsBefore).isBetween(100L, 103L);
        }
    }

    @Test
    void queriesDoNotWaitForTheWriterAndShowOnlyPublishedState() throws Exception {
        try (QueueEngine engine = openEngine()) {
            long seqBefore = engine.snapshot(SITE).seq();
            CountDownLatch writerHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Subscription blocker = engine.subscribe(SITE, event -> {
                writerHeld.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<?> issue = engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK)
                    .toCompletableFuture();
            assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();

            QueueSnapshot during =
                    CompletableFuture.supplyAsync(() -> engine.snapshot(SITE)).get(5, TimeUnit.SECONDS);

            assertThat(during.seq()).isEqualTo(seqBefore);
            assertThat(during.services().get(0).waiting()).isZero();
            release.countDown();
            issue.join();
            blocker.close();
            assertThat(engine.snapshot(SITE).seq()).isEqualTo(seqBefore + 1);
            assertThat(engine.snapshot(SITE).services().get(0).waiting()).isEqualTo(1);
        }
    }

    @Test
    void afterARestartStateIsRebuiltAndNumberingAndSeqContinue() {
        Actor officer1 = EngineFixture.officer(1);
        String calledId;
        QueueSnapshot before;
        Ticket calledBefore;
        clock.advance(Duration.ofNanos(123_456_789)); // sub-millisecond time must not change on restart
        try (QueueEngine engine = openEngine()) {
            for (int i = 0; i < 3; i++) {
                await(engine.issue(SITE, new IssueCommand("A", null, null, "k" + i), KIOSK));
            }
            await(engine.signIn(SITE, 1, officer1));
            calledId = await(engine.callNext(SITE, 1, officer1)).orElseThrow().id();
            await(engine.pause(SITE, 1, "Nghỉ giải lao", officer1));
            before = engine.snapshot(SITE);
            calledBefore = engine.ticket(calledId).orElseThrow();
        }

        try (QueueEngine engine = openEngine()) {
            QueueSnapshot after = engine.snapshot(SITE);
            assertThat(after.seq()).isEqualTo(before.seq());
            assertThat(after.services()).isEqualTo(before.services());
            assertThat(after.counters()).isEqualTo(before.counters());
            assertThat(after.lastCalls()).isEqualTo(before.lastCalls());
            assertThat(engine.ticket(calledId)).contains(calledBefore);
            assertThat(calledBefore.state()).isEqualTo(TicketState.CALLED);

            List<QueueEvent> events = new ArrayList<>();
            Subscription subscription = engine.subscribe(SITE, events::add);
            Ticket fourth = await(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK))
                    .ticket();
            assertThat(fourth.number()).isEqualTo("A004");
            assertThat(events).singleElement().extracting(QueueEvent::seq).isEqualTo(before.seq() + 1);
            assertThat(await(engine.issue(SITE, new IssueCommand("A", null, null, "k1"), KIOSK))
                            .replayed())
                    .isTrue();
            subscription.close();
        }
    }

    @Test
    void openTicketsOfAnEarlierDayAreCancelledWhenTheEngineStartsOnANewDay() {
        String mondayTicket;
        try (QueueEngine engine = openEngine()) {
            mondayTicket = await(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK))
                    .ticket()
                    .id();
            assertThat(engine.ticket(mondayTicket)).isPresent();
        }
        clock.set(MONDAY_MORNING.plusDays(1));

        try (QueueEngine engine = openEngine()) {
            Ticket tuesday = await(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK))
                    .ticket();

            assertThat(tuesday.number()).isEqualTo("A001");
            assertThat(tuesday.waitingAhead()).isZero();
            assertThat(engine.ticket(mondayTicket)).isEmpty();
            assertThat(engine.snapshot(SITE).services().get(0).waiting()).isEqualTo(1);
        }
    }
}
