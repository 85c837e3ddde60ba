package org.xephang.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceUriTest {

    @Test
    void splitsSerialUriIntoKindTransportPathAndParams() throws Exception {
        DeviceUri uri = DeviceUri.parse("escpos:serial:///dev/serial/by-id/usb-EPSON?baud=115200&flow=rtscts");

        assertThat(uri.scheme()).isEqualTo("escpos");
        assertThat(uri.transport()).contains("serial");
        assertThat(uri.protocol()).isEmpty();
        assertThat(uri.address()).isEqualTo("/dev/serial/by-id/usb-EPSON");
        assertThat(uri.intParam("baud", 9600, 300, 4_000_000)).isEqualTo(115200);
        assertThat(uri.param("flow", "none")).isEqualTo("rtscts");
    }

    @Test
    void splitsProtocolPlusTransport() throws Exception {
        DeviceUri uri = DeviceUri.parse("led:modbus+tcp://10.0.0.40:502");

        assertThat(uri.scheme()).isEqualTo("led");
        assertThat(uri.protocol()).contains("modbus");
        assertThat(uri.transport()).contains("tcp");
        assertThat(uri.hostAndPort(9100).getHostString()).isEqualTo("10.0.0.40");
        assertThat(uri.hostAndPort(9100).getPort()).isEqualTo(502);
    }

    @Test
    void tcpAddressWithoutPortUsesTheDefault() throws Exception {
        assertThat(DeviceUri.parse("escpos:tcp://printer.local")
                        .hostAndPort(9100)
                        .getPort())
                .isEqualTo(9100);
        assertThat(DeviceUri.parse("escpos:tcp://[::1]:9101").hostAndPort(9100).getHostString())
                .isEqualTo("::1");
    }

    @Test
    void javaposAndSimulatorUrisHaveNoTransport() throws Exception {
        DeviceUri javapos = DeviceUri.parse("javapos://POSPrinter1");
        DeviceUri sim = DeviceUri.parse("sim:printer?dir=/tmp/x%20y");

        assertThat(javapos.scheme()).isEqualTo("javapos");
        assertThat(javapos.transport()).isEmpty();
        assertThat(javapos.address()).isEqualTo("POSPrinter1");
        assertThat(sim.scheme()).isEqualTo("sim");
        assertThat(sim.address()).isEqualTo("printer");
        assertThat(sim.param("dir")).contains("/tmp/x y");
    }

    @Test
    void cupsNameIsKeptExactly() throws Exception {
        assertThat(DeviceUri.parse("escpos:cups://TM-T20III").address()).isEqualTo("TM-T20III");
    }

    @Test
    void badInputsAreRejectedWithAMessageNamingTheProblem() {
        assertThatThrownBy(() -> DeviceUri.parse("")).isInstanceOf(InvalidDeviceUriException.class);
        assertThatThrownBy(() -> DeviceUri.parse("TCP:foo")).hasMessageContaining("kind");
        assertThatThrownBy(() -> DeviceUri.parse("escpos:tcp://")).hasMessageContaining("no address");
        assertThatThrownBy(() -> DeviceUri.parse("sim:printer?dir=a&dir=b")).hasMessageContaining("'dir' twice");
        assertThatThrownBy(() -> DeviceUri.parse("escpos:tcp://h:99999").hostAndPort(9100))
                .hasMessageContaining("port '99999'");
        assertThatThrownBy(() ->
                        DeviceUri.parse("escpos:serial:///dev/x?baud=fast").intParam("baud", 9600, 300, 4_000_000))
                .hasMessageContaining("'baud' is 'fast'");
        assertThatThrownBy(() -> DeviceUri.parse("escpos:tcp://h?mode=colour")
                        .choiceParam("mode", "raster", Set.of("raster", "text", "hybrid")))
                .hasMessageContaining("allowed: hybrid, raster, text");
    }

    @Test
    void unknownParametersAreReportedByName() throws Exception {
        DeviceUri uri = DeviceUri.parse("escpos:serial:///dev/x?baudrate=9600&profile=tm-t88v");

        assertThatThrownBy(() -> uri.requireOnlyParams(Set.of("baud", "profile")))
                .hasMessageContaining("unknown parameter baudrate");
    }

    @Test
    void durationsAcceptUnits() throws Exception {
        DeviceUri uri = DeviceUri.parse("escpos:tcp://h?a=500ms&b=2s&c=150");

        assertThat(uri.durationParam("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(uri.durationParam("b", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(uri.durationParam("c", Duration.ZERO)).isEqualTo(Duration.ofMillis(150));
        assertThat(uri.durationParam("d", Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void withParamAddsToTheText() throws Exception {
        DeviceUri uri = DeviceUri.parse("escpos:tcp://h:9100?profile=tm-t88v").withParam("mode", "text");

        assertThat(uri.toString()).isEqualTo("escpos:tcp://h:9100?profile=tm-t88v&mode=text");
        assertThat(DeviceUri.parse(uri.toString()).param("mode")).contains("text");
    }
}
