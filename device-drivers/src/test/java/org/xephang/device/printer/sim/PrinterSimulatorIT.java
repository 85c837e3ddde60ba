package org.xephang.device.printer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceFaultException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;
import org.xephang.device.printer.escpos.PrinterProfile;
import org.xephang.testkit.Poll;

/** An {@code escpos:tcp://} printer against the printer simulator over real TCP on 127.0.0.1. */
class PrinterSimulatorIT {

    private static final TicketDocument TICKET =
            TicketTemplate.standard().render(TicketData.sample(Instant.parse("2026-11-22T01:15:00Z")));

    @TempDir
    Path dir;

    private PrinterSimulator simulator;
    private int port;
    private TicketPrinter printer;
    private final List<DeviceStatus> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSimulator() throws Exception {
        simulator = new PrinterSimulator(PrinterProfile.TM_T20III, dir);
        port = simulator.listen("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (printer != null) {
            printer.close();
        }
        simulator.close();
    }

    private TicketPrinter connect(String params) throws Exception {
        printer = DeviceFactory.standard()
                .withClock(Clock.systemUTC())
                .create("escpos:tcp://127.0.0.1:" + port + "?profile=tm-t20iii" + params, TicketPrinter.class);
        printer.addStatusListener((previous, current) -> seen.add(current));
        printer.start();
        return printer;
    }

