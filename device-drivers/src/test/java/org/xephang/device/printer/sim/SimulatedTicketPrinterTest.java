package org.xephang.device.printer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceFaultException;
import org.xephang.device.DeviceState;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;
import org.xephang.device.testkit.EscPosWalker;

class SimulatedTicketPrinterTest {

    private static final TicketDocument TICKET =
            TicketTemplate.standard().render(TicketData.sample(Instant.parse("2026-11-22T01:15:00Z")));

    @TempDir
    Path dir;

    @Test
    void savesEachJobAsBinAndPngInTheFolderFromTheUri() throws Exception {
        try (TicketPrinter printer =
                DeviceFactory.standard().create("sim:printer?dir=" + dir + "&mode=hybrid", TicketPrinter.class)) {
            printer.start();
            assertThat(printer.status().state()).isEqualTo(DeviceState.ONLINE);

            printer.print(TICKET);
            printer.print(TICKET);
        }

        List<Path> bins = files(".bin");
        List<Path> pngs = files(".png");
        assertThat(bins).hasSize(2);
        assertThat(pngs).hasSize(2);
        byte[] job = Files.readAllBytes(bins.get(0));
        assertThat(EscPosWalker.walk(job, 576).qrCodes()).containsExactly("https://xephang.example.vn/t/01JD8Z6Q4W3X");
        assertThat(ImageIO.read(pngs.get(0).toFile()).getHeight()).isGreaterThan(500);
    }

    @Test
    void aSimulatedFaultFailsThePrintAndSavesNothing() throws Exception {
        try (TicketPrinter printer = DeviceFactory.standard().create("sim:printer?dir=" + dir, TicketPrinter.class)) {
            printer.start();
            ((SimulatedTicketPrinter) printer).simulate(DeviceState.PAPER_OUT);

            assertThatThrownBy(() -> printer.print(TICKET))
                    .isInstanceOfSatisfying(
                            DeviceFaultException.class,
                            e -> assertThat(e.state()).isEqualTo(DeviceState.PAPER_OUT));
            assertThat(printer.status().description()).isEqualTo("Hết giấy");
        }
        assertThat(files(".bin")).isEmpty();
    }

    private List<Path> files(String suffix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
