package org.xephang.device.printer.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFaultException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.escpos.EscPosEncoder;
import org.xephang.device.printer.escpos.EscPosJob;
import org.xephang.device.printer.escpos.EscPosMode;
import org.xephang.device.printer.escpos.PrinterProfile;

/**
 * The in-process printer simulator, {@code sim:printer?dir=./data/printed&profile=tm-t20iii&mode=raster}: encodes each
 * ticket exactly as for a real printer, renders it, and saves {@code job-…​.bin} (the ESC/POS bytes) and
 * {@code job-…​.png} (the paper) in {@code dir} (default {@code ./data/printed}). Demos and the devices page can make
 * it fail with {@link #simulate(DeviceState)}.
 *
 * <p>Threading: see {@link TicketPrinter}; {@link #print} writes files, so call it from a worker.
 */
public final class SimulatedTicketPrinter implements TicketPrinter {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTicketPrinter.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final EscPosEncoder encoder;
    private final Clock clock;
    private final DeviceStatusTracker status;
    private final AtomicInteger jobs = new AtomicInteger();
    private volatile boolean started;
    private volatile DeviceState simulated = DeviceState.ONLINE;
    private volatile Path lastPng;

    public SimulatedTicketPrinter(Path dir, EscPosEncoder encoder, Clock clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.status = new DeviceStatusTracker(id(), clock);
    }

    /** From {@code sim:printer?dir=…&profile=…&mode=…}. */
    public static SimulatedTicketPrinter fromUri(DeviceUri uri, Clock clock) throws InvalidDeviceUriException {
        uri.requireOnlyParams(Set.of("dir", "profile", "mode"));
        PrinterProfile profile = PrinterProfile.byId(uri.param("profile", PrinterProfile.TM_T20III.id()));
        EscPosMode mode = EscPosMode.valueOf(uri.choiceParam("mode", "raster", Set.of("raster", "text", "hybrid"))
                .toUpperCase(java.util.Locale.ROOT));
        return new SimulatedTicketPrinter(
                Path.of(uri.param("dir", "./data/printed")), new EscPosEncoder(profile, mode), clock);
    }

    @Override
    public String id() {
        return "sim:printer";
    }

    /** The encoder (profile and mode) jobs are encoded with. */
    public EscPosEncoder encoder() {
        return encoder;
    }

    /** Where jobs are saved. */
    public Path directory() {
        return dir;
    }

    /** The image of the last printed job, or {@code null}. */
    public Path lastImage() {
        return lastPng;
    }

    @Override
    public void start() {
        try {
            Files.createDirectories(dir);
            started = true;
            status.update(simulated, "simulated printer saving to " + dir.toAbsolutePath());
        } catch (IOException e) {
            status.update(DeviceState.ERROR, "cannot create " + dir.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /** Makes the simulated printer report {@code state} (PAPER_OUT, COVER_OPEN, OFFLINE…) until set back to ONLINE. */
    public void simulate(DeviceState state) {
        simulated = Objects.requireNonNull(state, "state");
        status.update(state, "simulated");
    }

    @Override
    public DeviceStatus status() {
        return status.current();
    }

    @Override
    public void addStatusListener(DeviceStatusListener listener) {
        status.addListener(listener);
    }

    @Override
    public void removeStatusListener(DeviceStatusListener listener) {
        status.removeListener(listener);
    }

    @Override
    public synchronized void print(TicketDocument document) throws DeviceException {
        if (!started) {
            throw new DeviceDisconnectedException(
                    "sim:printer: not started or cannot write to " + dir.toAbsolutePath());
        }
        DeviceState state = simulated;
        if (state == DeviceState.OFFLINE) {
            throw new DeviceDisconnectedException("Máy in mất kết nối (sim:printer, simulated)");
        }
        if (!state.usable()) {
            throw new DeviceFaultException(status.current(), state.vietnamese() + " (sim:printer, simulated)");
        }
        EscPosJob job = encoder.encode(document);
        byte[] bytes = job.bytes();
        PaperRoll roll = new PaperRoll(encoder.profile().dotsPerLine());
        EscPosCommandReader reader = new EscPosCommandReader(new ByteArrayInputStream(bytes));
        try {
            for (EscPosCommandReader.Command c = reader.next(); c != null; c = reader.next()) {
                roll.apply(c);
            }
            String base = "job-" + STAMP.format(clock.instant()) + "-" + String.format("%04d", jobs.incrementAndGet());
            Files.write(dir.resolve(base + ".bin"), bytes);
            Path png = dir.resolve(base + ".png");
            ImageIO.write(roll.image(), "png", png.toFile());
            lastPng = png;
            LOG.info("sim:printer: saved {} ({} bytes)", png, bytes.length);
        } catch (IOException | UncheckedIOException e) {
            status.update(DeviceState.ERROR, "cannot save job in " + dir.toAbsolutePath() + ": " + e.getMessage());
            throw new DeviceFaultException(status.current(), "sim:printer cannot save the job: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        started = false;
        status.update(DeviceState.OFFLINE, "closed", "Đã đóng");
    }
}
