package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.led.LedDisplay;
import org.xephang.device.led.LedFrame;
import org.xephang.device.scanner.BarcodeScanner;
import org.xephang.device.scanner.Scan;
import org.xephang.device.scanner.ScannedPayload;
import org.xephang.testkit.Poll;
import picocli.CommandLine;

class DevsimCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static void await(String what, BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(10), Duration.ofMillis(20), what, condition);
    }

    private String uri(String printed, String kind) {
        Matcher m = Pattern.compile("(" + kind + ":\\S+)").matcher(printed);
        assertThat(m.find()).as("%s URI printed in:%n%s", kind, printed).isTrue();
        return m.group(1);
    }

    @Test
    void startsTheSimulatorsPrintsHowToReachThemAndTakesCommandsUntilQuit() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        DevsimCommand devsim = cli.getSubcommands().get("devsim").getCommand();
        devsim.input = new PipedInputStream(keyboard);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(
                "devsim",
                "--printer-port=0",
                "--led-port=0",
                "--scanner-port=0",
                "--keypad-port=0",
                "--no-pty",
                "--out=" + dir));
        await("how to reach printed", () -> out.toString().contains("Ctrl-C"));
        String printed = out.toString();
        assertThat(printed).contains("Máy in vé / ticket printer:", "escpos:tcp://127.0.0.1:");

        DeviceFactory devices = DeviceFactory.standard();
        try (LedDisplay led = devices.create(
                        uri(printed, "led").replace("address=1", "address=3&gap=0ms"), LedDisplay.class);
                BarcodeScanner scanner = devices.create(uri(printed, "scanner"), BarcodeScanner.class)) {
            List<Scan> scans = new CopyOnWriteArrayList<>();
            scanner.addScanListener(scans::add);
            led.start();
            scanner.start();
            await(
                    "devices online",
                    () -> led.status().state() == DeviceState.ONLINE
                            && scanner.status().state() == DeviceState.ONLINE);

            led.show(LedFrame.number("A1023"));
            await("LED shown on the console", () -> out.toString().contains("Bảng LED / LED 3: A1023"));

            keyboard.write("scan h21.65-231122-0001\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            await("scan delivered", () -> !scans.isEmpty());
            assertThat(scans.get(0).payload()).isEqualTo(new ScannedPayload.DossierCode("H21.65-231122-0001", true));
        }
        keyboard.write("quit\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        assertThat(exit.get(10, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("simulators stopped");
    }

    @Test
    void anUnknownLedProtocolIsABadArgument() {
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("devsim", "--led-protocol=morse", "--no-pty")).isEqualTo(Xephang.EXIT_USAGE);
        assertThat(err.toString()).contains("--led-protocol must be ascii, armfly or modbus, not 'morse'");
    }
}
