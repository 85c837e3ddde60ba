package org.xephang.device.transport;

import java.time.Duration;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceTimeoutException;

/**
 * A byte pipe to a device: serial port, TCP socket, print service or in-memory loopback. Knows nothing about what
 * the bytes mean.
 *
 * <p>Threading: one writer thread and one reader thread may use a transport at the same time; {@link #close()} may
 * be called from any thread and makes blocked calls fail with {@link DeviceDisconnectedException}. All methods
 * except {@link #isOpen()} and {@link #describe()} may block: call them from a worker thread.
 */
public interface Transport extends AutoCloseable {

    /** Where this transport goes, e.g. {@code tcp://10.0.0.31:9100}; for logs and error messages. */
    String describe();

    /**
     * Opens the connection (connect, open the port).
     *
     * @throws DeviceDisconnectedException naming the address and why (refused, no such port + the ports present)
     */
    void open() throws DeviceException;

    /** Whether {@link #open()} succeeded and no failure or {@link #close()} has been seen since. */
    boolean isOpen();

    /**
     * Writes all bytes, blocking while the device is slow (no timeout for a healthy slow reader that keeps taking
     * bytes).
     *
     * @throws DeviceDisconnectedException if the connection is closed or lost
     * @throws DeviceTimeoutException if the device took nothing for the transport's write timeout (a serial device
     *     holding CTS low); the transport is closed then, so that nothing stale is sent after reopening
     */
    void write(byte[] data, int offset, int length) throws DeviceException;

    /** Writes all of {@code data}. */
    default void write(byte[] data) throws DeviceException {
        write(data, 0, data.length);
    }

    /** Ends a job: pushes buffered bytes out (a print service submits the job here). */
    void flush() throws DeviceException;

    /** Whether the device can answer (false for a print service, which has no way back). */
    boolean canRead();

    /**
     * Reads what has arrived, waiting at most {@code timeout} for the first byte.
     *
     * @return the number of bytes read, 0 if nothing arrived in time
     * @throws DeviceDisconnectedException if the connection is closed or lost (end of stream)
     */
    int read(byte[] buffer, Duration timeout) throws DeviceException;

    /** Closes the connection; idempotent, never throws. The transport may be opened again. */
    @Override
    void close();
}
