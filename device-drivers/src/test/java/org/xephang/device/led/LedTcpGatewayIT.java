package org.xephang.device.led;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.testkit.Poll;

/** LED boards behind an RS-485-to-Ethernet gateway speaking Modbus TCP, simulated on a real local TCP port. */
class LedTcpGatewayIT {

    private final DeviceFactory factory = new DeviceFactory(List.of(new LedDeviceProvider()), Clock.systemUTC());

    private static LedBusSimulator gateway(int port) throws Exception {
        LedBusSimulator boards = new LedBusSimulator(
                "gateway", new ModbusLedCodec(ModbusLedCodec.Options.defaults(ModbusLedCodec.Framing.TCP)));
        boards.listenTcp(port);
        return boards;
    }

    @Test
    void modbusTcpWritesAreAcknowledgedAndTheDisplayComesBackWhenTheGatewayRestarts() throws Exception {
        LedBusSimulator boards = new LedBusSimulator(
                "gateway", new ModbusLedCodec(ModbusLedCodec.Options.defaults(ModbusLedCodec.Framing.TCP)));
        int port = boards.listenTcp(0);
        try (LedDisplay display = factory.create(
                "led:modbus+tcp://127.0.0.1:" + port + "?address=7&gap=0ms&replyTimeout=1s", LedDisplay.class)) {
            display.start();
            Poll.until(Duration.ofSeconds(2), "online", () -> display.status().state() == DeviceState.ONLINE);
            display.show(LedFrame.number("A1023"));
            display.show(LedFrame.number("1024"));
            assertThat(boards.shown(7)).contains("1024");

            boards.close();
            Poll.until(
                    Duration.ofSeconds(1),
                    "OFFLINE within 1 s",
                    () -> display.status().state() == DeviceState.OFFLINE);

            boards = gateway(port);
            LedBusSimulator restarted = boards;
            Poll.until(
                    Duration.ofSeconds(2),
                    "ONLINE within 2 s",
                    () -> display.status().state() == DeviceState.ONLINE);
            Poll.until(
                    Duration.ofSeconds(2),
                    "latest number shown again",
                    () -> restarted.shown(7).orElse("").equals("1024"));
        } finally {
            boards.close();
        }
    }
}
