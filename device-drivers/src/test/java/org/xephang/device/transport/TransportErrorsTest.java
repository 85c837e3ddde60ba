package org.xephang.device.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceUri;
import org.xephang.device.transport.printservice.PrintServiceTransport;
import org.xephang.device.transport.serial.SerialSettings;
import org.xephang.device.transport.serial.SerialTransport;
import org.xephang.device.transport.tcp.TcpTransport;

class TransportErrorsTest {

    @Test
    void aMissingSerialPortIsNamedWithThePortsPresent() {
        SerialTransport port = new SerialTransport(
                "/dev/serial/by-id/no-such-printer",
                new SerialSettings(115200, 8, "none", 1, SerialSettings.Flow.NONE));

        assertThatThrownBy(port::open)
                .isInstanceOf(DeviceDisconnectedException.class)
                .hasMessageContaining("serial:///dev/serial/by-id/no-such-printer@115200")
                .hasMessageContaining("ports present: ");
        assertThat(port.isOpen()).isFalse();
    }

    @Test
    void aPrintServiceIsMatchedByExactNameAndTheNamesPresentAreListed() {
        PrintServiceTransport service = new PrintServiceTransport("TM-T20III (no such queue)");

        assertThatThrownBy(service::open)
                .isInstanceOf(DeviceDisconnectedException.class)
                .hasMessageContaining("no print service with this exact name; present: ");
        assertThat(service.canRead()).isFalse();
    }

    @Test
    void tcpReadsTimeOutWithNothingAndReportTheDeviceClosingTheConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            TcpTransport tcp =
                    TcpTransport.from(DeviceUri.parse("escpos:tcp://127.0.0.1:" + server.getLocalPort()), 9100);
            tcp.open();
            try (Socket device = server.accept()) {
                assertThat(tcp.read(new byte[8], Duration.ofMillis(50))).isZero();

                tcp.write(new byte[] {0x10, 0x04, 0x01});
                tcp.flush();
                InputStream in = device.getInputStream();
                assertThat(in.readNBytes(3)).containsExactly(0x10, 0x04, 0x01);
                device.getOutputStream().write(0x16);
                byte[] buffer = new byte[8];
                assertThat(tcp.read(buffer, Duration.ofSeconds(2))).isEqualTo(1);
                assertThat(buffer[0]).isEqualTo((byte) 0x16);
            }
            assertThatThrownBy(() -> tcp.read(new byte[8], Duration.ofSeconds(2)))
                    .isInstanceOf(DeviceDisconnectedException.class)
                    .hasMessageContaining("closed the connection");
            assertThat(tcp.isOpen()).isFalse();
        }
    }

    @Test
    void serialSettingsComeFromTheUriAndGiveTheTransferTime() throws Exception {
        SerialSettings settings =
                SerialSettings.from(DeviceUri.parse("escpos:serial:///dev/ttyUSB0?baud=9600&flow=rtscts"), 115200);

        assertThat(settings.baud()).isEqualTo(9600);
        assertThat(settings.flow()).isEqualTo(SerialSettings.Flow.RTSCTS);
        assertThat(settings.secondsFor(960)).isEqualTo(1.0);
    }
}
