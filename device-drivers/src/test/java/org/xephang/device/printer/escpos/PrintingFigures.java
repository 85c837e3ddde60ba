package org.xephang.device.printer.escpos;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.xephang.device.DeviceFactory;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;
import org.xephang.device.printer.sim.PrinterSimulator;

/**
 * The printing figures of BENCHMARKS.md: bytes of the sample ticket per profile and mode, transfer time at 115200
 * baud 8N1 (computed), a whole {@code print()} against the TCP simulator throttled to 115200 baud (measured, status
 * round trips included), and encoding time (a rough loop; JMH later). Run: see BENCHMARKS.md.
 */
public final class PrintingFigures {

    private static final int BAUD = 115_200;
    private static final int WARMUP = 50;
    private static final int RUNS = 200;

    private PrintingFigures() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        TicketDocument ticket =
                TicketTemplate.standard().render(TicketData.sample(Instant.parse("2026-11-22T01:15:00Z")));
        out.println("| profile | mode | bytes | transfer at 115200 (computed) | print() at 115200 (measured) |"
                + " encode (mean of " + RUNS + ") |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (PrinterProfile profile : PrinterProfile.ALL) {
            for (EscPosMode mode : EscPosMode.values()) {
                if (mode == EscPosMode.TEXT && !profile.hasTcvn3()) {
                    continue;
                }
                EscPosEncoder encoder = new EscPosEncoder(profile, mode);
                int bytes = encoder.encode(ticket).size();
                for (int i = 0; i < WARMUP; i++) {
                    encoder.encode(ticket);
                }
                long start = System.nanoTime();
                for (int i = 0; i < RUNS; i++) {
                    encoder.encode(ticket);
                }
                double encodeMs = (System.nanoTime() - start) / 1e6 / RUNS;
                Duration printed = printThrottled(profile, mode, ticket);
                out.printf(
                        Locale.ROOT,
                        "| %s | %s | %,d | %.2f s | %.2f s | %.1f ms |%n",
                        profile.id(),
                        mode.id(),
                        bytes,
                        bytes * 10.0 / BAUD,
                        printed.toMillis() / 1000.0,
                        encodeMs);
            }
        }
    }

    private static Duration printThrottled(PrinterProfile profile, EscPosMode mode, TicketDocument ticket)
            throws Exception {
        try (PrinterSimulator simulator = new PrinterSimulator(profile, null)) {
            simulator.readRate(BAUD / 10);
            int port = simulator.listen("127.0.0.1", 0);
            try (TicketPrinter printer = DeviceFactory.standard()
                    .create(
                            "escpos:tcp://127.0.0.1:" + port + "?profile=" + profile.id() + "&mode=" + mode.id(),
                            TicketPrinter.class)) {
                printer.start();
                long start = System.nanoTime();
                printer.print(ticket);
                return Duration.ofNanos(System.nanoTime() - start);
            }
        }
    }
}
