package org.xephang.device.framing;

/**
 * Splits a byte stream, arriving in chunks of any size, into frames delivered to a {@link FrameSink}. A frame split
 * over several chunks is delivered once it is complete; several frames in one chunk are delivered in order.
 *
 * <p>Pure: no I/O, no threads, no clock. Not thread-safe: feed it from the one thread that reads the stream.
 */
public interface Framer {

    /** Feeds {@code length} bytes of {@code bytes} starting at {@code offset}. */
    void feed(byte[] bytes, int offset, int length);

    /** Feeds a whole array. */
    default void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /**
     * Forgets a partial frame, e.g. after the connection was lost and reopened (the rest of that frame will never
     * come). The partial bytes are reported to the sink as discarded.
     */
    void reset();
}
