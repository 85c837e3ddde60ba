package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceUri;
import org.xephang.device.printer.escpos.EscPosMode;
import org.xephang.device.printer.escpos.SentJob;

class PrintTestReportTest {

    @Test
    void aSerialPrinterOnItsDefaultModeIsToldSoWithTheBytesTheTimesAndTheLeastTheLineAllows() throws Exception {
        SentJob job = new SentJob(EscPosMode.HYBRID, 11_400, Duration.ofMillis(640), Duration.ofMillis(1210));

        assertThat(PrintTestReport.of(DeviceUri.parse("escpos:serial:///dev/ttyUSB0?baud=115200"), job))
                .containsExactly(
                        "Chế độ in / mode: hybrid (mặc định trên cổng nối tiếp / the default on a serial line)",
                        "Đã gửi / sent: 11400 byte trong / in 0,64 s; máy in xác nhận sau / confirmed after 1,21 s",
                        "Đường truyền / link: nối tiếp / serial 115200 baud, ít nhất / at least 0,99 s cho / for 11400"
                                + " byte");
    }

    @Test
    void aModeTheUriChoseIsSaidToBeTheUris() throws Exception {
        SentJob job = new SentJob(EscPosMode.RASTER, 49_000, Duration.ofMillis(4300), Duration.ofMillis(4500));

        assertThat(PrintTestReport.of(DeviceUri.parse("escpos:serial:///dev/ttyUSB0?baud=9600&mode=raster"), job))
                .first()
                .isEqualTo("Chế độ in / mode: raster (theo địa chỉ / as the URI says)");
        assertThat(PrintTestReport.of(DeviceUri.parse("escpos:serial:///dev/ttyUSB0?baud=9600&mode=raster"), job))
                .last()
                .asString()
                .contains("9600 baud, ít nhất / at least 51,04 s");
    }

    @Test
    void aTcpPrinterHasNoLineArithmetic() throws Exception {
        SentJob job = new SentJob(EscPosMode.RASTER, 49_000, Duration.ofMillis(30), Duration.ofMillis(900));

        assertThat(PrintTestReport.of(DeviceUri.parse("escpos:tcp://10.0.0.31:9100"), job))
                .hasSize(2)
                .first()
                .isEqualTo("Chế độ in / mode: raster (mặc định / the default)");
    }
}
