package org.xephang.device.printer.escpos;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
import org.xephang.device.transport.LinkSupervisor;
import org.xephang.device.transport.ReconnectingTransport;
import org.xephang.device.transport.TransportFactory;

/**
 * An ESC/POS ticket printer on any transport ({@code escpos:tcp://…}, {@code escpos:serial://…},
 * {@code escpos:cups://…}, {@code escpos:loopback://…}).
 *
 * <p>URI parameters: {@code profile} (tm-t20iii, tm-t88v, xp-q200, generic-58; default tm-t20iii), {@code mode}
 * (raster, text, hybrid; default {@link EscPosMode#defaultFor}: hybrid on a serial line, raster otherwise),
 * {@code statusTimeout} (default 1s), {@code poll} (idle status poll, default
 * 2s), {@code asb} (automatic status back, default true), {@code status} ({@code query} or {@code none} for printers
 * that never answer), {@code jobTimeout} (longest wait for the end of a job, default 30s), plus the transport's own
 * ({@code baud}, {@code flow}, {@code writeTimeout}, {@code connectTimeout}, {@code reconnect}, {@code reconnectMax}).
 *
 * <p>Two daemon threads per started printer: the {@link PrinterStatusLink}'s reader (turns bytes from the printer
 * into answers and status, detects a lost link) and a {@link LinkSupervisor} (reconnects with backoff, polls status
 * when idle). Status changes are published from them; no error is ever dropped: it becomes the device status, and
 * {@link #print} throws. This class is the print flow.
 *
 * <p>Threading: see {@link TicketPrinter}.
 */
public final class EscPosPrinter implements TicketPrinter {

    private static final Logger LOG = LoggerFactory.getLogger(EscPosPrinter.class);
    private static final Set<String> PARAMS =
            Set.of("profile", "mode", "statusTimeout", "poll", "asb", "status", "jobTimeout");
    private static final int CHUNK = 512;

    private final String id;
    private final ReconnectingTransport transport;
    private final EscPosEncoder encoder;
    private final Settings settings;
    private final DeviceStatusTracker status;
    private final PrinterStatusLink statusLink;
    private final LinkSupervisor supervisor;
    private final Object printLock = new Object();
    private volatile boolean running;
    private volatile boolean printing;
    private volatile SentJob lastJob;

