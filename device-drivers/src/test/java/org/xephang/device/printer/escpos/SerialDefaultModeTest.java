package org.xephang.device.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceUri;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketTemplate;

/** Which mode a printer URI without {@code mode} gets, and what that costs on a 115200-baud line. */
class SerialDefaultModeTest {

    private static final TicketDocument TICKET =
            TicketTemplate.standard().render(TicketData.sample(Instant.parse("2026-11-22T01:15:00Z")));

    private static EscPosMode modeOf(String uri) throws Exception {
        // Creating a printer opens nothing: no port or printer is needed here.
        return EscPosPrinter.fromUri(DeviceUri.parse(uri), Clock.systemUTC())
                .encoder()
                .mode();
    }

    @Test
    void aSerialPrinterWhoseProfilePrintsTheNumberAndQrItselfDefaultsToHybrid() throws Exception {
        assertThat(modeOf("escpos:serial:///dev/ttyUSB0?baud=115200")).isEqualTo(EscPosMode.HYBRID);
        assertThat(modeOf("escpos:serial:///dev/ttyUSB0?profile=tm-t88v")).isEqualTo(EscPosMode.HYBRID);
        assertThat(modeOf("escpos:serial:///dev/ttyUSB0?profile=xp-q200")).isEqualTo(EscPosMode.HYBRID);
    }

    @Test
    void aSerialPrinterWithoutNativeQrStaysOnRaster() throws Exception {
        assertThat(modeOf("escpos:serial:///dev/ttyUSB0?profile=generic-58")).isEqualTo(EscPosMode.RASTER);
    }

    @Test
    void tcpAndPrintQueuesStayOnRaster() throws Exception {
        assertThat(modeOf("escpos:tcp://10.0.0.31:9100")).isEqualTo(EscPosMode.RASTER);
        assertThat(modeOf("escpos:cups://TM-T20III")).isEqualTo(EscPosMode.RASTER);
    }

    @Test
    void aModeInTheUriIsKeptOnASerialLine() throws Exception {
        assertThat(modeOf("escpos:serial:///dev/ttyUSB0?mode=raster")).isEqualTo(EscPosMode.RASTER);
        assertThat(modeOf("escpos:serial:///dev/ttyUSB0?mode=text")).isEqualTo(EscPosMode.TEXT);
    }

    @Test
    void theHybridTicketFitsInTwelveKilobytesAndOneSecondAt115200BaudWhereRasterTakesFourSeconds() throws Exception {
        for (PrinterProfile profile : PrinterProfile.ALL) {
            if (EscPosMode.defaultFor(profile, "serial") != EscPosMode.HYBRID) {
                continue;
            }
            int hybrid =
                    new EscPosEncoder(profile, EscPosMode.HYBRID).encode(TICKET).size();
            int raster =
                    new EscPosEncoder(profile, EscPosMode.RASTER).encode(TICKET).size();

            assertThat(hybrid).as(profile.id() + " hybrid bytes").isLessThanOrEqualTo(12 * 1024);
            assertThat(SentJob.lineTime(hybrid, 115200)).as(profile.id()).isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(SentJob.lineTime(raster, 115200))
                    .as(profile.id() + " raster")
                    .isGreaterThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void lineTimeCountsTenBitsPerByte() {
        assertThat(SentJob.lineTime(11_520, 115200)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SentJob.lineTime(960, 9600)).isEqualTo(Duration.ofSeconds(1));
    }
}
