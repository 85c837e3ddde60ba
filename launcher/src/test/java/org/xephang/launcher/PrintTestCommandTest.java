package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.printer.escpos.PrinterProfile;
import org.xephang.device.printer.sim.PrinterSimulator;
import picocli.CommandLine;

class PrintTestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsTheSampleTicketOnTheSimulatorAndSavesItsPicture() throws Exception {
        Path png = dir.resolve("ticket.png");

        int code = run("print-test", "--printer", "sim:printer?dir=" + dir.resolve("printed"), "--out", png.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(png).exists();
        assertThat(out.toString()).contains("Đã in vé mẫu");
        try (Stream<Path> saved = Files.list(dir.resolve("printed"))) {
            assertThat(saved.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".bin"));
        }
    }

    @Test
    void printsOnAnEscPosPrinterOverTcpAndExitsNonZeroWithItsReasonWhenItIsOutOfPaper() throws Exception {
        try (PrinterSimulator simulator = new PrinterSimulator(PrinterProfile.TM_T20III, null)) {
            int port = simulator.listen("127.0.0.1", 0);
            String uri = "escpos:tcp://127.0.0.1:" + port + "?profile=tm-t20iii&mode=hybrid";

            assertThat(run("print-test", "--printer", uri)).as(err.toString()).isZero();

            simulator.paperOut(true);
            assertThat(run("print-test", "--printer", uri)).isEqualTo(1);
            assertThat(err.toString()).contains("[PAPER_OUT]").contains("Hết giấy");
        }
    }

    @Test
    void printTestSaysWhichModeItUsedHowManyBytesItSentAndHowLongTheLinkTook() throws Exception {
        try (PrinterSimulator simulator = new PrinterSimulator(PrinterProfile.TM_T20III, null)) {
            int port = simulator.listen("127.0.0.1", 0);

            assertThat(run("print-test", "--printer", "escpos:tcp://127.0.0.1:" + port))
                    .as(err.toString())
                    .isZero();

            int sent = simulator.awaitJobs(1, Duration.ofSeconds(5)).get(0).bytes().length;
            assertThat(out.toString())
                    .contains("Chế độ in / mode: raster (mặc định / the default)")
                    .containsPattern("Đã gửi / sent: " + sent + " byte trong / in \\d+,\\d\\d s; máy in xác nhận sau"
                            + " / confirmed after \\d+,\\d\\d s");
        }
    }

    @Test
    void anUnreachablePrinterExitsOneSayingSo() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        int code = run("print-test", "--printer", "escpos:tcp://127.0.0.1:" + port + "?connectTimeout=300ms");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("[OFFLINE]").contains("Máy in mất kết nối");
    }

    @Test
    void aBadUriExitsTwoWithAOneLineMessage() {
        assertThat(run("print-test", "--printer", "escpos:tcp://h?profile=tm-t99"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown printer profile 'tm-t99'").doesNotContain("Exception");
    }
}