    /**
     * Printer settings beyond profile and mode.
     *
     * @param statusTimeout how long to wait for one status reply
     * @param pollInterval how often to ask for status when idle
     * @param autoStatusBack whether to enable {@code GS a}
     * @param queryStatus whether the printer answers status queries at all
     * @param jobTimeout the longest wait for the printer to finish a job
     */
    public record Settings(
            Duration statusTimeout,
            Duration pollInterval,
            boolean autoStatusBack,
            boolean queryStatus,
            Duration jobTimeout) {

        public static final Settings DEFAULTS =
                new Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), true, true, Duration.ofSeconds(30));

        static Settings from(DeviceUri uri) throws InvalidDeviceUriException {
            return new Settings(
                    uri.durationParam("statusTimeout", DEFAULTS.statusTimeout),
                    uri.durationParam("poll", DEFAULTS.pollInterval),
                    uri.booleanParam("asb", DEFAULTS.autoStatusBack),
                    "query".equals(uri.choiceParam("status", "query", Set.of("query", "none"))),
                    uri.durationParam("jobTimeout", DEFAULTS.jobTimeout));
        }
    }

    public EscPosPrinter(
            String id, ReconnectingTransport transport, EscPosEncoder encoder, Settings settings, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.status = new DeviceStatusTracker(id, clock);
        this.statusLink = new PrinterStatusLink(id, transport, settings, encoder.profile(), status);
        this.supervisor = new LinkSupervisor(
                id,
                transport,
                status,
                statusLink.answersStatus() ? settings.pollInterval() : Duration.ZERO,
                Duration.ofSeconds(1),
                new Watching());
    }

    /**
     * A printer from its URI, e.g. {@code escpos:tcp://10.0.0.31:9100?profile=tm-t20iii&mode=hybrid}.
     *
     * @throws InvalidDeviceUriException naming the bad or unknown parameter
     */
    public static EscPosPrinter fromUri(DeviceUri uri, Clock clock) throws InvalidDeviceUriException {
        Set<String> known = new HashSet<>(PARAMS);
        known.addAll(TransportFactory.paramsOf(uri));
        uri.requireOnlyParams(known);
        PrinterProfile profile = PrinterProfile.byId(uri.param("profile", PrinterProfile.TM_T20III.id()));
        String defaultMode =
                EscPosMode.defaultFor(profile, uri.transport().orElse("")).id();
        EscPosMode mode = EscPosMode.valueOf(uri.choiceParam("mode", defaultMode, Set.of("raster", "text", "hybrid"))
                .toUpperCase(Locale.ROOT));
        ReconnectingTransport transport = TransportFactory.create(uri, 9100, 115200, clock);
        return new EscPosPrinter(
                "escpos:" + transport.describe(),
                transport,
                new EscPosEncoder(profile, mode),
                Settings.from(uri),
                clock);
    }

    @Override
    public String id() {
        return id;
    }

    /** The encoder (profile and mode) this printer uses. */
    public EscPosEncoder encoder() {
        return encoder;
    }

    /** What the last job printed (or attempted) since start cost on the link; empty before the first. */
    public Optional<SentJob> lastJob() {
        return Optional.ofNullable(lastJob);
    }

    /** Connects (the status is known when this returns), then keeps the link in the background. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        statusLink.start();
        supervisor.openAndStart();
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
    public void print(TicketDocument document) throws DeviceException {
        Objects.requireNonNull(document, "document");
        synchronized (printLock) {
            if (!running) {
                throw new DeviceDisconnectedException(id + ": printer not started");
            }
            printing = true;
            try {
                printJob(encoder.encode(document));
            } catch (DeviceException e) {
                if (e instanceof DeviceFaultException fault) {
                    status.update(
                            fault.state(),
                            fault.status().detail(),
                            fault.status().description());
                } else {
                    status.update(e.state(), e.getMessage());
                }
                LOG.warn("{}: print failed: {}", id, e.getMessage());
                throw e;
            } finally {
                printing = false;
            }
        }
    }

    private void printJob(EscPosJob job) throws DeviceException {
        if (!transport.isOpen()) {
            try {
                transport.ensureOpen();
            } catch (DeviceException e) {
                throw new DeviceDisconnectedException("Máy in mất kết nối: " + e.getMessage(), e);
            }
            statusLink.afterConnect();
        }
        long link = transport.generation();
        boolean checks = statusLink.answersStatus();
        if (checks) {
            PrinterCondition before = statusLink.queryCondition(settings.statusTimeout());
            statusLink.failIfBad(before, "trước khi in");
            statusLink.report(before);
        }
        statusLink.clearAsb();
        byte[] bytes = job.bytes();
        long start = System.nanoTime();
        lastJob = null;
        statusLink.io().lock();
        try {
            for (int off = 0; off < bytes.length; off += CHUNK) {
                statusLink.requireSameLink(link);
                statusLink.waitWhilePaused();
                statusLink.failIfAsbBad();
                transport.write(bytes, off, Math.min(CHUNK, bytes.length - off));
            }
            transport.flush();
        } finally {
            statusLink.io().unlock();
        }
        Duration sending = Duration.ofNanos(System.nanoTime() - start);
        if (!checks) {
            lastJob = new SentJob(encoder.mode(), bytes.length, sending, sending);
            statusLink.reportSentWithoutStatus();
            return;
        }
        statusLink.awaitEndOfJob(job, link);
        statusLink.requireSameLink(link);
        // The answer comes once the printer has read everything sent before it; on a slow line that takes a while.
        PrinterCondition after = statusLink.queryCondition(settings.jobTimeout());
        statusLink.requireSameLink(link);
        lastJob = new SentJob(encoder.mode(), bytes.length, sending, Duration.ofNanos(System.nanoTime() - start));
        statusLink.failIfBad(after, "sau khi in, vé có thể chưa in xong");
        statusLink.report(after);
        LOG.debug("{}: printed {} bytes", id, bytes.length);
    }

    /** The printer's side of the link supervisor: set up after each connection, poll when idle. */
    private final class Watching implements LinkSupervisor.Work {
        @Override
        public void connected() throws DeviceException {
            synchronized (printLock) {
                try {
                    statusLink.afterConnect();
                } catch (DeviceDisconnectedException e) {
                    throw e;
                } catch (DeviceException e) {
                    // Connected, but the printer did not answer: said as status; the next poll asks again.
                    status.update(e.state(), e.getMessage());
                }
            }
        }

        @Override
        public void pollStatus() throws DeviceException {
            if (printing) {
                return;
            }
            synchronized (printLock) {
                try {
                    statusLink.refreshStatus();
                } catch (DeviceDisconnectedException e) {
                    throw e;
                } catch (DeviceException e) {
                    status.update(e.state(), e.getMessage());
                }
            }
        }

        @Override
        public boolean mayReconnect() {
            return !printing;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        supervisor.close(); // closes the link, so the reader's read ends at once
        statusLink.stop();
        status.update(DeviceState.OFFLINE, "closed", "Đã đóng");
    }
}
