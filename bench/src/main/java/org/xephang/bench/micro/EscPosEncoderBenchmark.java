package org.xephang.bench.micro;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketTemplate;
import org.xephang.device.printer.escpos.EscPosEncoder;
import org.xephang.device.printer.escpos.EscPosJob;
import org.xephang.device.printer.escpos.EscPosMode;
import org.xephang.device.printer.escpos.PrinterProfile;

/** The sample ticket through the template and the ESC/POS encoder (Epson TM-T20III profile), per mode. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class EscPosEncoderBenchmark {

    @Param({"text", "hybrid", "raster"})
    String mode;

    private EscPosEncoder encoder;
    private TicketData data;
    private TicketDocument document;

    @Setup
    public void setUp() throws InvalidDeviceUriException {
        encoder = new EscPosEncoder(PrinterProfile.TM_T20III, EscPosMode.valueOf(mode.toUpperCase(Locale.ROOT)));
        data = TicketData.sample(Instant.parse("2026-11-22T01:15:00Z"));
        document = TicketTemplate.standard().render(data);
    }

    @Benchmark
    public EscPosJob encodeTheSampleTicket() {
        return encoder.encode(document);
    }

    @Benchmark
    public byte[] renderAndEncodeToBytes() {
        return encoder.encode(TicketTemplate.standard().render(data)).bytes();
    }
}
