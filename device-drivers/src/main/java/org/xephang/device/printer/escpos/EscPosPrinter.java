package org.xephang.device.printer.escpos;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFaultException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.DeviceTimeoutException;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.transport.ReconnectingTransport;
import org.xephang.device.transport.TransportFactory;

/**
 * An ESC/POS ticket printer on any transport ({@code escpos:tcp://…}, {@code escpos:serial://…},
 * {@code escpos:cups://…}, {@code escpos:loopback://…}).
 *
 * <p>URI parameters: {@code profile} (tm-t20iii, tm-t88v, xp-q200, generic-58; default tm-t20iii), {@code mode}
 * (raster, text, hybrid; default raster), {@code statusTimeout} (default 1s), {@code poll} (idle status poll, default
 * 2s), {@code asb} (automatic status back, default true), {@code status} ({@code query} or {@code none} for printers
 * that never answer), {@code jobTimeout} (longest wait for the end of a job, default 30s), plus the transport's own
 * ({@code baud}, {@code flow}, {@code writeTimeout}, {@code connectTimeout}, {@code reconnect}, {@code reconnectMax}).
 *
 * <p>Two daemon threads per started printer: a reader (turns bytes from the printer into status, detects a lost link)
 * and a watcher (reconnects with backoff, polls status when idle). Status changes are published from them; no
 * error is ever dropped: it becomes the device status, and {@link #print} throws.
 *
 * <p>Threading: see {@link TicketPrinter}.
 */
public final class EscPosPrinter implements TicketPrinter {

    private static final Logger LOG = LoggerFactory.getLogger(EscPosPrinter.class);
    private static final Set<String> PARAMS =
            Set.of("profile", "mode", "statusTimeout", "poll", "asb", "status", "jobTimeout");
    private static final int CHUNK = 512;
    /** Answer slots: the reply to {@code DLE EOT n}, and to {@code GS r 1}. */
    private static final int REALTIME = 0;

    private static final int SEQUENCED = 1;
    private static final int DLE = 0x10;
    private static final int EOT = 0x04;
    /** Enable automatic status back for on/off line, errors and the paper sensor. */
    private static final byte[] ASB_ON = {0x1D, 'a', 0x0E};

    private final String id;
    private final ReconnectingTransport transport;
    private final EscPosEncoder encoder;
    private final Settings settings;
    private final DeviceStatusTracker status;
    private final Object printLock = new Object();
    /** Held while writing and while a query waits for its answer, so nothing is sent in between. */
    private final ReentrantLock io = new ReentrantLock();

    private final Answers answers = new Answers();
    private volatile boolean paused;
    private volatile PrinterCondition asbCondition;

    private final EscPosReplyParser parser = new EscPosReplyParser(new Replies());
    private volatile boolean running;
    private volatile boolean printing;
    private Thread reader;
    private Thread watcher;

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
        EscPosMode mode = EscPosMode.valueOf(uri.choiceParam("mode", "raster", Set.of("raster", "text", "hybrid"))
                .toUpperCase(java.util.Locale.ROOT));
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

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (transport.canRead()) {
            reader = daemon("escpos-reader " + id, this::readLoop);
        }
        connect();
        watcher = daemon("escpos-watcher " + id, this::watchLoop);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Opens the link if due, sets up status reporting and reads the status. Never throws. */
    private void connect() {
        try {
            boolean wasOpen = transport.isOpen();
            transport.ensureOpen();
            if (!wasOpen) {
                afterConnect();
            }
        } catch (DeviceException e) {
            status.update(e.state(), e.getMessage());
        }
    }

    private void afterConnect() throws DeviceException {
        asbCondition = null;
        paused = false;
        if (!transport.canRead() || !settings.queryStatus()) {
            status.update(
                    DeviceState.ONLINE, transport.describe() + ": jobs are sent without status from this printer");
            return;
        }
        if (settings.autoStatusBack()) {
            io.lock();
            try {
                transport.write(ASB_ON);
                transport.flush();
            } finally {
                io.unlock();
            }
        }
        refreshStatus();
    }

