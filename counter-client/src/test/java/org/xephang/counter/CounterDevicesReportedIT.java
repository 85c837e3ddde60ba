package org.xephang.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.centre.RunningCentre.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.agent.DeviceReporter;
import org.xephang.api.DeviceHealth;
import org.xephang.api.QueueClient;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.testkit.centre.RunningCentre;

/**
 * Issue 14 item 6: a counter PC's devices (the LED above the counter, the rating keypad) are registered by the counter
 * agent with the PC's device account, and the supervisor sees them, and sees the LED go offline when it is unplugged.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CounterDevicesReportedIT {

    private static final String SITE = "demo";

    @TempDir
    Path temp;

    private final String bus = "counter-pc-" + UUID.randomUUID();
    private Vertx vertx;
    private RunningCentre centre;
    private CounterApp counter;
    private QueueClient supervisor;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        centre = RunningCentre.started(vertx, temp.resolve("data"));
        CounterOptions options = CounterOptions.of(
                        centre.url(),
                        SITE,
                        List.of(new CounterOptions.DeskOptions(
                                3, "sim:led?address=3&gap=0&bus=" + bus, "sim:keypad?name=" + bus)))
                .withAccount(new DeviceReporter.Account("quaypc1", "quaypc1", "demo"));
        counter = CounterApp.create(vertx, options);
        await(counter.started());
        supervisor = centre.client("supervisor");
    }

    @AfterEach
    void stop() throws Exception {
        if (counter != null) {
            counter.close();
        }
        if (centre != null) {
            centre.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theCounterPcAndItsLedAndKeypadAreListedAndAnUnpluggedLedShowsOffline() throws Exception {
        DeviceHealth led = awaitDevice("quaypc1/led-3", "ONLINE");
        assertThat(led.kind()).isEqualTo("led");
        assertThat(awaitDevice("quaypc1/keypad-3", "ONLINE").kind()).isEqualTo("keypad");
        DeviceHealth pc = awaitDevice("quaypc1", "ONLINE");
        assertThat(pc.kind()).isEqualTo("counter");

        LedBusSimulator.named(bus).setConnected(false);

        assertThat(awaitDevice("quaypc1/led-3", "OFFLINE").up()).isFalse();
    }

    private DeviceHealth awaitDevice(String id, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Optional<DeviceHealth> found = await(supervisor.devices(SITE)).stream()
                    .filter(d -> d.device().equals(id) && d.state().equals(state))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.nanoTime()).as(id + " " + state + " within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
