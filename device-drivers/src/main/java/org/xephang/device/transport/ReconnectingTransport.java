package org.xephang.device.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.LogThrottle;

/**
 * A transport that reopens itself with {@link ReconnectBackoff} after the link is lost.
 *
 * <p>It has no thread of its own: every call first makes sure the link is open, reopening it if the backoff delay
 * has passed since the last failed attempt, and otherwise fails at once with {@link DeviceDisconnectedException}
 * saying when the next attempt is due. A device's monitor loop calling {@link #ensureOpen()} periodically is what
 * brings a replugged device back. Any {@link DeviceDisconnectedException} from the inner transport closes it and
 * starts the backoff.
 *
 * <p>Threading: as {@link Transport}; the reconnection bookkeeping is synchronized.
 */
public final class ReconnectingTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingTransport.class);

    private final Transport inner;
    private final ReconnectBackoff backoff;
    private final Clock clock;
    private final LogThrottle logThrottle = new LogThrottle(6, Duration.ofMinutes(1));
    private int failures;
    private Instant nextAttempt = Instant.MIN;
    private String lastFailure = "";
    private volatile boolean closed;
    private volatile long generation;

    public ReconnectingTransport(Transport inner, ReconnectBackoff backoff, Clock clock) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    /** Opens now, ignoring the backoff delay (first start). */
    @Override
    public void open() throws DeviceException {
        closed = false;
        synchronized (this) {
            nextAttempt = Instant.MIN;
        }
        ensureOpen();
    }

    /**
     * Makes sure the link is open: reopens it when the backoff delay has passed.
     *
     * @throws DeviceDisconnectedException if the link is down and could not be (or may not yet be) reopened
     */
    public void ensureOpen() throws DeviceException {
        if (inner.isOpen()) {
            return;
        }
        synchronized (this) {
            if (inner.isOpen()) {
                return;
            }
            if (closed) {
                throw new DeviceDisconnectedException(describe() + ": closed");
            }
            Instant now = clock.instant();
            if (now.isBefore(nextAttempt)) {
                throw new DeviceDisconnectedException(lastFailure + " (next attempt in "
                        + Duration.between(now, nextAttempt).toMillis() + " ms)");
            }
            try {
                inner.open();
                generation++;
                if (failures > 0) {
                    String note = logThrottle.tryAcquire();
                    if (note != null) {
                        LOG.info("{}: reconnected after {} failed attempt(s){}", describe(), failures, note);
                    } else {
                        LOG.debug("{}: reconnected after {} failed attempt(s)", describe(), failures);
                    }
                }
                failures = 0;
            } catch (DeviceException e) {
                recordFailure(e);
                throw e;
            }
        }
    }

    private synchronized void recordFailure(DeviceException e) {
        failures++;
        lastFailure = e.getMessage();
        Duration delay = backoff.delayAfter(failures);
        nextAttempt = clock.instant().plus(delay);
        LOG.debug("{}: attempt {} failed ({}); next in {} ms", describe(), failures, lastFailure, delay.toMillis());
    }

    private void lost(DeviceDisconnectedException e) {
        inner.close();
        synchronized (this) {
            if (closed) {
                return; // closed on purpose: the failing call was cut short by close()
            }
            if (failures == 0) {
                String note = logThrottle.tryAcquire();
                if (note != null) {
                    LOG.warn("{}: connection lost: {}{}", describe(), e.getMessage(), note);
                } else {
                    LOG.debug("{}: connection lost: {}", describe(), e.getMessage());
                }
                failures = 1;
                lastFailure = e.getMessage();
                // The first reconnection attempt is immediate: a dropped TCP connection is often just reopened.
                nextAttempt = clock.instant();
            }
        }
    }

    /**
     * How many times the link has been opened; a change between two calls means the link dropped and was reopened in
     * between (a device that lost part of a job must not be treated as if it had it all).
     */
    public long generation() {
        return generation;
    }

    /** Whether the link is open right now. */
    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws DeviceException {
        ensureOpen();
        try {
            inner.write(data, offset, length);
        } catch (DeviceDisconnectedException e) {
            lost(e);
            throw e;
        }
    }

    @Override
    public void flush() throws DeviceException {
        ensureOpen();
        try {
            inner.flush();
        } catch (DeviceDisconnectedException e) {
            lost(e);
            throw e;
        }
    }

    @Override
    public boolean canRead() {
        return inner.canRead();
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws DeviceException {
        ensureOpen();
        try {
            return inner.read(buffer, timeout);
        } catch (DeviceDisconnectedException e) {
            lost(e);
            throw e;
        }
    }

    /** Drops the current link (e.g. after a protocol error) so that the next call reconnects. */
    public void dropLink(String reason) {
        lost(new DeviceDisconnectedException(describe() + ": " + reason));
    }

    @Override
    public void close() {
        closed = true;
        inner.close();
    }
}
