package org.xephang.device.framing;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.transport.LinkSupervisor;
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
 * <p>The link is kept by a {@link LinkSupervisor} (reconnection, status, the offline detail's stability).
 *
 * <p>Threading: frames are delivered on the supervisor's thread (named after the device); {@link #close()} stops it.
 */
public final class FramedReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FramedReader.class);
    private static final Duration READ_SLICE = Duration.ofMillis(100);

    private final String id;
    private final ReconnectingTransport transport;
    private final Framer framer;
    private final DeviceStatusTracker tracker;
    private final LinkSupervisor supervisor;

    public FramedReader(String id, ReconnectingTransport transport, Framer framer, DeviceStatusTracker tracker) {
        this.id = Objects.requireNonNull(id, "id");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.framer = Objects.requireNonNull(framer, "framer");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.supervisor =
                new LinkSupervisor(id, transport, tracker, Duration.ZERO, READ_SLICE.multipliedBy(5), new Reading());
    }

    /** Starts the reader thread; idempotent. */
    public void start() {
        supervisor.start();
    }

    /** Reads what arrives and feeds it to the framer; half a frame from before a reconnection is dropped. */
    private final class Reading implements LinkSupervisor.Work {
        private final byte[] buffer = new byte[1024];

        @Override
        public void connected() {
            framer.reset();
            tracker.update(DeviceState.ONLINE, transport.describe());
        }

        @Override
        public void step() throws DeviceException {
            int n = transport.read(buffer, READ_SLICE);
            if (n > 0) {
                try {
                    framer.feed(buffer, 0, n);
                } catch (RuntimeException e) {
                    // A frame listener failed: the device keeps reading; the failure is the listener's to fix.
                    LOG.error("{}: handling input failed; reading on", id, e);
                }
            }
        }
    }

    /** Stops the thread and closes the link. Idempotent. */
    @Override
    public void close() {
        supervisor.close();
    }
}
