package org.xephang.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeviceStatusTrackerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T01:15:00Z"), ZoneOffset.UTC);

    @Test
    void startsOfflineNotStartedAndNotifiesOnlyRealChanges() {
        DeviceStatusTracker tracker = new DeviceStatusTracker("p1", clock);
        List<DeviceStatus> seen = new ArrayList<>();
        tracker.addListener((previous, current) -> seen.add(current));

        assertThat(tracker.current().state()).isEqualTo(DeviceState.OFFLINE);
        tracker.update(DeviceState.ONLINE, "");
        tracker.update(DeviceState.ONLINE, "");
        tracker.update(DeviceState.PAPER_OUT, "DLE EOT 4 = 0x72");

        assertThat(seen).extracting(DeviceStatus::state).containsExactly(DeviceState.ONLINE, DeviceState.PAPER_OUT);
        assertThat(seen.get(1).description()).isEqualTo("Hết giấy");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        DeviceStatusTracker tracker = new DeviceStatusTracker("p1", clock);
        List<DeviceState> seen = new ArrayList<>();
        tracker.addListener((previous, current) -> {
            throw new IllegalStateException("boom");
        });
        tracker.addListener((previous, current) -> seen.add(current.state()));

        tracker.update(DeviceState.COVER_OPEN, "");

        assertThat(seen).containsExactly(DeviceState.COVER_OPEN);
    }

    @Test
    void concurrentUpdatersAreDeliveredOneAtATimeInOrderAndTheLastStateSeenIsTheCurrentOne() throws Exception {
        DeviceStatusTracker tracker = new DeviceStatusTracker("p1", Clock.systemUTC());
        AtomicReference<DeviceStatus> lastSeen = new AtomicReference<>(tracker.current());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        tracker.addListener((previous, current) -> {
            if (inFlight.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            if (!previous.equals(lastSeen.get())) {
                outOfOrder.incrementAndGet(); // a change that does not follow the one delivered before it
            }
            lastSeen.set(current);
            delivered.incrementAndGet();
            Thread.yield();
            inFlight.decrementAndGet();
        });

        int threads = 4;
        int updatesEach = 5_000;
        DeviceState[] states = DeviceState.values();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> updaters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                updaters.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < updatesEach; i++) {
                        // A distinct detail each time: every update is a change.
                        tracker.update(states[(thread + i) % states.length], "updater " + thread + " #" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> updater : updaters) {
                updater.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(overlaps).as("listener calls that overlapped").hasValue(0);
        assertThat(outOfOrder).as("changes delivered out of order").hasValue(0);
        assertThat(delivered).hasValue(threads * updatesEach);
        assertThat(lastSeen.get()).isEqualTo(tracker.current());
    }

    @Test
    void aListenerThatUpdatesTheStatusMakesEveryListenerSeeThatChangeAfterTheCurrentOne() {
        DeviceStatusTracker tracker = new DeviceStatusTracker("p1", clock);
        List<DeviceState> seenBySecond = new ArrayList<>();
        tracker.addListener((previous, current) -> {
            if (current.state() == DeviceState.ONLINE) {
                tracker.update(DeviceState.PAPER_OUT, "checked after going online");
            }
        });
        tracker.addListener((previous, current) -> seenBySecond.add(current.state()));

        tracker.update(DeviceState.ONLINE, "");

        assertThat(seenBySecond).containsExactly(DeviceState.ONLINE, DeviceState.PAPER_OUT);
        assertThat(tracker.current().state()).isEqualTo(DeviceState.PAPER_OUT);
    }

    @Test
    void aListenerWaitingForAnotherThreadThatUpdatesDoesNotDeadlock() throws Exception {
        DeviceStatusTracker tracker = new DeviceStatusTracker("p1", clock);
        List<DeviceState> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Boolean> otherFinished = new AtomicReference<>();
        tracker.addListener((previous, current) -> {
            seen.add(current.state());
            if (current.state() == DeviceState.ONLINE) {
                Thread other = new Thread(() -> tracker.update(DeviceState.COVER_OPEN, "from another thread"));
                other.start();
                try {
                    other.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                otherFinished.set(!other.isAlive());
            }
        });

        tracker.update(DeviceState.ONLINE, "");

        assertThat(otherFinished.get())
                .as("the other updater was not blocked by this delivery")
                .isTrue();
        assertThat(seen).containsExactly(DeviceState.ONLINE, DeviceState.COVER_OPEN);
    }
}
