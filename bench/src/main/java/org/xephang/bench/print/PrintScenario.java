package org.xephang.bench.print;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xephang.bench.Scenario;
import org.xephang.bench.report.BenchReport;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketTemplate;
import org.xephang.device.printer.escpos.EscPosEncoder;
import org.xephang.device.printer.escpos.EscPosJob;
import org.xephang.device.printer.escpos.EscPosMode;
import org.xephang.device.printer.escpos.PrinterProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sample ticket ({@link TicketData#sample}) through the ESC/POS encoder for every printer profile and mode: bytes
 * on the wire, paper used, encoding time, and the time to send it over a serial line at each baud rate (8N1: 10 bits
 * per byte, no flow-control pauses). USB and TCP printers take the bytes far faster than they print.
 */
@Command(
        name = "print",
        mixinStandardHelpOptions = true,
        description = "Bytes and transfer time of the sample ticket per printer profile, mode and baud rate.")
public final class PrintScenario extends Scenario {

    private static final List<Integer> BAUDS = List.of(9600, 19200, 38400, 115200);

    @Option(
            names = "--repeat",
            defaultValue = "50",
            description = "Encodings timed per mode (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    protected int run(BenchReport report, Path workDir) throws Exception {
        if (smoke) {
            repeat = 3;
        }
        report.parameter("repeat", repeat);
        report.parameter("bauds", new JsonArray(BAUDS));
        TicketDocument ticket =
                TicketTemplate.standard().render(TicketData.sample(Instant.parse("2026-11-22T01:15:00Z")));
        JsonArray rows = new JsonArray();
        report.print("profile       mode     bytes   paper   encode    9600 Bd   19200 Bd  38400 Bd  115200 Bd");
        for (PrinterProfile profile : PrinterProfile.ALL) {
            for (EscPosMode mode : EscPosMode.values()) {
                EscPosEncoder encoder;
                try {
                    encoder = new EscPosEncoder(profile, mode);
                } catch (InvalidDeviceUriException unsupported) {
                    report.print(String.format(
                            Locale.ROOT, "%-13s %-7s  n/a: %s", profile.id(), mode.id(), unsupported.getMessage()));
                    continue;
                }
                EscPosJob job = encoder.encode(ticket);
                double encodeMs = medianEncodeMillis(encoder, ticket);
                double paperMm = job.paperDots() * 25.4 / profile.dpi();
                JsonObject transfer = new JsonObject();
                StringBuilder line = new StringBuilder(String.format(
                        Locale.ROOT,
                        "%-13s %-7s %6d  %4.0f mm  %5.1f ms",
                        profile.id(),
                        mode.id(),
                        job.size(),
                        paperMm,
                        encodeMs));
                for (int baud : BAUDS) {
                    double seconds = job.size() * 10.0 / baud;
                    transfer.put(Integer.toString(baud), Math.round(seconds * 1000) / 1000.0);
                    line.append(String.format(Locale.ROOT, "  %7.2f s", seconds));
                }
                report.print(line.toString());
                rows.add(new JsonObject()
                        .put("profile", profile.id())
                        .put("mode", mode.id())
                        .put("bytes", job.size())
                        .put("paperMm", Math.round(paperMm))
                        .put("encodeMillisMedian", Math.round(encodeMs * 100) / 100.0)
                        .put("serialTransferSecondsByBaud", transfer));
            }
        }
        report.figure("sampleTicket", rows, rows.size() + " profile × mode combinations");
        return 0;
    }

    private double medianEncodeMillis(EscPosEncoder encoder, TicketDocument ticket) {
        double[] millis = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            encoder.encode(ticket);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[repeat / 2];
    }
}
