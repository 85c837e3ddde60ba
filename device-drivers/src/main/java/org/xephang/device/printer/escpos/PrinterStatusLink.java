package org.xephang.device.printer.escpos;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFaultException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.DeviceTimeoutException;
import org.xephang.device.transport.ReconnectingTransport;

/**
 * What an ESC/POS printer says back on its link: one reader thread turns the bytes into answers to status queries,
 * automatic status back (ASB) blocks and XON/XOFF; the printing and polling threads ask their questions here
 * ({@code DLE EOT n}, {@code GS r 1}) and wait for the answers.
 *
 * <p>Threading: the reader thread is started by {@link #start()}; {@link #io()} is held while writing a job and
 * while a query waits for its answer, so nothing is sent in between. Status changes go to the printer's
 * {@link DeviceStatusTracker}.
 */
final class PrinterStatusLink {

    private static final Logger LOG = LoggerFactory.getLogger(PrinterStatusLink.class);
    private static final int DLE = 0x10;
    private static final int EOT = 0x04;
    /** Enable automatic status back for on/off line, errors and the paper sensor. */
    private static final byte[] ASB_ON = {0x1D, 'a', 0x0E};

    private static final String MID_JOB = "giữa chừng, vé chưa in xong";

    private final String id;
    private final ReconnectingTransport transport;
    private final EscPosPrinter.Settings settings;
    private final PrinterProfile profile;
    private final DeviceStatusTracker status;
    private final ReentrantLock io = new ReentrantLock();
    private final StatusAnswers answers;
    private final EscPosReplyParser parser = new EscPosReplyParser(new Replies());
    private volatile boolean paused;
    private volatile PrinterCondition asbCondition;
    private volatile boolean running;
    private Thread reader;

    PrinterStatusLink(
            String id,
            ReconnectingTransport transport,
            EscPosPrinter.Settings settings,
            PrinterProfile profile,
            DeviceStatusTracker status) {
        this.id = id;
        this.transport = transport;
        this.settings = settings;
        this.profile = profile;
        this.status = status;
        this.answers = new StatusAnswers(id, transport::isOpen);
    }

    /** Whether this printer tells its status at all (a link that reads, and {@code status=query}). */
    boolean answersStatus() {
        return transport.canRead() && settings.queryStatus();
    }

    /** Held while writing and while a query waits for its answer. */
    ReentrantLock io() {
        return io;
    }

    /** Starts the reader thread (links that can read); idempotent. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (transport.canRead()) {
            reader = new Thread(this::readLoop, "escpos-reader " + id);
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Stops the reader thread (the link must be closed first, or the thread waits for its read to end). */
    void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = reader;
            reader = null;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** After the link is (re)opened: forget the old link's state, enable ASB, read and report the status. */
    void afterConnect() throws DeviceException {
        asbCondition = null;
        paused = false;
        if (!answersStatus()) {
            reportSentWithoutStatus();
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

    void reportSentWithoutStatus() {
        status.update(DeviceState.ONLINE, transport.describe() + ": jobs are sent without status from this printer");
    }

    /** Asks for the status and reports it. */
    void refreshStatus() throws DeviceException {
        report(queryCondition(settings.statusTimeout()));
    }

    void report(PrinterCondition condition) {
        status.update(condition.state(), condition.detail(), condition.description());
    }

    /** Forgets the ASB block of an earlier job. */
    void clearAsb() {
        asbCondition = null;
    }

    /** Throws when an ASB block has reported a fault since {@link #clearAsb()}. */
    void failIfAsbBad() throws DeviceFaultException {
        PrinterCondition asb = asbCondition;
        if (asb != null) {
            failIfBad(asb, MID_JOB);
        }
    }

    /**
     * Asks {@code DLE EOT 1, 2, 4} (and 3 when an error is reported), one at a time, each answer awaited.
     *
     * @param firstAnswerTimeout the wait for the first answer (longer after a job: it comes once the printer has read
     *     everything sent before it, which takes a while on a slow line); the others wait the status timeout
     * @throws DeviceTimeoutException if the printer does not answer in time
     */
    PrinterCondition queryCondition(Duration firstAnswerTimeout) throws DeviceException {
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
        answers.take(StatusAnswers.REALTIME);
        transport.write(new byte[] {DLE, EOT, (byte) n});
        transport.flush();
        int reply = answers.await(StatusAnswers.REALTIME, timeout);
        if (reply < 0) {
            if (!transport.isOpen()) {
                throw new DeviceDisconnectedException(id + ": connection lost while asking for status");
            }
            throw new DeviceTimeoutException("Máy in không trả lời (DLE EOT " + n + ", chờ " + timeout.toMillis()
                    + " ms; " + transport.describe() + ")");
        }
        return reply;
    }

    /**
     * Waits until the printer has processed the job: a {@code GS r 1} reply comes only after everything before it.
     * Meanwhile one real-time {@code DLE EOT 2} at a time (answered as soon as the printer reads it, which may be
     * late behind a slow line) and automatic status back catch paper out or an open cover, when {@code GS r} never
     * comes. Profiles without {@code GS r} wait the time the paper takes to come out.
     */
    void awaitEndOfJob(EscPosJob job, long link) throws DeviceException {
        long deadline = System.nanoTime() + settings.jobTimeout().toNanos();
        if (!profile.sequencedStatus()) {
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
                failIfAsbBad();
                if (answers.take(StatusAnswers.SEQUENCED) >= 0) {
                    if (realtimePending && answers.await(StatusAnswers.REALTIME, settings.statusTimeout()) < 0) {
                        LOG.debug("{}: no answer to the last DLE EOT 2 after the job", id);
                    }
                    return;
                }
                int reply = answers.take(StatusAnswers.REALTIME);
                if (reply >= 0) {
                    realtimePending = false;
                    failIfBad(EscPosStatusDecoder.realtime(PrinterCondition.GOOD, 2, reply), MID_JOB);
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

    /** Throws unless the link is open and still the one opened as {@code link} ({@link #transport} generation). */
    void requireSameLink(long link) throws DeviceDisconnectedException {
        if (!transport.isOpen() || transport.generation() != link) {
            throw new DeviceDisconnectedException(
                    "Máy in mất kết nối giữa chừng, vé có thể chưa in xong (" + transport.describe() + ")");
        }
    }

    void failIfBad(PrinterCondition condition, String when) throws DeviceFaultException {
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

    /** Waits while the printer said XOFF (software flow control), at most the job timeout. */
    void waitWhilePaused() throws DeviceException {
        long deadline = System.nanoTime() + settings.jobTimeout().toNanos();
        while (paused) {
            failIfAsbBad();
            if (System.nanoTime() > deadline) {
                throw new DeviceTimeoutException(
                        DeviceState.ERROR,
                        "Máy in báo bận (XOFF) quá " + settings.jobTimeout().toSeconds() + " giây");
            }
            sleep(10);
        }
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

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            answers.put(StatusAnswers.REALTIME, b);
        }

        @Override
        public void sequenced(int b) {
            answers.put(StatusAnswers.SEQUENCED, b);
        }

        @Override
        public void asb(byte[] block) {
            PrinterCondition c = EscPosStatusDecoder.asb(block);
            asbCondition = c;
            report(c);
        }

        @Override
        public void unsolicited(int b) {
            LOG.debug("{}: ignored unsolicited byte 0x{}", id, Integer.toHexString(b));
        }
    }
}
