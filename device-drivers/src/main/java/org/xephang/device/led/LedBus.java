package org.xephang.device.led;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.DeviceTimeoutException;
import org.xephang.device.transport.LinkSupervisor;
import org.xephang.device.transport.ReconnectingTransport;

/**
 * One RS-485 bus (a serial port, or a TCP connection to a serial-to-Ethernet gateway) with LED boards at many
 * addresses. It owns the transport and one thread that writes frames one at a time, waiting {@code gap} after each
 * frame (boards need time to latch; QSystem waits 300 ms), reads the board's acknowledgement when the protocol has
 * one, and between frames watches the link so an unplugged adapter is seen within a fraction of a second.
 *
 * <p>It remembers the latest frame of every address and sends them all again when the link comes back. The link is
 * kept by a {@link LinkSupervisor} (reconnection, status, the offline detail's stability).
 *
 * <p>Threading: thread-safe. {@link #send} blocks the caller until its frame is written (and acknowledged); status
 * listeners are called on the bus thread.
 */
public final class LedBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedBus.class);
    private static final Duration IDLE_READ = Duration.ofMillis(50);
    private static final long QUIET_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String id;
    private final ReconnectingTransport transport;
    private final LedCodec codec;
    private final Duration gap;
    private final Duration replyTimeout;
    private final DeviceStatusTracker tracker;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Map<Integer, LedFrame> latest = new ConcurrentHashMap<>();
    private final Map<Integer, AddressListener> addressListeners = new ConcurrentHashMap<>();
    private final LinkSupervisor supervisor;
    private long lastWriteNanos;
    private long lastNoiseLogNanos = -QUIET_LOG_NANOS;

    /** What a display learns from the bus about its own address. */
    interface AddressListener {
        void delivered();

        void failed(DeviceException reason);
    }

    /**
     * @param id for logs, e.g. {@code led:ascii+serial:///dev/ttyUSB1}
     * @param gap the pause after each frame
     * @param replyTimeout how long to wait for an acknowledgement (protocols that have one)
     */
    public LedBus(
            String id,
            ReconnectingTransport transport,
            LedCodec codec,
            Duration gap,
            Duration replyTimeout,
            Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.gap = Objects.requireNonNull(gap, "gap");
        this.replyTimeout = Objects.requireNonNull(replyTimeout, "replyTimeout");
        this.tracker = new DeviceStatusTracker(id, clock);
        // The thread sees close() within one idle read (50 ms) or one reply timeout.
        this.supervisor = new LinkSupervisor(
                id, transport, tracker, Duration.ZERO, replyTimeout.plusSeconds(1), new FrameWriting());
    }

    public String id() {
        return id;
    }

    public LedCodec codec() {
        return codec;
    }

    /** Starts the bus thread (idempotent); the link is opened there, and its state reported as status. */
    public void start() {
        supervisor.start();
    }

    public DeviceStatus status() {
        return tracker.current();
    }

    public void addStatusListener(DeviceStatusListener listener) {
        tracker.addListener(listener);
    }

    public void removeStatusListener(DeviceStatusListener listener) {
        tracker.removeListener(listener);
    }

    void watchAddress(int address, AddressListener listener) {
        addressListeners.put(address, listener);
    }

    /** The frame last sent (or to be sent) to {@code address}; blank if none. */
    public LedFrame latest(int address) {
        return latest.getOrDefault(address, LedFrame.blank());
    }

    /**
     * Shows {@code frame} at {@code address}: queued behind earlier frames, written by the bus thread.
     *
     * @throws IllegalArgumentException if the codec cannot encode the frame (nothing is remembered then)
     * @throws DeviceDisconnectedException if the link is down (the frame is remembered and sent on reconnect)
     * @throws DeviceTimeoutException if the board did not acknowledge in time, or the bus is stuck
     * @throws DeviceException with state ERROR if the board refused the frame
     */
    public void send(int address, LedFrame frame) throws DeviceException {
        byte[] bytes = codec.encode(address, frame);
        latest.put(address, frame);
        if (!supervisor.isRunning()) {
            throw new DeviceDisconnectedException(id + ": not started");
        }
        if (!supervisor.isUp()) {
            throw new DeviceDisconnectedException(
                    id + ": " + tracker.current().detail() + " (the display will be updated when the link is back)");
        }
        Job job = new Job(address, bytes);
        queue.add(job);
        Duration budget = gap.plus(replyTimeout).multipliedBy(queue.size() + 1L).plusSeconds(2);
        try {
            job.done.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceTimeoutException(DeviceState.ERROR, id + ": interrupted while waiting for the bus");
        } catch (TimeoutException e) {
            throw new DeviceTimeoutException(
                    id + ": the bus did not write the frame within " + budget.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeviceException failure) {
                throw failure;
            }
            throw new DeviceException(DeviceState.ERROR, id + ": " + e.getCause(), e.getCause());
        }
    }

    /** Writes the queued frames one at a time; between them, watches the link. */
    private final class FrameWriting implements LinkSupervisor.Work {
        private final byte[] buffer = new byte[256];

        @Override
        public void connected() {
            // Queue the latest frames before saying ONLINE: a display told it is online may send at once, and a
            // refresh that read its frame after that would show it twice.
            queueRefresh();
            tracker.update(DeviceState.ONLINE, transport.describe());
        }

        @Override
        public void step() throws DeviceException, InterruptedException {
            Job job = queue.poll(IDLE_READ.toMillis(), TimeUnit.MILLISECONDS);
            if (job == null) {
                watchLink(buffer);
                return;
            }
            try {
                write(job);
                job.succeed();
            } catch (DeviceDisconnectedException e) {
                job.fail(e);
                throw e;
            } catch (DeviceException e) {
                job.fail(e);
            } catch (RuntimeException e) {
                job.fail(new DeviceException(DeviceState.ERROR, id + ": " + e, e));
                throw e;
            }
        }

        @Override
        public void disconnected(DeviceException reason) {
            failAll(reason);
        }
    }

    /** After (re)connecting, every address shows its latest frame again. */
    private void queueRefresh() {
        for (Map.Entry<Integer, LedFrame> entry : latest.entrySet()) {
            queue.add(new Job(entry.getKey(), codec.encode(entry.getKey(), entry.getValue())));
        }
    }

    private void watchLink(byte[] buffer) throws DeviceException {
        if (!transport.canRead()) {
            return;
        }
        int n = transport.read(buffer, IDLE_READ);
        if (n > 0 && System.nanoTime() - lastNoiseLogNanos > QUIET_LOG_NANOS) {
            lastNoiseLogNanos = System.nanoTime();
            LOG.debug("{}: {} unexpected byte(s) on the bus ignored (logged at most once a minute)", id, n);
        }
    }

    private void write(Job job) throws DeviceException, InterruptedException {
        long waitNanos = lastWriteNanos + gap.toNanos() - System.nanoTime();
        if (lastWriteNanos != 0 && waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
        try {
            transport.write(job.bytes);
            transport.flush();
            if (codec.replyLength(job.bytes, new byte[0]) != 0) {
                awaitReply(job);
            }
        } finally {
            lastWriteNanos = System.nanoTime();
        }
    }

    private void awaitReply(Job job) throws DeviceException {
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        byte[] received = new byte[0];
        byte[] buffer = new byte[256];
        while (true) {
            int expected = codec.replyLength(job.bytes, received);
            if (expected > 0 && received.length >= expected) {
                try {
                    codec.checkReply(job.bytes, Arrays.copyOf(received, expected));
                    return;
                } catch (LedReplyException e) {
                    throw new DeviceException(
                            DeviceState.ERROR, id + ": board at address " + job.address + ": " + e.getMessage());
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new DeviceTimeoutException(
                        DeviceState.ERROR,
                        id + ": board at address " + job.address + " did not answer within " + replyTimeout.toMillis()
                                + " ms");
            }
            int n = transport.read(buffer, Duration.ofNanos(left));
            if (n > 0) {
                byte[] joined = Arrays.copyOf(received, received.length + n);
                System.arraycopy(buffer, 0, joined, received.length, n);
                received = joined;
            }
        }
    }

    private void failAll(DeviceException reason) {
        List<Job> pending = new ArrayList<>();
        queue.drainTo(pending);
        for (Job job : pending) {
            job.fail(reason);
        }
    }

    /** Stops the bus thread and closes the link; pending frames fail. Idempotent. */
    @Override
    public void close() {
        supervisor.close();
        failAll(new DeviceDisconnectedException(id + ": closed"));
        tracker.update(DeviceState.OFFLINE, "closed");
    }

    private final class Job {
        final int address;
        final byte[] bytes;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Job(int address, byte[] bytes) {
            this.address = address;
            this.bytes = bytes;
        }

        void succeed() {
            done.complete(null);
            AddressListener listener = addressListeners.get(address);
            if (listener != null) {
                listener.delivered();
            }
        }

        void fail(DeviceException reason) {
            done.completeExceptionally(reason);
            AddressListener listener = addressListeners.get(address);
            if (listener != null && reason.state() == DeviceState.ERROR) {
                listener.failed(reason);
            }
        }
    }
}
