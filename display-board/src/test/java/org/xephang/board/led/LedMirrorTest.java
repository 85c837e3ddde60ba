package org.xephang.board.led;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceFactory;
import org.xephang.device.led.LedDisplay;
import org.xephang.device.led.LedSummaryBoard;
import org.xephang.device.led.sim.LedBusSimulator;

/** The mirror driving simulated LED boards on an in-process bus. */
class LedMirrorTest {

    private final String bus = "mirror-" + System.nanoTime();
    private final LedEvents events = new LedEvents();
    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private LedDisplay counter1;
    private LedDisplay counter3;
    private LedSummaryBoard summary;
    private LedMirror mirror;

    @BeforeEach
    void startSimulatedBoards() throws Exception {
        DeviceFactory factory = DeviceFactory.standard();
        counter1 = factory.create("sim:led?address=1&gap=0&bus=" + bus, LedDisplay.class);
        counter3 = factory.create("sim:led?address=3&gap=0&bus=" + bus, LedDisplay.class);
        summary = factory.create("sim:ledsummary?address=10&lines=3&gap=0&bus=" + bus, LedSummaryBoard.class);
        counter1.start();
        counter3.start();
        summary.start();
        mirror = new LedMirror(Map.of(1, counter1, 3, counter3), summary, writer);
    }

    @AfterEach
    void close() throws Exception {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
        counter1.close();
        counter3.close();
        summary.close();
    }

    private LedBusSimulator simulator() {
        return LedBusSimulator.named(bus);
    }

    private void awaitShown(int address, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!simulator().shown(address).orElse("\u0000").equals(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "address " + address + " shows " + simulator().shown(address) + ", expected '" + text + "'");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void countersShowTheirTicketAndTheSummaryTheNewestCallsFirst() throws Exception {
        mirror.onSnapshot(events.snapshot());

        awaitShown(1, "A001");
        awaitShown(3, "");
        awaitShown(10, "01 A001");
        awaitShown(11, "02 B002");
        awaitShown(12, "");

        mirror.onEvent(events.call("A003", 3));

        awaitShown(3, "A003");
        awaitShown(10, "03 A003");
        awaitShown(11, "01 A001");
        awaitShown(12, "02 B002");
    }

    @Test
    void aCompletedTicketBlanksItsCounterDisplay() throws Exception {
        mirror.onSnapshot(events.snapshot());
        awaitShown(1, "A001");

        mirror.onEvent(events.complete("A001", 1));

        awaitShown(1, "");
        awaitShown(10, "02 B002");
    }

    @Test
    void aCallMadeWhileTheBusIsUnpluggedIsShownOnceItIsBack() throws Exception {
        mirror.onSnapshot(events.snapshot());
        awaitShown(1, "A001");

        simulator().setConnected(false);
        mirror.onEvent(events.call("A050", 3));
        // The mirror writes on `writer`, one task after another: once this task has run, its attempt is over.
        writer.submit(() -> {}).get(5, TimeUnit.SECONDS);
        assertThat(simulator().shown(3)).isNotEqualTo(Optional.of("A050"));
        simulator().setConnected(true);

        awaitShown(3, "A050");
        awaitShown(10, "03 A050");
    }

    @Test
    void aBurstOfCallsEndsWithTheLatestNumberShown() throws Exception {
        mirror.onSnapshot(events.snapshot());
        for (int i = 4; i <= 40; i++) {
            mirror.onEvent(events.call(String.format("A%03d", i), 3));
        }

        awaitShown(3, "A040");
        awaitShown(10, "03 A040");
    }
}
