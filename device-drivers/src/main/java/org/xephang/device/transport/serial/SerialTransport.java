package org.xephang.device.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceTimeoutException;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.transport.Transport;

/**
 * A serial port through jSerialComm ({@code serial:///dev/serial/by-id/…?baud=115200&flow=rtscts}).
 *
 * <p>Unplugging is detected three ways, because {@code isOpen()} of jSerialComm stays true after an unplug: a failed
 * write, a failed read, and the device path disappearing (USB adapters and socat links remove it).
 * {@code flow=xonxoff} is not given to the operating system: XON/XOFF bytes reach the reader, which must tell them
 * from device answers (ESC/POS status bytes can look like them only if the OS swallows them).
 *
 * <p>A write that makes no progress for {@code writeTimeout} (default 10s) fails with {@link DeviceTimeoutException}
 * naming the port, and closes it (discarding what the OS still held): with {@code flow=rtscts} a printer holds CTS
 * low while it cannot take data (paper out, cover open, switched off with the cable in), and jSerialComm has no write
 * timeout on Linux, so without this a write would block for ever. A slow but healthy device keeps making progress
 * and is never cut off, however long the whole write takes. Writes run on one daemon thread per open port, so that
 * the caller can stop waiting for them.
 *
 * <p>Threading: see {@link Transport}.
 */
public final class SerialTransport implements Transport {

    /** URI parameters this transport reads. */
    public static final Set<String> PARAMS = Set.of("baud", "dataBits", "parity", "stopBits", "flow", "writeTimeout");

    /** How long a write may make no progress before it fails, unless the URI says {@code writeTimeout}. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

    /** Longest a single native read blocks; reads with longer timeouts loop so that close() is seen quickly. */
    private static final int READ_SLICE_MS = 100;

    private final String path;
    private final SerialSettings settings;
    private final Duration writeTimeout;
    /** The slice handed to one native write: about 100 ms of the line, so that progress is seen often. */
    private final int writeSlice;

    /** The time source of the stall watch ({@link System#nanoTime()}; a test's own clock in tests). */
    private final LongSupplier nanoTime;
    /** Bytes the operating system has taken since the port was opened; the stall watch looks for its changes. */
    private final AtomicLong written = new AtomicLong();

    private volatile SerialPort port;
    private volatile ExecutorService writer;

    public SerialTransport(String path, SerialSettings settings) {
        this(path, settings, DEFAULT_WRITE_TIMEOUT);
    }

    /** @param writeTimeout how long a write may make no progress (the device accepts nothing) before it fails */
    public SerialTransport(String path, SerialSettings settings, Duration writeTimeout) {
        this(path, settings, writeTimeout, System::nanoTime);
    }

