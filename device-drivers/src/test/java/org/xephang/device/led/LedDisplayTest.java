package org.xephang.device.led;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.testkit.Poll;

class LedDisplayTest {

    private final DeviceFactory factory = new DeviceFactory(List.of(new LedDeviceProvider()), Clock.systemUTC());
    private final String bus = "test-" + UUID.randomUUID();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        LedBusSimulator.named(bus).close();
    }

    private <T extends AutoCloseable> T open(T device) {
        opened.add(device);
        return device;
    }

    static void await(String what, Duration within, BooleanSupplier condition) {
        Poll.until(within, what, condition);
    }

    @Test
    void displaysOnOneSimulatedBusShowTheirOwnNumbers() throws Exception {
        LedDisplay three = open(factory.create("sim:led?gap=0ms&address=3&bus=" + bus, LedDisplay.class));
        LedDisplay four = open(factory.create("sim:led?gap=0ms&address=4&bus=" + bus, LedDisplay.class));
        three.start();
        four.start();
        await("online", Duration.ofSeconds(2), () -> three.status().state() == DeviceState.ONLINE);
        three.show(LedFrame.number("A1023"));
        four.show(LedFrame.numberAtCounter("B0007", 4));
        assertThat(LedBusSimulator.named(bus).shown()).containsEntry(3, "A1023").containsEntry(4, "B0007 Q04");
        assertThat(three.current()).isEqualTo(LedFrame.number("A1023"));
    }

    @Test
    void framesOnOneBusAreSpacedByTheGap() throws Exception {
        LedDisplay display = open(factory.create("sim:led?gap=150ms&address=1&bus=" + bus, LedDisplay.class));
        display.start();
        await("online", Duration.ofSeconds(2), () -> display.status().state() == DeviceState.ONLINE);
        record Shown(long at, String text) {}
        List<Shown> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        LedBusSimulator.named(bus).addListener((address, text) -> frames.add(new Shown(System.nanoTime(), text)));
        for (int i = 0; i < 3; i++) {
            display.show(LedFrame.number("A" + i));
        }
        List<Shown> seen = List.copyOf(frames);
        assertThat(seen.stream().map(Shown::text).filter(text -> !text.isEmpty()))
                .as("each frame once: the bus's refresh after connecting comes before it says ONLINE")
                .containsExactly("A0", "A1", "A2");
        for (int i = 1; i < seen.size(); i++) {
            assertThat(Duration.ofNanos(seen.get(i).at() - seen.get(i - 1).at()))
                    .as("the gap before frame %d of %s", i, seen)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void unpluggedBusGoesOfflineAndShowsTheLatestNumberWhenReplugged() throws Exception {
        LedDisplay display = open(factory.create("sim:led?gap=0ms&address=2&bus=" + bus, LedDisplay.class));
        display.start();
        await("online", Duration.ofSeconds(2), () -> display.status().state() == DeviceState.ONLINE);
        display.show(LedFrame.number("A1"));

        LedBusSimulator.named(bus).setConnected(false);
        await(
                "offline within 1 s",
                Duration.ofSeconds(1),
                () -> display.status().state() == DeviceState.OFFLINE);
        assertThat(display.status().detail()).contains("unplugged");
        assertThatThrownBy(() -> display.show(LedFrame.number("A2")))
                .isInstanceOf(DeviceDisconnectedException.class)
                .hasMessageContaining("updated when the link is back");

        LedBusSimulator.named(bus).setConnected(true);
        await("online within 2 s", Duration.ofSeconds(2), () -> display.status().state() == DeviceState.ONLINE);
        await(
                "latest frame re-sent",
                Duration.ofSeconds(1),
                () -> LedBusSimulator.named(bus).shown(2).orElse("").equals("A2"));
    }

    @Test
    void summaryBoardSendsOnlyChangedLinesAndBlanksTheRest() throws Exception {
        LedSummaryBoard board =
                open(factory.create("sim:ledsummary?gap=0ms&address=10&lines=3&bus=" + bus, LedSummaryBoard.class));
        board.start();
        await("online", Duration.ofSeconds(2), () -> board.status().state() == DeviceState.ONLINE);
        List<String> writes = new ArrayList<>();
        LedBusSimulator.named(bus).addListener((address, text) -> writes.add(address + "=" + text));
        board.show(List.of(new LedSummaryBoard.Line(1, "A1023"), new LedSummaryBoard.Line(2, "B0007")));
        board.show(List.of(new LedSummaryBoard.Line(1, "A1024"), new LedSummaryBoard.Line(2, "B0007")));
        assertThat(writes).containsExactly("10=01 A1023", "11=02 B0007", "12=", "10=01 A1024");
        assertThatThrownBy(() -> board.show(List.of(
                        new LedSummaryBoard.Line(1, "1"),
                        new LedSummaryBoard.Line(2, "2"),
                        new LedSummaryBoard.Line(3, "3"),
                        new LedSummaryBoard.Line(4, "4"))))
                .hasMessage("4 lines given to a summary board of 3 lines");
    }

    @Test
    void aCounterDisplayIsNotASummaryBoardNorTheOtherWayRound() {
        assertThatThrownBy(() -> factory.create("sim:led?address=1&bus=" + bus, LedSummaryBoard.class))
                .isInstanceOf(InvalidDeviceUriException.class)
                .hasMessageContaining("not a LedSummaryBoard");
        assertThatThrownBy(() -> factory.create("sim:ledsummary?address=1&bus=" + bus, LedDisplay.class))
                .isInstanceOf(InvalidDeviceUriException.class)
                .hasMessageContaining("not a LedDisplay");
    }

    @Test
    void aMissingSerialPortIsOfflineWithThePortNamedNotAnException() throws Exception {
        LedDisplay display =
                open(factory.create("led:ascii+serial:///dev/ttyXEPHANG-MISSING?address=3", LedDisplay.class));
        display.start();
        await("offline", Duration.ofSeconds(1), () -> display.status().detail().contains("ttyXEPHANG-MISSING"));
        assertThat(display.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(display.status().detail()).contains("ports present");
        assertThat(display.status().description()).isEqualTo("Mất kết nối");
    }

    @Test
    void badUrisNameTheProblem() {
        assertThatThrownBy(() -> factory.create("led:morse+serial:///dev/ttyUSB1", LedDisplay.class))
                .isInstanceOf(InvalidDeviceUriException.class)
                .hasMessageContaining("unknown LED protocol 'morse'; known: ascii, armfly, modbus");
        assertThatThrownBy(() -> factory.create("led:ascii+serial:///dev/ttyUSB1?adress=3", LedDisplay.class))
                .hasMessageContaining("unknown parameter adress");
        assertThatThrownBy(() -> factory.create("led:ascii+serial:///dev/ttyUSB1?address=300", LedDisplay.class))
                .hasMessageContaining("LED address must be 0..255");
        assertThatThrownBy(() -> factory.create("led:ascii+serial:///dev/ttyUSB1?checksum=crc", LedDisplay.class))
                .hasMessageContaining("allowed: none, sum, xor");
    }

    @Test
    void aSecondDisplayOnOnePortWithOtherBusSettingsIsRefusedNamingBoth() throws Exception {
        open(factory.create("sim:led?gap=0ms&address=3&bus=" + bus, LedDisplay.class));
        assertThatThrownBy(() -> factory.create("sim:led?gap=100ms&address=4&bus=" + bus, LedDisplay.class))
                .isInstanceOf(InvalidDeviceUriException.class)
                .hasMessageContaining("sim:led/" + bus + " is already an LED bus with gap=0ms")
                .hasMessageContaining("(this display: gap=100ms)");

        String port = "led:ascii+serial:///dev/ttyUSB-" + bus;
        open(factory.create(port + "?address=1&width=16&checksum=xor", LedDisplay.class));
        // Spelling out a default is the same setting: the same bus.
        open(factory.create(port + "?address=2&width=16&checksum=xor&baud=9600&gap=300ms", LedDisplay.class));
        assertThatThrownBy(() -> factory.create(port + "?address=3&width=8", LedDisplay.class))
                .isInstanceOf(InvalidDeviceUriException.class)
                .hasMessageContaining(
                        "serial:///dev/ttyUSB-" + bus + " is already an LED bus with checksum=xor, width=16")
                .hasMessageContaining("(this display: checksum=none, width=8)");
        assertThatThrownBy(() -> factory.create(
                        "ledsummary:ascii+serial:///dev/ttyUSB-" + bus + "?address=10&width=16&checksum=xor&baud=19200",
                        LedSummaryBoard.class))
                .hasMessageContaining("baud=9600 (this display: baud=19200)");
        assertThatThrownBy(
                        () -> factory.create("led:modbus+serial:///dev/ttyUSB-" + bus + "?address=4", LedDisplay.class))
                .hasMessageContaining("protocol=ascii")
                .hasMessageContaining("protocol=modbus");
    }
}
