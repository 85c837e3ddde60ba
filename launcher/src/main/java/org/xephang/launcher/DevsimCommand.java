package org.xephang.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.framing.LineEnding;
import org.xephang.device.keypad.KeypadProtocol;
import org.xephang.device.keypad.sim.KeypadSimulator;
import org.xephang.device.led.ArmflyCodec;
import org.xephang.device.led.AsciiFrameCodec;
import org.xephang.device.led.LedCodec;
import org.xephang.device.led.ModbusLedCodec;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.device.printer.escpos.PrinterProfile;
import org.xephang.device.printer.sim.PrinterSimulator;
import org.xephang.device.scanner.sim.ScannerSimulator;
import org.xephang.device.transport.serial.SerialSettings;
import org.xephang.device.transport.serial.SerialTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xephang devsim}: starts the device simulators for manual testing (a ticket printer, an LED bus, a scanner
 * and a rating keypad) on TCP, and on serial pseudo-terminals when socat is installed, prints how to reach each
 * (Vietnamese and English), then takes commands on standard input ({@code scan …}, {@code press …}) until
 * {@code quit} or Ctrl-C.
 */
@Command(
        name = "devsim",
        mixinStandardHelpOptions = true,
        description = "Chạy các thiết bị mô phỏng / start the device simulators",
        footer = {
            "",
            "Lệnh khi đang chạy / commands while running:",
            "  scan <mã>          quét một mã / scan a code (e.g. scan H21.65-231122-0001)",
            "  press <nút>        bấm nút đánh giá / press a keypad button (1 = rất hài lòng)",
            "  led                xem bảng LED / show what every LED address shows",
            "  paper out|near|ok  hết giấy, sắp hết, đủ giấy / printer paper state",
            "  cover open|closed  mở, đóng nắp máy in / printer cover",
            "  quit               dừng / stop (or Ctrl-C)"
        })
