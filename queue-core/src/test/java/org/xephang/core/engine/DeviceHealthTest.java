package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.DeviceHealth;
import org.xephang.api.ErrorCode;
import org.xephang.api.EventType;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.core.DeviceHeartbeat;
import org.xephang.core.DeviceStatusReport;
import org.xephang.core.QueueService.Subscription;
import org.xephang.testkit.MutableClock;

/** The device registry of a site: status reports, heartbeats, silence with a moved clock, and their events. */
class DeviceHealthTest {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(MONDAY_MORNING);
    final List<QueueEvent> events = new CopyOnWriteArrayList<>();
    QueueEngine engine;
    Subscription subscription;

    @BeforeEach
    void open() {
        engine = EngineFixture.open(dir, clock);
        subscription = engine.subscribe(SITE, events::add);
    }

    @AfterEach
    void close() {
        subscription.close();
        engine.close();
    }

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    void report(String device, String kind, String state, String detail) {
        await(engine.reportDeviceStatus(
                SITE, new DeviceStatusReport(device, kind, state, detail, clock.instant()), KIOSK));
    }

    void heartbeat(String agent, String kind, String... devices) {
        await(engine.deviceHeartbeat(SITE, new DeviceHeartbeat(agent, kind, List.of(devices)), KIOSK));
    }

    List<QueueEvent> deviceEvents() {
        return events.stream().filter(e -> e.type() == EventType.DEVICE_STATUS).toList();
    }

    DeviceHealth device(String id) {
        return engine.devices(SITE).stream()
                .filter(d -> d.device().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyReportedDeviceAndHeartbeatingAgentIsListedWithKindStateDetailAndLastSeen() {
        report("kiosk1/printer", "printer", "PAPER_NEAR_END", "Sắp hết giấy");
        clock.advance(Duration.ofSeconds(5));
        heartbeat("kiosk1", "kiosk", "kiosk1/printer");

        assertThat(engine.devices(SITE))
                .extracting(DeviceHealth::device, DeviceHealth::kind, DeviceHealth::state, DeviceHealth::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kiosk1", "kiosk", "ONLINE", "Đang hoạt động"),
                        org.assertj.core.groups.Tuple.tuple(
                                "kiosk1/printer", "printer", "PAPER_NEAR_END", "Sắp hết giấy"));
        assertThat(device("kiosk1/printer").lastSeen()).isEqualTo(clock.instant());
        assertThat(device("kiosk1/printer").since()).isEqualTo(clock.instant().minusSeconds(5));
        assertThat(deviceEvents())
                .extracting(e -> e.details().getString("device"))
                .as("the agent's first heartbeat is an event, the printer's heartbeat is not")
                .containsExactly("kiosk1/printer", "kiosk1");
    }

    @Test
    void aDeviceSilentForSixtySecondsBecomesOfflineWithAnEventAndReturnsAtItsNextHeartbeat() {
        heartbeat("kiosk1", "kiosk");
        report("kiosk1/printer", "printer", "PAPER_OUT", "Hết giấy");
        report("board1/led3", "led", "ONLINE", null);
        clock.advance(Duration.ofSeconds(40));
        heartbeat("board1", "board", "board1/led3");
        int before = deviceEvents().size();

        clock.advance(Duration.ofSeconds(20));
        await(engine.checkSilentDevices());
        assertThat(deviceEvents()).as("exactly 60 s is not yet silent").hasSize(before);

        clock.advance(Duration.ofMillis(1));
        await(engine.checkSilentDevices());
        await(engine.checkSilentDevices());

        List<QueueEvent> silenced =
                deviceEvents().subList(before, deviceEvents().size());
        assertThat(silenced)
                .extracting(
                        e -> e.details().getString("device"), e -> e.details().getString("state"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kiosk1", "OFFLINE"),
                        org.assertj.core.groups.Tuple.tuple("kiosk1/printer", "OFFLINE"));
        assertThat(silenced.get(1).details().getString("detail")).isEqualTo("Không nhận được tín hiệu quá 60 giây");
        assertThat(device("kiosk1/printer").up()).isFalse();
        assertThat(device("board1/led3").state()).isEqualTo("ONLINE");

        heartbeat("kiosk1", "kiosk", "kiosk1/printer");

        assertThat(device("kiosk1").state()).isEqualTo("ONLINE");
        assertThat(device("kiosk1/printer").state())
                .as("back to what it last reported")
                .isEqualTo("PAPER_OUT");
        assertThat(deviceEvents()).hasSize(before + 4);
        assertThat(deviceEvents().get(before + 3).details().getString("state")).isEqualTo("PAPER_OUT");
    }

    @Test
    void aRepeatedReportKeepsADeviceHeardWithoutANewEvent() {
        report("counter2/led", "led", "ONLINE", "Sẵn sàng");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(20));
            report("counter2/led", "led", "ONLINE", "Sẵn sàng");
            await(engine.checkSilentDevices());
        }

        assertThat(deviceEvents()).hasSize(1);
        assertThat(device("counter2/led").up()).isTrue();
        assertThat(device("counter2/led").lastSeen()).isEqualTo(clock.instant());
    }

    @Test
    void aSilentDeviceReportingAgainMakesAnEventEvenWithItsOldState() {
        report("kiosk1/scanner", "scanner", "ONLINE", null);
        clock.advance(Duration.ofSeconds(61));
        await(engine.checkSilentDevices());
        report("kiosk1/scanner", "scanner", "ONLINE", null);

        assertThat(deviceEvents())
                .extracting(e -> e.details().getString("state"))
                .containsExactly("ONLINE", "OFFLINE", "ONLINE");
    }

    @Test
    void aHeartbeatWithoutAgentOrKindIsRefusedAndAnUnknownDeviceInItIsIgnored() {
        Throwable thrown = catchThrowable(
                () -> await(engine.deviceHeartbeat(SITE, new DeviceHeartbeat(" ", "kiosk", List.of()), KIOSK)));
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(QueueError.class);
        assertThat(((QueueError) thrown.getCause()).code()).isEqualTo(ErrorCode.INVALID_REQUEST);

        heartbeat("kiosk1", "kiosk", "kiosk1/printer");

        assertThat(engine.devices(SITE)).extracting(DeviceHealth::device).containsExactly("kiosk1");
    }

    @Test
    void theSilenceLimitIsAnEngineOption() {
        engine.close();
        subscription.close();
        engine = QueueEngine.open(
                EngineFixture.config(),
                dir,
                clock,
                new EngineOptions(false, "http://q.test").withDeviceSilenceLimit(Duration.ofSeconds(5)));
        subscription = engine.subscribe(SITE, events::add);
        report("kiosk1/printer", "printer", "ONLINE", null);
        clock.advance(Duration.ofSeconds(6));
        await(engine.checkSilentDevices());

        assertThat(device("kiosk1/printer").state()).isEqualTo("OFFLINE");
        assertThat(device("kiosk1/printer").detail()).isEqualTo("Không nhận được tín hiệu quá 5 giây");
        assertThat(device("kiosk1/printer").since()).isEqualTo(clock.instant());
        assertThat(device("kiosk1/printer").lastSeen())
                .isEqualTo(clock.instant().minusSeconds(6));
    }

    @Test
    void devicesOfAnUnknownSiteAreRefused() {
        Throwable thrown = catchThrowable(() -> engine.devices("nowhere"));
        assertThat(((QueueError) thrown).code()).isEqualTo(ErrorCode.UNKNOWN_SITE);
    }
}
