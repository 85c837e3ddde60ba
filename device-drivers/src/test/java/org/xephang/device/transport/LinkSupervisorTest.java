package org.xephang.device.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.DeviceTimeoutException;
import org.xephang.device.transport.loopback.LoopbackTransport;
import org.xephang.testkit.Poll;

/** The one supervisor of device links, on a loopback link the test unplugs and plugs back. */
class LinkSupervisorTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    private final LoopbackTransport inner = new LoopbackTransport("supervised");
    private final ReconnectingTransport transport = new ReconnectingTransport(
            inner, new ReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(20), 2), Clock.systemUTC());
    private final DeviceStatusTracker status = new DeviceStatusTracker("test-device", Clock.systemUTC());
    private final List<DeviceStatus> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private LinkSupervisor supervisor;

    /** Reads its link like an input device; counts what the supervisor asks of it. */
    private class ReadingWork implements LinkSupervisor.Work {
        @Override
        public void connected() throws DeviceException {
            connections.incrementAndGet();
            status.update(DeviceState.ONLINE, transport.describe());
        }

        @Override
        public void step() throws DeviceException {
            transport.read(new byte[16], Duration.ofMillis(20));
        }

        @Override
        public void pollStatus() {
            polls.incrementAndGet();
        }

        @Override
        public void disconnected(DeviceException reason) {
            lost.incrementAndGet();
        }
    }

    private LinkSupervisor supervise(Duration poll, LinkSupervisor.Work work) {
        status.addListener((previous, current) -> seen.add(current));
        supervisor = new LinkSupervisor("test-device", transport, status, poll, Duration.ofSeconds(1), work);
        return supervisor;
    }

    @AfterEach
    void close() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void openAndStartKnowsTheStatusWhenItReturns() {
        supervise(Duration.ZERO, new ReadingWork()).openAndStart();

        assertThat(status.current().state()).isEqualTo(DeviceState.ONLINE);
        assertThat(supervisor.isUp()).isTrue();
        assertThat(connections).hasValue(1);
    }

    @Test
    void anUnpluggedLinkIsReportedOfflineOnceWithAStableDetailAndSetUpAgainWhenPluggedBack() throws Exception {
        supervise(Duration.ZERO, new ReadingWork()).openAndStart();

        inner.peer().disconnect();
        Poll.until(WITHIN, "OFFLINE", () -> status.current().state() == DeviceState.OFFLINE);
        // Several reconnection attempts fail meanwhile (10–20 ms backoff, 100 ms pause).
        Poll.until(WITHIN, "more failed attempts", () -> lost.get() >= 3);
        assertThat(supervisor.isUp()).isFalse();

        inner.peer().reconnect();
        // Listeners hear of a change just after it is current: wait for what they heard.
        Poll.until(WITHIN, "ONLINE again", () -> seen.size() >= 3);

        assertThat(seen)
                .extracting(DeviceStatus::state)
                .containsExactly(DeviceState.ONLINE, DeviceState.OFFLINE, DeviceState.ONLINE);
        assertThat(seen.get(1).detail()).doesNotContain("next attempt");
        assertThat(connections).as("set up again after the reconnection").hasValue(2);
    }

    @Test
    void statusIsPolledEveryIntervalWhileTheLinkIsUp() throws Exception {
        supervise(Duration.ofMillis(20), new ReadingWork()).openAndStart();

        Poll.until(WITHIN, "three polls", () -> polls.get() >= 3);
    }

    @Test
    void aSetUpThatFailsBecomesTheStatusAndIsTriedAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        supervise(Duration.ZERO, new ReadingWork() {
                    @Override
                    public void connected() throws DeviceException {
                        if (attempts.incrementAndGet() == 1) {
                            throw new DeviceTimeoutException(
                                    DeviceState.ERROR, "the device did not answer (next attempt in 5 ms)");
                        }
                        super.connected();
                    }
                })
                .openAndStart();

        // The second attempt may already have succeeded when openAndStart returns (10–20 ms backoff): judge by what
        // the listeners heard, in order, not by the status of the moment.
        Poll.until(
                WITHIN,
                "ONLINE after the second attempt",
                () -> !seen.isEmpty() && seen.get(seen.size() - 1).state() == DeviceState.ONLINE);
        assertThat(seen).extracting(DeviceStatus::state).containsExactly(DeviceState.ERROR, DeviceState.ONLINE);
        assertThat(seen.get(0).detail()).isEqualTo("the device did not answer");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aDeviceBusyWithItsLinkIsNotReconnectedUnderIt() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        supervise(Duration.ZERO, new ReadingWork() {
                    @Override
                    public boolean mayReconnect() {
                        asked.incrementAndGet();
                        return false;
                    }
                })
                .openAndStart();

        Poll.until(WITHIN, "asked twice", () -> asked.get() >= 2);
        assertThat(connections).hasValue(0);
        assertThat(transport.isOpen()).isFalse();
    }

    @Test
    void closeStopsTheThreadAndClosesTheLink() {
        supervise(Duration.ZERO, new ReadingWork()).openAndStart();

        supervisor.close();

        assertThat(supervisor.isRunning()).isFalse();
        assertThat(supervisor.isUp()).isFalse();
        assertThat(transport.isOpen()).isFalse();
    }
}
