package org.xephang.device.framing;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.transport.ReconnectingTransport;

/**
 * The reading side of an input device (scanner, keypad): one thread that keeps the link open, feeds what arrives to
 * a {@link Framer}, and keeps the device's status true: ONLINE while the link is open, OFFLINE with the reason
 * while it is not (an unplugged serial adapter is seen within about 100 ms, a replugged one within the transport's
 * backoff, 1 s by default). After each reconnection the framer is reset, so half a frame from before never joins
 * one from after.
 *
 * <p>The status detail stays the same while the device stays offline (no "next attempt in … ms" churn), so a
 * flapping device produces one status change per actual change, not one per reconnection attempt.
 *
 * <p>Threading: frames are delivered on the reader thread (named after the device); {@link #close()} stops it.
 */
public final class FramedReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FramedReader.class);
    private static final Duration READ_SLICE = Duration.ofMillis(100);
    private static final long OFFLINE_PAUSE_MS = 100;

    private final String id;
    private final ReconnectingTransport transport;
    private final Framer framer;
    private final DeviceStatusTracker tracker;
    private volatile boolean running;
    private Thread thread;

    public FramedReader(String id, ReconnectingTransport transport, Framer framer, DeviceStatusTracker tracker) {
        this.id = Objects.requireNonNull(id, "id");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.framer = Objects.requireNonNull(framer, "framer");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /** Starts the reader thread; idempotent. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "xephang-reader " + id);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        byte[] buffer = new byte[1024];
        boolean online = false;
        boolean reported = false;
        while (running) {
            try {
                transport.ensureOpen();
                if (!online || !reported) {
                    online = true;
                    reported = true;
                    framer.reset();
                    tracker.update(DeviceState.ONLINE, transport.describe());
                }
                int n = transport.read(buffer, READ_SLICE);
                if (n > 0) {
                    framer.feed(buffer, 0, n);
                }
            } catch (DeviceDisconnectedException e) {
                if (!running) {
                    break;
                }
                if (online || !reported) {
                    online = false;
                    reported = true;
                    tracker.update(DeviceState.OFFLINE, stable(e.getMessage()));
                }
                pause();
            } catch (DeviceException e) {
                online = false;
                tracker.update(e.state(), stable(e.getMessage()));
                pause();
            } catch (RuntimeException e) {
                // A frame listener failed: the device keeps reading; the failure is the listener's to fix.
                LOG.error("{}: handling input failed; reading on", id, e);
            }
        }
    }

    private static String stable(String message) {
        int cut = message.indexOf(" (next attempt in");
        return cut >= 0 ? message.substring(0, cut) : message;
    }

    private void pause() {
        try {
            Thread.sleep(OFFLINE_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the thread and closes the link. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            try {
                t.join(READ_SLICE.toMillis() * 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        transport.close();
    }
}
