package org.xephang.device.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatusTracker;

/**
 * Keeps one device's link alive on one thread: reopens it with the {@link ReconnectingTransport}'s backoff, lets
 * the device set itself up after every (re)connection, runs the device's work in short steps while the link is up,
 * polls the device's status when it asks for that, and reports the link's state through the device's
 * {@link DeviceStatusTracker} (which publishes the changes one at a time, in order).
 *
 * <p>The rules every device on a link shares:
 *
 * <ul>
 *   <li>A lost link ({@link DeviceDisconnectedException} from the work, or the transport found closed) is reported
 *       OFFLINE once, with its reason; the detail stays the same while the device stays offline (the transport's
 *       changing "next attempt in … ms" is cut off), so a flapping device makes one status change per real change.
 *       Attempts to reopen follow each other at least {@link #OFFLINE_PAUSE} apart; the backoff decides which of them
 *       really tries.
 *   <li>After each (re)connection, {@link Work#connected()} runs before any step: it reports the device's status
 *       (ONLINE, or what the device says of itself) and resets whatever must not survive a reconnection.
 *   <li>Any other {@link DeviceException} becomes the device's status (its state, the same stable detail) and the
 *       link is set up again ({@link Work#connected()}) after the pause.
 *   <li>A {@link RuntimeException} is logged with the device id and the thread carries on after the pause.
 * </ul>
 *
 * <p>Threading: one daemon thread, named after the device; {@link Work} runs on it. {@link #close()} stops it.
 */
public final class LinkSupervisor implements AutoCloseable {

    /** The pause after a failed (re)connection attempt or a failed step. */
    public static final Duration OFFLINE_PAUSE = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(LinkSupervisor.class);

    /** What a device does on its link; every method runs on the supervisor's thread. */
    public interface Work {

        /**
         * The link has just been (re)opened: report the device's status and set it up (reset a framer, send the
         * displays' frames again, enable status reporting…).
         */
        void connected() throws DeviceException;

        /**
         * One short piece of work while the link is up (read for up to about 100 ms, write one queued frame…); the
         * default waits 50 ms (devices whose work happens on other threads).
         */
        default void step() throws DeviceException, InterruptedException {
            TimeUnit.MILLISECONDS.sleep(50);
        }

        /** Asks the device for its status; called every poll interval while the link is up (see the constructor). */
        default void pollStatus() throws DeviceException {}

        /** The link is down (reported OFFLINE), after every failed attempt too: fail what was waiting for it. */
        default void disconnected(DeviceException reason) {}

        /** Whether the link may be reopened now (a printer in the middle of a job reopens it itself). */
        default boolean mayReconnect() {
            return true;
        }
    }

    private final String id;
    private final ReconnectingTransport transport;
    private final DeviceStatusTracker status;
    private final Duration pollInterval;
    private final Duration joinTimeout;
    private final Work work;
    private volatile boolean running;
    private volatile boolean up;
    private Thread thread;
    // The link thread's own state (set before it starts by openAndStart(), then only by it).
    private boolean reported;
    private long connectedGeneration = -1;
    private long nextPoll = Long.MAX_VALUE;

    /**
     * @param id the device, for the thread's name and logs
     * @param pollInterval how often to call {@link Work#pollStatus()} while the link is up; zero for never
     * @param joinTimeout how long {@link #close()} waits for the thread to finish its step
     */
    public LinkSupervisor(
            String id,
            ReconnectingTransport transport,
            DeviceStatusTracker status,
            Duration pollInterval,
            Duration joinTimeout,
            Work work) {
        this.id = Objects.requireNonNull(id, "id");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.status = Objects.requireNonNull(status, "status");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.joinTimeout = Objects.requireNonNull(joinTimeout, "joinTimeout");
        this.work = Objects.requireNonNull(work, "work");
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must not be negative, got " + pollInterval);
        }
    }

    /** Starts the thread; idempotent. The link is opened there. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "xephang-link " + id);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Opens the link and sets the device up on the calling thread (so that its status is known when this returns;
     * a failure becomes the status, nothing is thrown), then starts the thread; idempotent.
     */
    public synchronized void openAndStart() {
        if (running) {
            return;
        }
        try {
            connectIfDown();
        } catch (DeviceException e) {
            failed(e);
        } catch (RuntimeException e) {
            LOG.error("{}: setting the device up failed; the link thread tries again", id, e);
        }
        start();
    }

    /** Whether the link is up and the device set up on it (as far as this thread knows). */
    public boolean isUp() {
        return up && transport.isOpen();
    }

    /** Whether the supervisor runs (started and not closed). */
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (!connectIfDown()) {
                    pause();
                    continue;
                }
                work.step();
                if (System.nanoTime() - nextPoll >= 0) {
                    nextPoll = System.nanoTime() + pollInterval.toNanos();
                    work.pollStatus();
                }
            } catch (DeviceException e) {
                if (!running) {
                    break;
                }
                failed(e);
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("{}: the device's link work failed; carrying on", id, e);
                pause();
            }
        }
        up = false;
    }

    /**
     * (Re)opens the link and sets the device up, unless it is up already.
     *
     * @return false if the device does not want the link reopened now
     */
    private boolean connectIfDown() throws DeviceException {
        if (up && transport.isOpen() && transport.generation() == connectedGeneration) {
            return true;
        }
        if (up && !transport.isOpen()) {
            // Closed by another thread (a reader that hit the error), which may have said why already.
            up = false;
            if (status.current().state() != DeviceState.OFFLINE) {
                status.update(DeviceState.OFFLINE, transport.describe() + ": connection lost");
            }
            work.disconnected(new DeviceDisconnectedException(transport.describe() + ": connection lost"));
        }
        if (!work.mayReconnect()) {
            return false;
        }
        transport.ensureOpen();
        connectedGeneration = transport.generation();
        up = true;
        reported = true;
        work.connected();
        nextPoll = pollInterval.isZero() ? Long.MAX_VALUE : System.nanoTime() + pollInterval.toNanos();
        return true;
    }

    private void failed(DeviceException e) {
        if (e instanceof DeviceDisconnectedException) {
            if (up || !reported) {
                up = false;
                reported = true;
                status.update(DeviceState.OFFLINE, stable(e.getMessage()));
            }
            work.disconnected(e);
        } else {
            up = false;
            reported = true;
            status.update(e.state(), stable(e.getMessage()));
        }
    }

    /** Drops the changing "next attempt in … ms" part so the status detail stays the same while offline. */
    static String stable(String message) {
        int cut = message.indexOf(" (next attempt in");
        return cut >= 0 ? message.substring(0, cut) : message;
    }

    private void pause() {
        try {
            Thread.sleep(OFFLINE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the thread (waiting up to the join timeout for its step to end) and closes the link. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        transport.close();
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(joinTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        up = false;
    }
}
