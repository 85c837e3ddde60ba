package org.xephang.device.transport.loopback;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.transport.Transport;

/**
 * An in-memory transport for tests and in-process simulators: what the host writes, the {@link Peer} reads, and the
 * other way round.
 *
 * <p>URIs {@code …loopback://name} resolve to the transport {@link #bind(String) bound} under that name.
 *
 * <p>Threading: see {@link Transport}; the peer's methods are thread-safe as well.
 */
public final class LoopbackTransport implements Transport {

    private static final Map<String, LoopbackTransport> BOUND = new ConcurrentHashMap<>();

    private final String name;
    private final Pipe toDevice = new Pipe();
    private final Pipe toHost = new Pipe();
    private final Peer peer = new Peer();
    private volatile boolean open;
    private volatile boolean peerConnected = true;

    public LoopbackTransport(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Creates a transport and makes it reachable as {@code loopback://name} until {@link #unbind}. */
    public static LoopbackTransport bind(String name) {
        LoopbackTransport transport = new LoopbackTransport(name);
        BOUND.put(name, transport);
        return transport;
    }

    /** The transport bound under {@code name}, or a fresh unbound one whose device is not connected. */
    public static LoopbackTransport lookup(String name) {
        LoopbackTransport found = BOUND.get(name);
        if (found != null) {
            return found;
        }
        LoopbackTransport orphan = new LoopbackTransport(name);
        orphan.peerConnected = false;
        return orphan;
    }

    /** Forgets the name given by {@link #bind}. */
    public static void unbind(String name) {
        BOUND.remove(name);
    }

    /** The device's end. */
    public Peer peer() {
        return peer;
    }

    @Override
    public String describe() {
        return "loopback://" + name;
    }

    @Override
    public void open() throws DeviceException {
        if (!peerConnected) {
            throw new DeviceDisconnectedException(describe() + ": no device connected");
        }
        toDevice.clear();
        toHost.clear();
        open = true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws DeviceException {
        requireOpen();
        toDevice.put(data, offset, length);
    }

    @Override
    public void flush() throws DeviceException {
        requireOpen();
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws DeviceException {
        requireOpen();
        int n = toHost.take(buffer, timeout, () -> open);
        if (n < 0) {
            throw new DeviceDisconnectedException(describe() + ": closed");
        }
        return n;
    }

    private void requireOpen() throws DeviceDisconnectedException {
        if (!open) {
            throw new DeviceDisconnectedException(describe() + (peerConnected ? ": not open" : ": device gone"));
        }
    }

    @Override
    public void close() {
        open = false;
        toHost.wake();
        toDevice.wake();
    }

    /** The device's end of a loopback transport. */
    public final class Peer {

        private Peer() {}

        /** Bytes the host wrote, waiting at most {@code timeout}; 0 if none arrived. */
        public int read(byte[] buffer, Duration timeout) {
            return Math.max(0, toDevice.take(buffer, timeout, () -> open));
        }

        /** Sends bytes to the host. */
        public void write(byte... data) {
            toHost.put(data, 0, data.length);
        }

        /** Simulates unplugging: the host's calls fail until {@link #reconnect()}. */
        public void disconnect() {
            peerConnected = false;
            LoopbackTransport.this.close();
        }

        /** Simulates plugging back in: the host can open again. */
        public void reconnect() {
            peerConnected = true;
        }
    }

    /** A blocking byte queue. */
    private static final class Pipe {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private byte[] data = new byte[1024];
        private int head;
        private int size;

        void put(byte[] src, int offset, int length) {
            lock.lock();
            try {
                if (size + length > data.length) {
                    byte[] bigger = new byte[Math.max(data.length * 2, size + length)];
                    for (int i = 0; i < size; i++) {
                        bigger[i] = data[(head + i) % data.length];
                    }
                    data = bigger;
                    head = 0;
                }
                for (int i = 0; i < length; i++) {
                    data[(head + size + i) % data.length] = src[offset + i];
                }
                size += length;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Returns bytes read, 0 on timeout, -1 if {@code stillOpen} turned false while waiting. */
        int take(byte[] dst, Duration timeout, java.util.function.BooleanSupplier stillOpen) {
            lock.lock();
            try {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (size == 0) {
                    if (!stillOpen.getAsBoolean()) {
                        return -1;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return 0;
                    }
                    try {
                        arrived.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return 0;
                    }
                }
                int n = Math.min(dst.length, size);
                for (int i = 0; i < n; i++) {
                    dst[i] = data[(head + i) % data.length];
                }
                head = (head + n) % data.length;
                size -= n;
                return n;
            } finally {
                lock.unlock();
            }
        }

        void clear() {
            lock.lock();
            try {
                head = 0;
                size = 0;
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
}
