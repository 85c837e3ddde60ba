package org.xephang.device.led;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.device.transport.Transport;
import org.xephang.device.transport.serial.SerialSettings;
import org.xephang.device.transport.serial.SerialTransport;
import org.xephang.testkit.Poll;
import org.xephang.testkit.SocatPtyPair;

/** LED displays on a real serial line (a socat pty pair) with a simulated bus of boards at the other end. */
class LedBusSocatIT {

    @TempDir
    Path dir;

    private SocatPtyPair pty;
    private LedBusSimulator boards;
    private final DeviceFactory factory = new DeviceFactory(List.of(new LedDeviceProvider()), Clock.systemUTC());

    @BeforeEach
    void plugIn() throws Exception {
        SocatPtyPair.assumeSocat();
        pty = SocatPtyPair.start(dir);
    }

    @AfterEach
    void unplug() throws Exception {
        if (boards != null) {
            boards.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private void serveBoards(LedCodec codec) throws Exception {
        boards = new LedBusSimulator("pty", codec);
        boards.attach(new SerialTransport(
                pty.deviceEnd().toString(),
                SerialSettings.from(org.xephang.device.DeviceUri.parse("led:serial://x"), 9600)));
    }

    @Test
    void asciiFramesReachTheirAddressesAndSurviveUnplugging() throws Exception {
        serveBoards(new AsciiFrameCodec(AsciiFrameCodec.Options.defaults()));
        String uri = "led:ascii+serial://" + pty.hostEnd() + "?gap=20ms&address=";
        try (LedDisplay counter5 = factory.create(uri + "5", LedDisplay.class);
                LedDisplay counter6 = factory.create(uri + "6", LedDisplay.class)) {
            counter5.start();
            counter6.start();
            Poll.until(Duration.ofSeconds(2), "online", () -> counter5.status().state() == DeviceState.ONLINE);
            counter5.show(LedFrame.number("A1023"));
            counter6.show(LedFrame.number("B0042"));
            Poll.until(Duration.ofSeconds(2), "both shown", () -> boards.shown().size() == 2);
            assertThat(boards.shown()).containsEntry(5, "A1023").containsEntry(6, "B0042");

            pty.unplug();
            Poll.until(
                    Duration.ofSeconds(1),
                    "OFFLINE within 1 s",
                    () -> counter5.status().state() == DeviceState.OFFLINE);
            assertThat(counter5.status().detail()).contains(pty.hostEnd().toString());
            assertThatThrownBy(() -> counter5.show(LedFrame.number("A1024")))
                    .isInstanceOf(DeviceDisconnectedException.class);

            boards.clear();
            pty.replug();
            Poll.until(
                    Duration.ofSeconds(2),
                    "ONLINE within 2 s",
                    () -> counter5.status().state() == DeviceState.ONLINE);
            Poll.until(
                    Duration.ofSeconds(2),
                    "latest frames shown again",
                    () -> "A1024".equals(boards.shown().get(5))
                            && "B0042".equals(boards.shown().get(6)));
        }
    }

    @Test
    void modbusRtuWritesAreAcknowledgedAndARefusalIsAnError() throws Exception {
        ModbusLedCodec.Options options = ModbusLedCodec.Options.defaults(ModbusLedCodec.Framing.RTU);
        boards = new LedBusSimulator("pty", new ModbusLedCodec(options));
        RefusingLink link = new RefusingLink(new SerialTransport(
                pty.deviceEnd().toString(),
                SerialSettings.from(org.xephang.device.DeviceUri.parse("led:serial://x"), 9600)));
        boards.attach(link);
        try (LedDisplay display =
                factory.create("led:modbus+serial://" + pty.hostEnd() + "?gap=0ms&address=1", LedDisplay.class)) {
            display.start();
            Poll.until(Duration.ofSeconds(2), "online", () -> display.status().state() == DeviceState.ONLINE);
            display.show(LedFrame.number("1023"));
            display.show(LedFrame.number("A1023"));
            assertThat(boards.shown(1)).contains("A1023");
            assertThat(display.status().state()).isEqualTo(DeviceState.ONLINE);

            // The board answers the next write with Modbus exception 02 (illegal data address).
            link.refuseNextWith(2);
            assertThatThrownBy(() -> display.show(LedFrame.number("A1024")))
                    .isInstanceOf(DeviceException.class)
                    .hasMessageContaining("board at address 1")
                    .hasMessageContaining("board refused the write: Modbus exception 2 (illegal data address)")
                    .satisfies(e -> assertThat(((DeviceException) e).state()).isEqualTo(DeviceState.ERROR));
            assertThat(link.refusals()).isEqualTo(1);
            Poll.until(Duration.ofSeconds(1), "ERROR", () -> display.status().state() == DeviceState.ERROR);
            assertThat(display.status().detail()).contains("Modbus exception 2");

            // The next write is acknowledged again: the display is back.
            display.show(LedFrame.number("A1025"));
            assertThat(boards.shown(1)).contains("A1025");
            Poll.until(
                    Duration.ofSeconds(1),
                    "ONLINE again",
                    () -> display.status().state() == DeviceState.ONLINE);
        }
    }

    /**
     * The boards' end of the line, answering one write with a Modbus RTU exception response (unit, function | 0x80,
     * exception code, CRC low, CRC high) instead of the simulator's acknowledgement.
     */
    private static final class RefusingLink implements Transport {
        private final Transport inner;
        private final AtomicInteger refuseWith = new AtomicInteger();
        private final AtomicInteger refusals = new AtomicInteger();

        RefusingLink(Transport inner) {
            this.inner = inner;
        }

        void refuseNextWith(int exceptionCode) {
            refuseWith.set(exceptionCode);
        }

        int refusals() {
            return refusals.get();
        }

        @Override
        public void write(byte[] data, int offset, int length) throws DeviceException {
            int code = refuseWith.getAndSet(0);
            if (code == 0) {
                inner.write(data, offset, length);
                return;
            }
            byte[] refusal = {data[offset], (byte) (data[offset + 1] | 0x80), (byte) code, 0, 0};
            int crc = Crc16Modbus.of(refusal, 0, 3);
            refusal[3] = (byte) crc;
            refusal[4] = (byte) (crc >>> 8);
            refusals.incrementAndGet();
            inner.write(refusal);
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void open() throws DeviceException {
            inner.open();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public void flush() throws DeviceException {
            inner.flush();
        }

        @Override
        public boolean canRead() {
            return inner.canRead();
        }

        @Override
        public int read(byte[] buffer, Duration timeout) throws DeviceException {
            return inner.read(buffer, timeout);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void modbusBoardThatNeverAnswersTurnsTheDisplayToError() throws Exception {
        // Nobody serves the device end: writes go out, no acknowledgement comes back.
        try (LedDisplay display = factory.create(
                "led:modbus+serial://" + pty.hostEnd() + "?gap=0ms&address=1&replyTimeout=200ms", LedDisplay.class)) {
            display.start();
            Poll.until(Duration.ofSeconds(2), "online", () -> display.status().state() == DeviceState.ONLINE);
            assertThatThrownBy(() -> display.show(LedFrame.number("7")))
                    .hasMessageContaining("board at address 1 did not answer within 200 ms");
            Poll.until(Duration.ofSeconds(1), "ERROR", () -> display.status().state() == DeviceState.ERROR);
        }
    }
}