    private void refreshStatus() throws DeviceException {
        PrinterCondition condition = queryCondition();
        status.update(condition.state(), condition.detail(), condition.description());
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
            afterConnect();
        }
        long link = transport.generation();
        boolean checks = transport.canRead() && settings.queryStatus();
        if (checks) {
            PrinterCondition before = queryCondition();
            failIfBad(before, "trước khi in");
            status.update(before.state(), before.detail(), before.description());
        }
        asbCondition = null;
        byte[] bytes = job.bytes();
        io.lock();
        try {
            for (int off = 0; off < bytes.length; off += CHUNK) {
                requireSameLink(link);
                waitWhilePaused();
                PrinterCondition asb = asbCondition;
                if (asb != null) {
                    failIfBad(asb, "giữa chừng, vé chưa in xong");
                }
                transport.write(bytes, off, Math.min(CHUNK, bytes.length - off));
            }
            transport.flush();
        } finally {
            io.unlock();
        }
        if (!checks) {
            status.update(
                    DeviceState.ONLINE, transport.describe() + ": jobs are sent without status from this printer");
            return;
        }
        awaitEndOfJob(job, link);
        requireSameLink(link);
        // The answer comes once the printer has read everything sent before it; on a slow line that takes a while.
        PrinterCondition after = queryCondition(settings.jobTimeout());
        requireSameLink(link);
        failIfBad(after, "sau khi in, vé có thể chưa in xong");
        status.update(after.state(), after.detail(), after.description());
        LOG.debug("{}: printed {} bytes", id, bytes.length);
    }

    /**
     * Waits until the printer has processed the job: a {@code GS r 1} reply comes only after everything before it.
     * Meanwhile one real-time {@code DLE EOT 2} at a time (answered as soon as the printer reads it, which may be
     * late behind a slow line) and automatic status back catch paper out or an open cover, when {@code GS r} never
     * comes.
     */
    private void awaitEndOfJob(EscPosJob job, long link) throws DeviceException {
        long deadline = System.nanoTime() + settings.jobTimeout().toNanos();
        if (!encoder.profile().sequencedStatus()) {
            long printMillis = job.paperDots() * 1000L / (8 * 100); // 100 mm/s, a slow mechanism
            sleep(Math.min(printMillis, settings.jobTimeout().toMillis()));
            return;
        }
        io.lock();
        try {
            answers.clear();
            parser.expectSequenced(true);
            transport.write(new byte[] {0x1D, 'r', 1});
            transport.flush();
            boolean realtimePending = false;
            long nextQuery = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() < deadline) {
                requireSameLink(link);
                PrinterCondition asb = asbCondition;
                if (asb != null) {
                    failIfBad(asb, "giữa chừng, vé chưa in xong");
                }
                if (answers.take(SEQUENCED) >= 0) {
                    if (realtimePending && answers.await(REALTIME, settings.statusTimeout()) < 0) {
                        LOG.debug("{}: no answer to the last DLE EOT 2 after the job", id);
                    }
                    return;
                }
                int reply = answers.take(REALTIME);
                if (reply >= 0) {
                    realtimePending = false;
                    failIfBad(
                            EscPosStatusDecoder.realtime(PrinterCondition.GOOD, 2, reply),
                            "giữa chừng, vé chưa in xong");
                }
                if (!realtimePending && System.nanoTime() >= nextQuery) {
                    transport.write(new byte[] {DLE, EOT, 2});
                    transport.flush();
                    realtimePending = true;
                    nextQuery = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                }
                answers.awaitAny(50);
            }
        } finally {
            parser.expectSequenced(false);
            io.unlock();
        }
        throw new DeviceTimeoutException(
                DeviceState.ERROR,
                "Máy in không báo in xong sau " + settings.jobTimeout().toSeconds() + " giây (" + transport.describe()
                        + ")");
    }

    private void requireSameLink(long link) throws DeviceDisconnectedException {
        if (!transport.isOpen() || transport.generation() != link) {
            throw new DeviceDisconnectedException(
                    "Máy in mất kết nối giữa chừng, vé có thể chưa in xong (" + transport.describe() + ")");
        }
    }

    private void failIfBad(PrinterCondition condition, String when) throws DeviceFaultException {
        if (!condition.state().usable()) {
            DeviceStatus reported = new DeviceStatus(
                    condition.state(),
                    condition.detail(),
                    condition.description(),
                    status.current().since());
            throw new DeviceFaultException(
                    reported,
                    condition.description() + " (" + when + "; " + transport.describe() + ": " + condition.detail()
                            + ")");
        }
    }

    private void waitWhilePaused() throws DeviceException {
        long deadline = System.nanoTime() + settings.jobTimeout().toNanos();
        while (paused) {
            PrinterCondition asb = asbCondition;
            if (asb != null) {
                failIfBad(asb, "giữa chừng, vé chưa in xong");
            }
            if (System.nanoTime() > deadline) {
                throw new DeviceTimeoutException(
                        DeviceState.ERROR,
                        "Máy in báo bận (XOFF) quá " + settings.jobTimeout().toSeconds() + " giây");
            }
            sleep(10);
        }
    }

    /**
     * Asks {@code DLE EOT 1, 2, 4} (and 3 when an error is reported), one at a time, each answer awaited.
     *
     * @throws DeviceTimeoutException if the printer does not answer in time
     */
    private PrinterCondition queryCondition() throws DeviceException {
        return queryCondition(settings.statusTimeout());
    }

    private PrinterCondition queryCondition(Duration firstAnswerTimeout) throws DeviceException {
        PrinterCondition c = PrinterCondition.GOOD;
        io.lock();
        try {
            Duration timeout = firstAnswerTimeout;
            for (int n : new int[] {1, 2, 4}) {
                c = EscPosStatusDecoder.realtime(c, n, ask(n, timeout));
                timeout = settings.statusTimeout();
            }
            if (c.error() || c.offline()) {
                c = EscPosStatusDecoder.realtime(c, 3, ask(3, timeout));
            }
        } finally {
            io.unlock();
        }
        return c;
    }

    private int ask(int n, Duration timeout) throws DeviceException {
        answers.take(REALTIME);
        transport.write(new byte[] {DLE, EOT, (byte) n});
        transport.flush();
        int reply = answers.await(REALTIME, timeout);
        if (reply < 0) {
            if (!transport.isOpen()) {
                throw new DeviceDisconnectedException(id + ": connection lost while asking for status");
            }
            throw new DeviceTimeoutException("Máy in không trả lời (DLE EOT " + n + ", chờ " + timeout.toMillis()
                    + " ms; " + transport.describe() + ")");
        }
        return reply;
    }

    private void readLoop() {
        byte[] buffer = new byte[256];
        while (running) {
            if (!transport.isOpen()) {
                sleep(20);
                continue;
            }
            try {
                int n = transport.read(buffer, Duration.ofMillis(100));
                if (n > 0) {
                    parser.feed(buffer, n);
                }
            } catch (DeviceException e) {
                if (running) {
                    status.update(DeviceState.OFFLINE, e.getMessage());
                }
                answers.wake();
            }
        }
    }

    private void watchLoop() {
        long nextPoll = System.nanoTime() + settings.pollInterval().toNanos();
        while (running) {
            sleep(50);
            if (!running) {
                return;
            }
            if (!transport.isOpen()) {
                if (status.current().state() != DeviceState.OFFLINE) {
                    status.update(DeviceState.OFFLINE, transport.describe() + ": connection lost");
                }
                if (!printing) {
                    connect();
                    nextPoll = System.nanoTime() + settings.pollInterval().toNanos();
                }
                continue;
            }
            if (System.nanoTime() >= nextPoll && !printing && transport.canRead() && settings.queryStatus()) {
                nextPoll = System.nanoTime() + settings.pollInterval().toNanos();
                synchronized (printLock) {
                    try {
                        refreshStatus();
                    } catch (DeviceException e) {
                        status.update(e.state(), e.getMessage());
                    }
                }
            }
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        transport.close();
        for (Thread t : new Thread[] {reader, watcher}) {
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        status.update(DeviceState.OFFLINE, "closed", "Đã đóng");
    }

    /**
     * The latest unclaimed answer of each kind: put by the reader thread, taken by the thread that asked (which holds
     * {@link #io}, so there is one question of each kind at a time).
     */
    private final class Answers {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private final int[] slots = {-1, -1};

        void put(int slot, int value) {
            lock.lock();
            try {
                slots[slot] = value;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** The answer in {@code slot} (removing it), or -1. */
        int take(int slot) {
            lock.lock();
            try {
                int v = slots[slot];
                slots[slot] = -1;
                return v;
            } finally {
                lock.unlock();
            }
        }

        void clear() {
            take(REALTIME);
            take(SEQUENCED);
        }

        /** Waits for and takes the answer in {@code slot}; -1 on timeout or when the link is lost. */
        int await(int slot, Duration timeout) throws DeviceException {
            long deadline = System.nanoTime() + timeout.toNanos();
            lock.lock();
            try {
                while (slots[slot] < 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !transport.isOpen()) {
                        return -1;
                    }
                    arrived.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                }
                return take(slot);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceTimeoutException(id + ": interrupted while waiting for the printer");
            } finally {
                lock.unlock();
            }
        }

        /** Waits up to {@code millis} for any answer (without taking it). */
        void awaitAny(long millis) throws DeviceException {
            lock.lock();
            try {
                if (slots[REALTIME] < 0 && slots[SEQUENCED] < 0) {
                    arrived.await(millis, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceTimeoutException(id + ": interrupted while waiting for the printer");
            } finally {
                lock.unlock();
            }
        }

        void wake() {
            lock.lock();
            try {
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Turns parsed replies into waiting answers and status. Runs on the reader thread. */
    private final class Replies implements EscPosReplyParser.Listener {
        @Override
        public void xon() {
            paused = false;
        }

        @Override
        public void xoff() {
            paused = true;
        }

        @Override
        public void realtime(int b) {
            answers.put(REALTIME, b);
        }

        @Override
        public void sequenced(int b) {
            answers.put(SEQUENCED, b);
        }

        @Override
        public void asb(byte[] block) {
            PrinterCondition c = EscPosStatusDecoder.asb(block);
            asbCondition = c;
            status.update(c.state(), c.detail(), c.description());
        }

        @Override
        public void unsolicited(int b) {
            LOG.debug("{}: ignored unsolicited byte 0x{}", id, Integer.toHexString(b));
        }
    }
}