    @Test
    void printsAndReturnsOnlyAfterThePrinterConfirmedTheWholeJob() throws Exception {
        connect("&mode=hybrid");
        assertThat(printer.status().state()).isEqualTo(DeviceState.ONLINE);

        printer.print(TICKET);

        List<PrintedJob> jobs = simulator.awaitJobs(1, Duration.ofSeconds(5));
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).complete()).isTrue();
        assertThat(jobs.get(0).roll().qrCodes()).containsExactly("https://xephang.example.vn/t/01JD8Z6Q4W3X");
        assertThat(jobs.get(0).roll().cut()).isTrue();
        assertThat(jobs.get(0).savedPng()).exists();
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".bin")).count())
                .isEqualTo(1);
        assertThat(printer.status().state()).isEqualTo(DeviceState.ONLINE);
    }

    @Test
    void paperOutMidJobFailsThePrintAndTheListenerSeesIt() throws Exception {
        connect("&mode=raster");
        simulator.paperOutAfter(20_000);

        assertThatThrownBy(() -> printer.print(TICKET)).isInstanceOfSatisfying(DeviceFaultException.class, e -> {
            assertThat(e.state()).isEqualTo(DeviceState.PAPER_OUT);
            assertThat(e.getMessage()).contains("Hết giấy");
        });

        assertThat(seen).extracting(DeviceStatus::state).contains(DeviceState.PAPER_OUT);
        assertThat(printer.status().state()).isEqualTo(DeviceState.PAPER_OUT);
        assertThat(simulator.jobs()).noneMatch(PrintedJob::complete);
    }

    @Test
    void paperOutMidJobIsCaughtByStatusQueriesWhenAutomaticStatusIsOff() throws Exception {
        connect("&mode=raster&asb=false");
        simulator.paperOutAfter(20_000);

        assertThatThrownBy(() -> printer.print(TICKET))
                .isInstanceOfSatisfying(
                        DeviceFaultException.class, e -> assertThat(e.state()).isEqualTo(DeviceState.PAPER_OUT));
        assertThat(seen).extracting(DeviceStatus::state).contains(DeviceState.PAPER_OUT);
    }

    @Test
    void xoffHoldsTheJobUntilXon() throws Exception {
        connect("&mode=hybrid&poll=60m");
        simulator.xoff();
        long queries = simulator.statusQueriesAnswered();

        CompletableFuture<Void> print = CompletableFuture.runAsync(() -> {
            try {
                printer.print(TICKET);
            } catch (DeviceException e) {
                throw new CompletionException(e);
            }
        });
        // The printer asks DLE EOT 1, 2 and 4 before each job; the XOFF was sent before their answers, on the same
        // line, so the printer has read it by the time the answers arrive and must hold the job.
        Poll.until(
                Duration.ofSeconds(5),
                "the status queries before the job",
                () -> simulator.statusQueriesAnswered() >= queries + 3);
        assertThat(simulator.jobs()).isEmpty();
        simulator.xon();

        print.get(10, TimeUnit.SECONDS);
        assertThat(simulator.awaitJobs(1, Duration.ofSeconds(5)))
                .singleElement()
                .matches(PrintedJob::complete);
        assertThat(simulator.jobBytesReceivedWhileXoff())
                .as("bytes sent while the printer said XOFF")
                .isZero();
    }

    @Test
    void paperOutBeforeTheJobSendsNothingAndANewRollBringsThePrinterBack() throws Exception {
        connect("&mode=text&poll=200ms");
        simulator.paperOut(true);

        assertThatThrownBy(() -> printer.print(TICKET))
                .isInstanceOfSatisfying(
                        DeviceFaultException.class, e -> assertThat(e.state()).isEqualTo(DeviceState.PAPER_OUT));
        simulator.paperOut(false);
        awaitState(DeviceState.ONLINE, Duration.ofSeconds(2));
        printer.print(TICKET);

        assertThat(simulator.awaitJobs(1, Duration.ofSeconds(5)))
                .singleElement()
                .matches(PrintedJob::complete);
    }

    @Test
    void openCoverFailsThePrintWithCoverOpen() throws Exception {
        connect("&mode=text");
        simulator.coverOpen(true);

        assertThatThrownBy(() -> printer.print(TICKET)).isInstanceOfSatisfying(DeviceFaultException.class, e -> {
            assertThat(e.state()).isEqualTo(DeviceState.COVER_OPEN);
            assertThat(e.getMessage()).contains("Nắp máy đang mở");
        });
        assertThat(seen).extracting(DeviceStatus::state).contains(DeviceState.COVER_OPEN);
    }

    @Test
    void paperNearEndStillPrintsAndIsReported() throws Exception {
        connect("&mode=hybrid");
        simulator.paperNearEnd(true);

        printer.print(TICKET);

        assertThat(printer.status().state()).isEqualTo(DeviceState.PAPER_NEAR_END);
        assertThat(printer.status().description()).isEqualTo("Sắp hết giấy");
    }

    @Test
    void droppedConnectionFailsThePrintAndThePrinterReconnects() throws Exception {
        connect("&mode=raster&reconnect=100ms");
        simulator.dropConnectionAfter(10_000);

        assertThatThrownBy(() -> printer.print(TICKET)).isInstanceOf(DeviceDisconnectedException.class);
        assertThat(seen).extracting(DeviceStatus::state).contains(DeviceState.OFFLINE);

        awaitState(DeviceState.ONLINE, Duration.ofSeconds(3));
        printer.print(TICKET);
        assertThat(simulator.jobs()).filteredOn(PrintedJob::complete).hasSize(1);
    }

    @Test
    void aSlowButHealthyPrinterDoesNotTimeOut() throws Exception {
        // 45 KB of raster at 20 KB/s takes over 2 s, longer than the 1 s status timeout.
        connect("&mode=raster&statusTimeout=1s");
        simulator.readRate(20_000);

        long start = System.nanoTime();
        printer.print(TICKET);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
        assertThat(simulator.awaitJobs(1, Duration.ofSeconds(5)))
                .singleElement()
                .matches(PrintedJob::complete);
    }

    @Test
    void aPrinterThatIsNotThereIsOfflineAndPrintSaysSo() throws Exception {
        simulator.close();
        connect("&connectTimeout=500ms");

        assertThat(printer.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThatThrownBy(() -> printer.print(TICKET))
                .isInstanceOf(DeviceDisconnectedException.class)
                .hasMessageContaining("Máy in mất kết nối")
                .hasMessageContaining("127.0.0.1:" + port);
    }

    private void awaitState(DeviceState state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (printer.status().state() != state && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(printer.status().state()).isEqualTo(state);
    }
}
