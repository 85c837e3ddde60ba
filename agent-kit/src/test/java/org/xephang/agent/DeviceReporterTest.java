package org.xephang.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.testkit.Poll;

@Timeout(20)
class DeviceReporterTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final FakeServer server = new FakeServer();
    private final FakeDevice printer = new FakeDevice();
    private DeviceReporter reporter;

    @AfterEach
    void close() throws Exception {
        if (reporter != null) {
            reporter.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A server that takes reports and heartbeats, or refuses them as unreachable while {@code down}. */
    private static final class FakeServer implements DeviceReporter.Server {
        final List<String> reports = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<String> heartbeats = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public Future<Void> reportStatus(String device, String kind, DeviceStatus status) {
            String report = device + " " + kind + " " + status.state();
            if (down) {
                refused.add(report);
                return Future.failedFuture(new ConnectException("Connection refused"));
            }
            reports.add(report);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> heartbeat(String agentId, String agentKind, List<String> devices) {
            heartbeats.add(agentId + " " + agentKind + " " + devices);
            return down ? Future.failedFuture(new ConnectException("Connection refused")) : Future.succeededFuture();
        }
    }

    private static final class FakeDevice {
        final List<DeviceStatusListener> listeners = new CopyOnWriteArrayList<>();
        volatile DeviceStatus status = status(DeviceState.ONLINE);

        void becomes(DeviceState state) {
            DeviceStatus previous = status;
            status = status(state);
            listeners.forEach(l -> l.statusChanged(previous, status));
        }

        static DeviceStatus status(DeviceState state) {
            return new DeviceStatus(state, state.vietnamese(), null, Instant.EPOCH);
        }

        DeviceReporter.Reported reported(String name) {
            return new DeviceReporter.Reported(name, "printer", () -> status, listeners::add, listeners::remove);
        }
    }

    private void start() {
        reporter =
                DeviceReporter.start(context, server, "kiosk1", "kiosk", List.of(printer.reported("kiosk1/printer")));
    }

    @Test
    void reportsEveryDeviceAtStartAndSendsAHeartbeatNamingThem() {
        start();

        Poll.until(
                "the status at start and a heartbeat", () -> !server.reports.isEmpty() && !server.heartbeats.isEmpty());
        assertThat(server.reports).containsExactly("kiosk1/printer printer ONLINE");
        assertThat(server.heartbeats).first().isEqualTo("kiosk1 kiosk [kiosk1/printer]");
    }

    @Test
    void aChangeIsReportedAndOneTheServerDidNotTakeIsSentAgainWhenTheLinkReturns() {
        start();
        Poll.until("the status at start", () -> server.reports.size() == 1);
        server.down = true;

        printer.becomes(DeviceState.PAPER_OUT);
        Poll.until("the refused report", () -> server.refused.size() == 1);
        server.down = false;
        reporter.linkReturned();

        Poll.until("the report sent again", () -> server.reports.size() == 2);
        assertThat(server.reports).last().isEqualTo("kiosk1/printer printer PAPER_OUT");
    }

    @Test
    void aDeviceAddedLaterIsReportedAtOnceAndItsChangesFollow() {
        start();
        Poll.until("the status at start", () -> server.reports.size() == 1);
        FakeDevice scanner = new FakeDevice();
        scanner.becomes(DeviceState.ERROR);

        reporter.add(scanner.reported("kiosk1/scanner"));
        Poll.until("the added device reported", () -> server.reports.size() == 2);
        scanner.becomes(DeviceState.ONLINE);

        Poll.until("its change reported", () -> server.reports.size() == 3);
        assertThat(server.reports.subList(1, 3))
                .containsExactly("kiosk1/scanner printer ERROR", "kiosk1/scanner printer ONLINE");
    }

    @Test
    void afterCloseAChangeIsNoLongerReported() throws Exception {
        start();
        Poll.until("the status at start", () -> server.reports.size() == 1);

        reporter.close();
        Poll.until("the listener removed", printer.listeners::isEmpty);
        printer.becomes(DeviceState.OFFLINE);
        Future<Void> drained = Future.future(p -> context.runOnContext(v -> p.complete()));
        drained.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(server.reports).hasSize(1);
        reporter = null;
    }
}