final class DevsimCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DevsimCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--printer-port", defaultValue = "9100", description = "máy in / printer TCP port (0 = any)")
    private int printerPort;

    @Option(names = "--led-port", defaultValue = "4001", description = "bảng LED / LED bus TCP port (0 = any)")
    private int ledPort;

    @Option(names = "--scanner-port", defaultValue = "4002", description = "máy quét / scanner TCP port (0 = any)")
    private int scannerPort;

    @Option(names = "--keypad-port", defaultValue = "4003", description = "bàn phím / keypad TCP port (0 = any)")
    private int keypadPort;

    @Option(
            names = "--led-protocol",
            defaultValue = "ascii",
            description = "ascii | armfly | modbus (default: ${DEFAULT-VALUE})")
    private String ledProtocol;

    @Option(
            names = "--out",
            defaultValue = "devsim-tickets",
            description = "thư mục lưu vé đã in / folder for printed tickets (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(
            names = "--pty-dir",
            defaultValue = "${java.io.tmpdir}/xephang-devsim",
            description = "thư mục cổng nối tiếp ảo / folder for the serial pty links (default: ${DEFAULT-VALUE})")
    private Path ptyDir;

    @Option(names = "--no-pty", description = "không tạo cổng nối tiếp ảo / TCP only, no socat ptys")
    private boolean noPty;

    /** Standard input; tests give their own. */
    InputStream input = System.in;

    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<Process> socats = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        LedCodec codec;
        try {
            codec = switch (ledProtocol.toLowerCase(Locale.ROOT)) {
                case "ascii" ->
                    new AsciiFrameCodec(AsciiFrameCodec.Options.defaults().withWidth(64));
                case "armfly" -> new ArmflyCodec(64);
                case "modbus" -> new ModbusLedCodec(ModbusLedCodec.Options.defaults(ModbusLedCodec.Framing.TCP));
                default ->
                    throw new IllegalArgumentException(
                            "--led-protocol must be ascii, armfly or modbus, not '" + ledProtocol + "'");
            };
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("xephang devsim: " + e.getMessage());
            return Xephang.EXIT_USAGE;
        }
        Thread hook = new Thread(this::stop, "xephang-devsim shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Map<String, String> reach = start(codec, console);
            printHowToReach(console, reach);
        } catch (IOException e) {
            stop();
            spec.commandLine()
                    .getErr()
                    .println("xephang devsim: " + e.getMessage() + " (cổng đang bận? / port in use? choose another with"
                            + " --printer-port, --led-port, --scanner-port, --keypad-port; 0 = any)");
            Runtime.getRuntime().removeShutdownHook(hook);
            return Xephang.EXIT_USAGE;
        }
        Thread commands = new Thread(() -> readCommands(console), "xephang-devsim console");
        commands.setDaemon(true);
        commands.start();
        stopped.await();
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            LOG.debug("shutting down: {}", e.getMessage());
        }
        console.println("Đã dừng các thiết bị mô phỏng / simulators stopped.");
        console.flush();
        return 0;
    }

    private PrinterSimulator printer;
    private LedBusSimulator leds;
    private ScannerSimulator scanner;
    private KeypadSimulator keypad;

    private Map<String, String> start(LedCodec codec, PrintWriter console) throws IOException {
        Files.createDirectories(out);
        printer = new PrinterSimulator(PrinterProfile.TM_T20III, out);
        running.add(printer);
        int printerAt = printer.listen("127.0.0.1", printerPort);

        leds = new LedBusSimulator("devsim", codec);
        running.add(leds);
        leds.addListener((address, text) -> {
            console.println("Bảng LED / LED " + address + ": " + (text.isEmpty() ? "(trống / blank)" : text));
            console.flush();
        });
        int ledAt = leds.listenTcp(ledPort);

        scanner = new ScannerSimulator("devsim", LineEnding.CR);
        running.add(scanner);
        int scannerAt = scanner.listenTcp(scannerPort);

        keypad = new KeypadSimulator("devsim", KeypadProtocol.line(LineEnding.CR, ""));
        running.add(keypad);
        int keypadAt = keypad.listenTcp(keypadPort);

        String led = ledProtocol.toLowerCase(Locale.ROOT);
        Map<String, String> reach = new java.util.LinkedHashMap<>();
        reach.put("printer", "escpos:tcp://127.0.0.1:" + printerAt + "?profile=tm-t20iii");
        reach.put("led", "led:" + led + "+tcp://127.0.0.1:" + ledAt + "?address=1");
        reach.put("scanner", "scanner:tcp://127.0.0.1:" + scannerAt + "?suffix=CR");
        reach.put("keypad", "keypad:tcp://127.0.0.1:" + keypadAt + "?suffix=CR");
        if (!noPty) {
            startPtys(led, reach);
        }
        return reach;
    }

    /** With socat, each simulator also serves one end of a pty pair; drivers open the other end as a serial port. */
    private void startPtys(String led, Map<String, String> reach) throws IOException {
        if (!socatPresent()) {
            reach.put("pty", "socat không có: chỉ có TCP / socat not installed: TCP only (apt-get install socat)");
            return;
        }
        Files.createDirectories(ptyDir);
        Path printerPty = socatPair("printer");
        printer.servePty(printerPty);
        Path ledPty = socatPair("led");
        leds.attach(serial(ledPty));
        Path scannerPty = socatPair("scanner");
        scanner.attach(serial(scannerPty));
        Path keypadPty = socatPair("keypad");
        keypad.attach(serial(keypadPty));
        String modbus = led.equals("modbus") ? "&framing=tcp" : "";
        reach.put("printer-serial", "escpos:serial://" + ptyDir.resolve("printer") + "?profile=tm-t20iii");
        reach.put("led-serial", "led:" + led + "+serial://" + ptyDir.resolve("led") + "?address=1" + modbus);
        reach.put("scanner-serial", "scanner:serial://" + ptyDir.resolve("scanner") + "?suffix=CR");
        reach.put("keypad-serial", "keypad:serial://" + ptyDir.resolve("keypad") + "?suffix=CR");
    }

    private static SerialTransport serial(Path device) throws IOException {
        try {
            return new SerialTransport(
                    device.toString(), SerialSettings.from(DeviceUri.parse("sim:serial?baud=9600"), 9600));
        } catch (InvalidDeviceUriException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Starts {@code socat} linking {@code <ptyDir>/<name>} (for drivers) and {@code <name>-sim} (the simulator). */
    private Path socatPair(String name) throws IOException {
        Path host = ptyDir.resolve(name);
        Path device = ptyDir.resolve(name + "-sim");
        Process process = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        socats.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(host) && Files.exists(device))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("socat did not create " + host + " (is another devsim running?)");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting socat", e);
            }
        }
        return device;
    }

    private static boolean socatPresent() {
        try {
            Process probe =
                    new ProcessBuilder("socat", "-V").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void printHowToReach(PrintWriter console, Map<String, String> reach) {
        console.println("Các thiết bị mô phỏng đang chạy / device simulators running:");
        console.println("  Máy in vé / ticket printer:       " + reach.get("printer"));
        console.println("      vé in ra lưu tại / printed tickets saved in " + out.toAbsolutePath());
        console.println("  Bảng LED / LED bus:               " + reach.get("led") + " (mọi địa chỉ / any address)");
        console.println("  Máy quét mã / barcode scanner:    " + reach.get("scanner"));
        console.println("  Bàn phím đánh giá / rating keypad: " + reach.get("keypad"));
        if (reach.containsKey("pty")) {
            console.println("  " + reach.get("pty"));
        } else if (reach.containsKey("led-serial")) {
            console.println("Cổng nối tiếp ảo (socat) / serial ptys:");
            console.println("  Máy in vé / ticket printer:       " + reach.get("printer-serial"));
            console.println("  Bảng LED / LED bus:               " + reach.get("led-serial"));
            console.println("  Máy quét mã / barcode scanner:    " + reach.get("scanner-serial"));
            console.println("  Bàn phím đánh giá / rating keypad: " + reach.get("keypad-serial"));
        }
        console.println("Lệnh / commands: scan <mã>, press <nút>, led, paper out|near|ok, cover open|closed, quit");
        console.println("Nhấn Ctrl-C để dừng / press Ctrl-C to stop.");
        console.flush();
    }

    private void readCommands(PrintWriter console) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!command(line.strip(), console)) {
                    stopped.countDown();
                    return;
                }
                console.flush();
            }
            // End of input (run in the background): keep running until Ctrl-C.
        } catch (IOException e) {
            LOG.warn("devsim: reading commands stopped: {}", e.getMessage());
        }
    }

    /** Runs one console command; false to stop. */
    private boolean command(String line, PrintWriter console) {
        String[] words = line.split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "" -> {
                return true;
            }
            case "quit", "exit", "q" -> {
                return false;
            }
            case "scan" -> {
                if (argument.isEmpty()) {
                    console.println("Cần mã để quét / give a code: scan H21.65-231122-0001");
                } else {
                    int hosts = scanner.scan(argument);
                    console.println("Đã quét, gửi tới " + hosts + " máy / scanned, sent to " + hosts + " host(s)");
                }
            }
            case "press" -> {
                if (argument.isEmpty()) {
                    console.println("Cần số nút / give a button: press 1");
                } else {
                    int hosts = keypad.press(argument);
                    console.println("Đã bấm nút " + argument + ", gửi tới " + hosts + " máy / pressed, sent to " + hosts
                            + " host(s)");
                }
            }
            case "led" -> {
                if (leds.shown().isEmpty()) {
                    console.println("Bảng LED chưa hiện gì / nothing shown yet");
                }
                leds.shown().forEach((address, text) -> console.println("  LED " + address + ": " + text));
            }
            case "paper" -> {
                switch (argument.toLowerCase(Locale.ROOT)) {
                    case "out" -> printer.paperOut(true);
                    case "near" -> printer.paperNearEnd(true);
                    case "ok" -> {
                        printer.paperOut(false);
                        printer.paperNearEnd(false);
                    }
                    default -> console.println("paper out | near | ok");
                }
            }
            case "cover" -> {
                switch (argument.toLowerCase(Locale.ROOT)) {
                    case "open" -> printer.coverOpen(true);
                    case "closed", "close" -> printer.coverOpen(false);
                    default -> console.println("cover open | closed");
                }
            }
            case "help", "?" ->
                console.println("scan <mã>, press <nút>, led, paper out|near|ok, cover open|closed, quit");
            default -> console.println("Không hiểu lệnh / unknown command: " + words[0] + " (help)");
        }
        return true;
    }

    private synchronized void stop() {
        for (AutoCloseable resource : running) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("devsim: closing {} failed: {}", resource, e.toString());
            }
        }
        running.clear();
        for (Process socat : socats) {
            socat.destroy();
        }
        socats.clear();
        stopped.countDown();
    }
}
