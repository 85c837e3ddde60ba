package org.xephang.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;
import org.xephang.device.printer.escpos.EscPosEncoder;
import org.xephang.device.printer.escpos.EscPosMode;
import org.xephang.device.printer.escpos.EscPosPrinter;
import org.xephang.device.printer.escpos.PrinterProfile;
import org.xephang.device.printer.sim.EscPosCommandReader;
import org.xephang.device.printer.sim.PaperRoll;
import org.xephang.device.printer.sim.SimulatedTicketPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xephang print-test --printer URI [--out FILE.png]}: prints the sample Vietnamese ticket on any printer URI
 * (the installer's test print). Exit 0 when the printer confirmed it, 1 with the printer's reason when it did not,
 * 2 for a bad URI. It says which mode the ticket was encoded in (and whether that was the default for the link), how
 * many bytes it sent and how long the link took, with the least a serial line's baud rate allows.
 */
@Command(
        name = "print-test",
        mixinStandardHelpOptions = true,
        description = "In vé mẫu tiếng Việt / print the sample Vietnamese ticket on a printer URI",
        footer = {
            "",
            "Ví dụ / examples:",
            "  xephang print-test --printer sim:printer?dir=./data/printed",
            "  xephang print-test --printer 'escpos:tcp://10.0.0.31:9100?profile=tm-t20iii&mode=hybrid'",
            "  xephang print-test --printer 'escpos:serial:///dev/ttyUSB0?baud=115200&profile=tm-t88v'",
            "  xephang print-test --printer escpos:cups://TM-T20III",
            "  xephang print-test --printer javapos://POSPrinter1"
        })
final class PrintTestCommand implements Callable<Integer> {

    /** Exit code when the printer did not print. */
    static final int EXIT_NOT_PRINTED = 1;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--printer",
            required = true,
            description = "địa chỉ máy in / printer URI, e.g. escpos:tcp://10.0.0.31:9100?profile=tm-t20iii")
    private String printerUri;

    @Option(names = "--out", description = "lưu ảnh vé (PNG) / also save a picture of the ticket as PNG")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        TicketDocument ticket = TicketTemplate.standard().render(TicketData.sample(Instant.now()));
        try (TicketPrinter printer = DeviceFactory.standard().create(printerUri, TicketPrinter.class)) {
            if (out != null) {
                ImageIO.write(picture(ticket, encoderOf(printer)).image(), "png", out.toFile());
                stdout.println("Ảnh vé / ticket picture: " + out.toAbsolutePath());
            }
            printer.start();
            stdout.println("Máy in / printer: " + printer.id() + " — " + printer.status());
            long start = System.nanoTime();
            printer.print(ticket);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            stdout.println("Đã in vé mẫu / sample ticket printed — " + printer.status());
            report(printer, ticket, took).forEach(stdout::println);
            return 0;
        } catch (InvalidDeviceUriException e) {
            stderr.println("xephang print-test: " + e.getMessage());
            return Xephang.EXIT_USAGE;
        } catch (DeviceException e) {
            stderr.println("Không in được / not printed [" + e.state() + "]: " + e.getMessage());
            return EXIT_NOT_PRINTED;
        } catch (IOException e) {
            stderr.println("xephang print-test: cannot write " + out + ": " + e.getMessage());
            return EXIT_NOT_PRINTED;
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }

    /** What the job cost: mode, bytes, time on the link (and the least a serial line allows). */
    private List<String> report(TicketPrinter printer, TicketDocument ticket, Duration took)
            throws InvalidDeviceUriException {
        DeviceUri uri = DeviceUri.parse(printerUri);
        if (printer instanceof EscPosPrinter escpos && escpos.lastJob().isPresent()) {
            return PrintTestReport.of(uri, escpos.lastJob().get());
        }
        EscPosEncoder encoder = encoderOf(printer);
        return PrintTestReport.of(uri, encoder.mode(), encoder.encode(ticket).size(), took);
    }

    private static EscPosEncoder encoderOf(TicketPrinter printer) throws InvalidDeviceUriException {
        if (printer instanceof EscPosPrinter escpos) {
            return escpos.encoder();
        }
        if (printer instanceof SimulatedTicketPrinter sim) {
            return sim.encoder();
        }
        return new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.RASTER);
    }

    /** The ticket as the printer's encoder would put it on paper. */
    private static PaperRoll picture(TicketDocument ticket, EscPosEncoder encoder) throws IOException {
        PaperRoll roll = new PaperRoll(encoder.profile().dotsPerLine());
        EscPosCommandReader reader = new EscPosCommandReader(
                new ByteArrayInputStream(encoder.encode(ticket).bytes()));
        for (EscPosCommandReader.Command c = reader.next(); c != null; c = reader.next()) {
            roll.apply(c);
        }
        return roll;
    }
}
