package org.xephang.device.printer.sim;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.printer.escpos.PrinterProfile;
import org.xephang.device.printer.sim.EscPosCommandReader.Command;

/**
 * An ESC/POS printer on TCP (like port 9100) or on a serial line (a pty), for demos, installers and tests: parses
 * what it receives, answers {@code DLE EOT}, {@code GS r} and automatic status back ({@code GS a}), renders each job
 * to a paper image and, given a folder, saves it as {@code .bin} + {@code .png}.
 *
 * <p>Scriptable while running: {@link #paperNearEnd}, {@link #coverOpen}, {@link #paperOut},
 * {@link #paperOutAfter} (mid-job), {@link #dropConnectionAfter} and {@link #dropConnections}, {@link #readRate}
 * (a slow printer or a slow serial line), {@link #xoff} and {@link #xon} (software flow control).
 *
 * <p>Like a real printer, after paper runs out or the cover opens in a job it keeps reading but prints nothing more
 * of that job, still answers real-time status, and does not answer {@code GS r} (held behind the unprinted data).
 *
 * <p>Thread-safe. One session at a time per connection; each session runs on its own daemon thread.
 */
public final class PrinterSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrinterSimulator.class);

    private final PrinterProfile profile;
    private final ReceivedJobs jobs;
    private final List<Session> sessions = new ArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean closed;

    private volatile boolean nearEnd;
    private volatile boolean coverOpen;
    private volatile boolean paperOut;
    private volatile int paperOutAfter = -1;
    private volatile int dropAfter = -1;
    private volatile int bytesPerSecond;
    private volatile boolean xoff;
    private final AtomicLong statusQueries = new AtomicLong();
    private final AtomicLong jobBytes = new AtomicLong();
    private final AtomicLong jobBytesWhileXoff = new AtomicLong();

    /**
     * @param profile paper width and model
     * @param saveDir where to save jobs, or {@code null} to keep them in memory only
     */
    public PrinterSimulator(PrinterProfile profile, Path saveDir) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.jobs = new ReceivedJobs(saveDir);
    }

    /**
     * Listens on {@code host:port} (port 0 = any free port) and serves connections one after another.
     *
     * @return the port listened on
     */
    public int listen(String host, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        server = s;
        Thread t = new Thread(this::acceptLoop, "printer-sim accept :" + s.getLocalPort());
        t.setDaemon(true);
        t.start();
        LOG.info("printer simulator ({}) listening on {}:{}", profile.id(), host, s.getLocalPort());
        return s.getLocalPort();
    }

    /**
     * Serves the serial line at {@code device} (e.g. one end of a socat pty pair), reopening it whenever it goes
     * away and comes back, until {@link #close()}.
     */
    public void servePty(Path device) {
        Thread t = new Thread(() -> ptyLoop(device), "printer-sim pty " + device);
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Session session = new Session(socket.getInputStream(), socket.getOutputStream(), socket);
                session.run();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("printer simulator: accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void ptyLoop(Path device) {
        while (!closed) {
            if (!Files.exists(device)) {
                pause(20);
                continue;
            }
            try (FileInputStream in = new FileInputStream(device.toFile());
                    FileOutputStream out = new FileOutputStream(device.toFile())) {
                new Session(in, out, null).run();
            } catch (IOException e) {
                LOG.debug("printer simulator: pty {}: {}", device, e.getMessage());
            }
            pause(50);
        }
    }

    // ---- scripting ----

    /** Reports (or stops reporting) paper near end. */
    public void paperNearEnd(boolean on) {
        nearEnd = on;
        statusChanged();
    }

    /** Opens or closes the cover. */
    public void coverOpen(boolean open) {
        coverOpen = open;
        statusChanged();
    }

    /** Runs out of paper now, or gets a new roll. A new roll also cancels {@link #paperOutAfter}. */
    public void paperOut(boolean out) {
        paperOut = out;
        if (!out) {
            paperOutAfter = -1;
        }
        statusChanged();
    }

    /** Runs out of paper after {@code bytes} bytes of the next job (mid-job). */
    public void paperOutAfter(int bytes) {
        paperOutAfter = bytes;
    }

    /** Drops the connection after {@code bytes} bytes of the next job. */
    public void dropConnectionAfter(int bytes) {
        dropAfter = bytes;
    }

    /** Drops every open connection now. */
    public void dropConnections() {
        synchronized (sessions) {
            for (Session s : sessions) {
                s.drop();
            }
        }
    }

    /** Reads at most {@code bytesPerSecond} (0 = as fast as possible): a slow mechanism or line (115200 baud = 11520). */
    public void readRate(int bytesPerSecond) {
        this.bytesPerSecond = Math.max(0, bytesPerSecond);
    }

    /**
     * Sends XOFF, as a serial printer with software flow control does when its buffer is full: until {@link #xon()}
     * it keeps answering real-time status, and counts the job bytes it is sent anyway
     * ({@link #jobBytesReceivedWhileXoff()}; a real printer would lose them).
     */
    public void xoff() {
        xoff = true;
        sendToAll((byte) 0x13);
    }

    /** Sends XON: the host may send again. */
    public void xon() {
        xoff = false;
        sendToAll((byte) 0x11);
    }

    /** How many real-time status queries ({@code DLE EOT n}) were answered so far, on every connection. */
    public long statusQueriesAnswered() {
        return statusQueries.get();
    }

    /** How many bytes of jobs (anything but status commands) arrived so far, on every connection. */
    public long jobBytesReceived() {
        return jobBytes.get();
    }

    /** How many bytes of jobs arrived while XOFF was in effect. */
    public long jobBytesReceivedWhileXoff() {
        return jobBytesWhileXoff.get();
    }

    private void sendToAll(byte b) {
        synchronized (sessions) {
            for (Session s : sessions) {
                s.send(b);
            }
        }
    }

    /** Jobs received so far (complete or stopped), oldest first. */
    public List<PrintedJob> jobs() {
        return jobs.all();
    }

    /** Waits until at least {@code count} jobs were received. */
    public List<PrintedJob> awaitJobs(int count, Duration timeout) throws InterruptedException {
        return jobs.await(count, timeout);
    }

    private void statusChanged() {
        synchronized (sessions) {
            for (Session s : sessions) {
                s.sendAsbIfEnabled();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("printer simulator: close: {}", e.getMessage());
            }
        }
        dropConnections();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection. */
    private final class Session {
        private final InputStream rawIn;
        private final OutputStream out;
        private final Socket socket;
        private volatile boolean asb;
        private boolean stopped;
        private boolean droppedByScript;
        private PaperRoll roll;
        private ByteArrayOutputStream jobBytes;

        Session(InputStream in, OutputStream out, Socket socket) {
            this.rawIn = in;
            this.out = out;
            this.socket = socket;
        }

        void run() {
            synchronized (sessions) {
                sessions.add(this);
            }
            try {
                EscPosCommandReader reader = new EscPosCommandReader(new RateLimitedInput(rawIn, () -> bytesPerSecond));
                for (Command c = reader.next(); c != null; c = reader.next()) {
                    handle(c);
                }
            } catch (EOFException e) {
                LOG.debug("printer simulator: connection ended inside a command");
            } catch (IOException e) {
                if (!closed && !droppedByScript) {
                    LOG.debug("printer simulator: connection lost: {}", e.getMessage());
                }
            } finally {
                synchronized (sessions) {
                    sessions.remove(this);
                }
                finishJob(false);
                drop();
            }
        }

        private void handle(Command c) throws IOException {
            switch (c.kind()) {
                case REALTIME_STATUS -> {
                    reply(realtime(c.arg()));
                    statusQueries.incrementAndGet();
                }
                case AUTO_STATUS_BACK -> {
                    asb = c.arg() != 0;
                    sendAsbIfEnabled();
                }
                case SEQUENCED_STATUS -> {
                    if (!stopped && !halted()) {
                        reply(paperSensor());
                    }
                }
                case INIT -> {
                    finishJob(false);
                    startJob(c);
                    countJobBytes(c);
                }
                default -> {
                    if (roll == null) {
                        startJob(null);
                    }
                    jobBytes.write(c.raw(), 0, c.raw().length);
                    countJobBytes(c);
                    if (paperOutAfter >= 0 && jobBytes.size() >= paperOutAfter) {
                        paperOutAfter = -1;
                        paperOut = true;
                        statusChanged();
                    }
                    if (halted()) {
                        stopped = true;
                    }
                    if (!stopped) {
                        roll.apply(c);
                        if (c.kind() == EscPosCommandReader.Kind.CUT) {
                            finishJob(true);
                        }
                    }
                    if (dropAfter >= 0 && jobBytes != null && jobBytes.size() >= dropAfter) {
                        dropAfter = -1;
                        droppedByScript = true;
                        drop();
                    }
                }
            }
        }

        private void countJobBytes(Command c) {
            PrinterSimulator.this.jobBytes.addAndGet(c.raw().length);
            if (xoff) {
                jobBytesWhileXoff.addAndGet(c.raw().length);
            }
        }

        private boolean halted() {
            return paperOut || coverOpen;
        }

        private void startJob(Command init) {
            roll = new PaperRoll(profile.dotsPerLine());
            jobBytes = new ByteArrayOutputStream();
            stopped = halted();
            if (init != null) {
                jobBytes.write(init.raw(), 0, init.raw().length);
                roll.apply(init);
            }
        }

        private void finishJob(boolean complete) {
            if (roll == null) {
                return;
            }
            PaperRoll done = roll;
            byte[] bytes = jobBytes.toByteArray();
            roll = null;
            jobBytes = null;
            if (!complete && done.transcript().isEmpty() && done.rasters().isEmpty()) {
                return; // an ESC @ with nothing after it, e.g. a status-only connection
            }
            jobs.add(bytes, done, complete && !stopped, complete);
        }

        private int realtime(int n) {
            int b = 0x12;
            switch (n) {
                case 1 -> b |= halted() ? 0x08 : 0;
                case 2 -> b |= (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0);
                case 4 -> b |= (nearEnd ? 0x0C : 0) | (paperOut ? 0x60 : 0);
                default -> {
                    // n = 3: no cutter or mechanical errors in this simulator
                }
            }
            return b;
        }

        private int paperSensor() {
            return (nearEnd ? 0x03 : 0) | (paperOut ? 0x0C : 0);
        }

        void sendAsbIfEnabled() {
            if (!asb) {
                return;
            }
            byte[] block = {
                (byte) (0x10 | (halted() ? 0x08 : 0) | (coverOpen ? 0x20 : 0)),
                0x00,
                (byte) ((nearEnd ? 0x03 : 0) | (paperOut ? 0x0C : 0)),
                0x00
            };
            try {
                synchronized (out) {
                    out.write(block);
                    out.flush();
                }
            } catch (IOException e) {
                LOG.debug("printer simulator: cannot send status: {}", e.getMessage());
            }
        }

        void send(byte b) {
            try {
                reply(b & 0xFF);
            } catch (IOException e) {
                LOG.debug("printer simulator: cannot send flow control: {}", e.getMessage());
            }
        }

        private void reply(int b) throws IOException {
            synchronized (out) {
                out.write(b);
                out.flush();
            }
        }

        void drop() {
            try {
                if (socket != null) {
                    socket.close();
                } else {
                    rawIn.close();
                    out.close();
                }
            } catch (IOException e) {
                LOG.debug("printer simulator: close: {}", e.getMessage());
            }
        }
    }
}
