package org.xephang.device.led;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.testkit.Poll;

class FlappingBusLogTest {

    @Test
    void aBusUnpluggedAndReplugged20TimesLogsOnlyAFewLinesAtInfoOrAbove() throws Exception {
        String bus = "flap-" + UUID.randomUUID();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        DeviceFactory factory = new DeviceFactory(List.of(new LedDeviceProvider()), Clock.systemUTC());
        try (LedDisplay display = factory.create("sim:led?gap=0ms&address=1&bus=" + bus, LedDisplay.class)) {
            display.start();
            Poll.until(Duration.ofSeconds(2), "online", () -> display.status().state() == DeviceState.ONLINE);
            for (int i = 0; i < 20; i++) {
                LedBusSimulator.named(bus).setConnected(false);
                Poll.until(
                        Duration.ofSeconds(1), "offline", () -> display.status().state() == DeviceState.OFFLINE);
                LedBusSimulator.named(bus).setConnected(true);
                Poll.until(
                        Duration.ofSeconds(2), "online", () -> display.status().state() == DeviceState.ONLINE);
            }
        } finally {
            root.detachAppender(appender);
            LedBusSimulator.named(bus).close();
        }
        List<ILoggingEvent> loud = appender.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .filter(e -> e.getFormattedMessage().contains(bus))
                .toList();
        // 40 state changes each of the bus and the display, 20 losses and 20 reconnections: at most 6 lines each.
        assertThat(loud).hasSizeLessThanOrEqualTo(4 * 6 + 2);
        assertThat(loud)
                .anySatisfy(e ->
                        assertThat(e.getFormattedMessage()).contains("flapping: more lines like this go to DEBUG"));
    }
}