    /** @param nanoTime the time source that measures stalls (as {@link System#nanoTime()}) */
    SerialTransport(String path, SerialSettings settings, Duration writeTimeout, LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.path = Objects.requireNonNull(path, "path");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.writeTimeout = Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("writeTimeout must be positive, not " + writeTimeout);
        }
        this.writeSlice = Math.max(16, settings.baud() / 100);
    }

    /**
     * From {@code …serial:///dev/ttyUSB0?baud=115200&dataBits=8&parity=none&stopBits=1&flow=rtscts&writeTimeout=10s}.
     */
    public static SerialTransport from(DeviceUri uri, int defaultBaud) throws InvalidDeviceUriException {
        return from(uri, defaultBaud, System::nanoTime);
    }

    static SerialTransport from(DeviceUri uri, int defaultBaud, LongSupplier nanoTime)
            throws InvalidDeviceUriException {
        Duration writeTimeout = uri.durationParam("writeTimeout", DEFAULT_WRITE_TIMEOUT);
        if (writeTimeout.isZero()) {
            throw new InvalidDeviceUriException(
                    uri + ": parameter 'writeTimeout' must be longer than 0, e.g. 10s (writes must not hang)");
        }
        return new SerialTransport(uri.address(), SerialSettings.from(uri, defaultBaud), writeTimeout, nanoTime);
    }

    /** The line settings. */
    public SerialSettings settings() {
        return settings;
    }

    @Override
    public String describe() {
        return "serial://" + path + "@" + settings.baud();
    }

    @Override
    public synchronized void open() throws DeviceException {
        if (isOpen()) {
            return;
        }
        SerialPort candidate;
        try {
            candidate = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new DeviceDisconnectedException(describe() + ": no such port; ports present: " + portsPresent(), e);
        }
        candidate.setComPortParameters(
                settings.baud(), settings.dataBits(), settings.stopBitsConstant(), settings.parityConstant());
        candidate.setFlowControl(
                settings.flow() == SerialSettings.Flow.RTSCTS
                        ? SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED
                        : SerialPort.FLOW_CONTROL_DISABLED);
        candidate.setComPortTimeouts(
                SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_SLICE_MS, 0);
        if (!Files.exists(Path.of(path)) || !candidate.openPort()) {
            throw new DeviceDisconnectedException(describe() + ": cannot open (error " + candidate.getLastErrorCode()
                    + "); ports present: " + portsPresent());
        }
        writer = Executors.newSingleThreadExecutor(body -> {
            Thread t = new Thread(body, "xephang-serial-writer " + path);
            t.setDaemon(true);
            return t;
        });
        port = candidate;
    }

    private static String portsPresent() {
        String names = Arrays.stream(SerialPort.getCommPorts())
                .map(SerialPort::getSystemPortPath)
                .sorted()
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    @Override
    public boolean isOpen() {
        return port != null;
    }

    /**
     * Writes all bytes; fails with {@link DeviceTimeoutException} (and closes the port) when the device accepts
     * nothing for {@code writeTimeout}.
     */
    @Override
    public void write(byte[] data, int offset, int length) throws DeviceException {
        Objects.checkFromIndexSize(offset, length, data.length);
        SerialPort p = requireOpen();
        ExecutorService w = writer;
        long before = written.get();
        Future<Void> done;
        try {
            done = w.submit(() -> {
                writeAll(p, data, offset, length);
                return null;
            });
        } catch (RejectedExecutionException e) {
            throw new DeviceDisconnectedException(describe() + ": not open", e);
        }
        // A stall is writeTimeout without any change of `written`, however long the whole write takes.
        long seen = before;
        long stallDeadline = nanoTime.getAsLong() + writeTimeout.toNanos();
        while (true) {
            try {
                done.get(Math.max(1, stallDeadline - nanoTime.getAsLong()), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                long now = written.get();
                if (now != seen) {
                    seen = now;
                    stallDeadline = nanoTime.getAsLong() + writeTimeout.toNanos();
                    continue;
                }
                if (nanoTime.getAsLong() < stallDeadline) {
                    continue; // woken early (a test clock runs slower than the wall clock)
                }
                close();
                throw new DeviceTimeoutException(describe() + ": the device accepted nothing for "
                        + writeTimeout.toMillis() + " ms (" + (now - before) + " of " + length + " bytes written"
                        + (settings.flow() == SerialSettings.Flow.RTSCTS
                                ? "; CTS held low: paper out, cover open or switched off?"
                                : "")
                        + "); port closed, the rest is not sent");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DeviceException failure) {
                    throw failure;
                }
                close();
                throw new DeviceDisconnectedException(describe() + ": write failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new DeviceDisconnectedException(describe() + ": interrupted while writing; port closed");
            }
        }
    }

    /** Runs on the writer thread; counts the bytes written in {@link #written}. */
    private void writeAll(SerialPort p, byte[] data, int offset, int length) throws DeviceException {
        int done = 0;
        while (done < length) {
            if (port != p) {
                throw new DeviceDisconnectedException(describe() + ": closed while writing");
            }
            int n = p.writeBytes(data, Math.min(writeSlice, length - done), offset + done);
            if (n < 0 || (n == 0 && !Files.exists(Path.of(path)))) {
                close();
                throw new DeviceDisconnectedException(describe() + ": write failed (device unplugged?)");
            }
            done += n;
            written.addAndGet(n);
        }
    }

    /**
     * How many bytes the operating system has taken since the port was opened: grows while a write makes progress
     * (what the write timeout watches).
     */
    long bytesWritten() {
        return written.get();
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SerialPort p = requireOpen();
            int n = p.readBytes(buffer, buffer.length);
            if (n < 0) {
                close();
                throw new DeviceDisconnectedException(describe() + ": read failed (device unplugged?)");
            }
            if (n > 0) {
                return n;
            }
            if (!Files.exists(Path.of(path))) {
                close();
                throw new DeviceDisconnectedException(describe() + ": the device is gone (unplugged?)");
            }
            if (System.nanoTime() >= deadline) {
                return 0;
            }
        }
    }

    private SerialPort requireOpen() throws DeviceDisconnectedException {
        SerialPort p = port;
        if (p == null) {
            throw new DeviceDisconnectedException(describe() + ": not open");
        }
        return p;
    }

    @Override
    public void close() {
        SerialPort p;
        ExecutorService w;
        synchronized (this) {
            p = port;
            port = null;
            w = writer;
            writer = null;
        }
        if (w != null) {
            w.shutdown();
        }
        if (p != null) {
            // Also makes a native write stuck behind CTS return: the port turns non-blocking and its queue is flushed.
            p.closePort();
        }
    }
}
