package org.xephang.device;

/**
 * A piece of hardware (or its simulator) behind a small interface: started, watched through its status, closed.
 *
 * <p>Anticipated faults (unplugged, paper out, connection refused) never throw from {@link #start()}: they become a
 * {@link DeviceStatus} (OFFLINE + detail) and are published to listeners; the device keeps trying to reconnect with
 * backoff. Operations of sub-interfaces throw a {@link DeviceException} saying why they failed.
 *
 * <p>Threading: all methods are thread-safe. {@link #start()} and the operations of sub-interfaces may block on
 * I/O: call them from a worker thread, never from an event loop. {@link #status()} and listener registration never
 * block.
 */
public interface Device extends AutoCloseable {

    /** A short id for logs and reports, e.g. {@code "escpos:tcp://10.0.0.31:9100"}; no personal data. */
    String id();

    /**
     * Opens the connection and begins watching the device. Never throws for anticipated faults: those are reported
     * as status. Blocking (bounded by the connection timeout).
     */
    void start();

    /** The latest known status. Never blocks. */
    DeviceStatus status();

    /** Registers a listener for status changes (see {@link DeviceStatusListener} for the threading contract). */
    void addStatusListener(DeviceStatusListener listener);

    /** Removes a listener registered with {@link #addStatusListener}. */
    void removeStatusListener(DeviceStatusListener listener);

    /** Stops watching and releases the connection. Idempotent; never throws. */
    @Override
    void close();
}
