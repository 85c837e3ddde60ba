package org.xephang.device.framing;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Receives what a {@link Framer} makes of a byte stream: complete frames, and bytes it had to throw away (noise
 * before a start marker, an over-long frame) with the reason, so that nothing is lost silently.
 *
 * <p>Called synchronously on the thread that calls {@link Framer#feed}; each array is a fresh copy the receiver may
 * keep.
 */
public interface FrameSink {

    /** A complete frame, without the delimiter for line framers, with the markers for marker framers. */
    void frame(byte[] frame);

    /** {@code byteCount} bytes were dropped because they cannot belong to a frame; {@code reason} is for logs. */
    void discarded(int byteCount, String reason);

    /** A sink from two callbacks. */
    static FrameSink of(Consumer<byte[]> frames, BiConsumer<Integer, String> discards) {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(discards, "discards");
        return new FrameSink() {
            @Override
            public void frame(byte[] frame) {
                frames.accept(frame);
            }

            @Override
            public void discarded(int byteCount, String reason) {
                discards.accept(byteCount, reason);
            }
        };
    }
}
