package org.xephang.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.escpos.EscPosMode;
import org.xephang.device.printer.escpos.EscPosPrinter;
import org.xephang.device.printer.escpos.PrinterProfile;
import org.xephang.device.printer.javapos.JavaPosTicketPrinter;
import org.xephang.device.printer.sim.SimulatedTicketPrinter;

class DeviceFactoryTest {

    private final DeviceFactory factory = DeviceFactory.standard();

    @Test
    void printerUrisResolveToTheirDriversWithProfileAndMode() throws Exception {
        try (TicketPrinter p =
                factory.create("escpos:tcp://127.0.0.1:9100?profile=tm-t88v&mode=text", TicketPrinter.class)) {
            assertThat(p).isInstanceOf(EscPosPrinter.class);
            assertThat(((EscPosPrinter) p).encoder().profile()).isEqualTo(PrinterProfile.TM_T88V);
            assertThat(((EscPosPrinter) p).encoder().mode()).isEqualTo(EscPosMode.TEXT);
            assertThat(p.id()).isEqualTo("escpos:tcp://127.0.0.1:9100");
            assertThat(p.status().state()).isEqualTo(DeviceState.OFFLINE);
        }
        try (TicketPrinter p = factory.create("sim:printer", TicketPrinter.class)) {
            assertThat(p).isInstanceOf(SimulatedTicketPrinter.class);
            assertThat(((SimulatedTicketPrinter) p).directory().toString()).isEqualTo("./data/printed");
        }
        try (TicketPrinter p = factory.create("javapos://POSPrinter1", TicketPrinter.class)) {
            assertThat(p).isInstanceOf(JavaPosTicketPrinter.class);
        }
    }

    @Test
    void mistakesAreReportedWithTheAllowedValues() {
        assertThatThrownBy(() -> factory.create("escpos:tcp://h?profile=tm-t99", TicketPrinter.class))
                .isInstanceOf(InvalidDeviceUriException.class)
                .hasMessageContaining("known: tm-t20iii, tm-t88v, xp-q200, generic-58");
        assertThatThrownBy(() -> factory.create("escpos:tcp://h?baud=9600", TicketPrinter.class))
                .hasMessageContaining("unknown parameter baud");
        assertThatThrownBy(() -> factory.create("escpos:usb://x", TicketPrinter.class))
                .hasMessageContaining("unknown transport 'usb'");
        assertThatThrownBy(() -> factory.create("escpos:tcp://h?profile=xp-q200&mode=text", TicketPrinter.class))
                .hasMessageContaining("no TCVN-3 code table");
        assertThatThrownBy(() -> factory.create("fax:tcp://h", TicketPrinter.class))
                .hasMessageContaining("no device driver for 'fax:tcp://h'");
    }
}
