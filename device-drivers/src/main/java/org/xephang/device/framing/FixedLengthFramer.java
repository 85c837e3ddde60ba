package org.xephang.device.framing;

import java.util.Objects;

/**
 * Frames of a fixed length, optionally synchronised on a start byte: with a start byte, bytes before it are
 * discarded (reported to the sink) and every frame begins with it, so a lost or extra byte costs at most one frame.
 * Without one, the stream must be aligned (call {@link #reset()} after reconnecting).
 *
 * <p>Not thread-safe (see {@link Framer}).
 */
public final class FixedLengthFramer implements Framer {

    private static final int NO_START = -1;

    private final int length;
    private final int start;
    private final FrameSink sink;
    private final GrowableBytes frame = new GrowableBytes();
    private int noise;

    /** Frames of {@code length} bytes with no start byte. */
    public FixedLengthFramer(int length, FrameSink sink) {
        this(length, NO_START, sink);
    }

    /** Frames of {@code length} bytes, each beginning with {@code startByte} (0–255). */
    public static FixedLengthFramer withStartByte(int length, int startByte, FrameSink sink) {
        if (startByte < 0 || startByte > 255) {
            throw new IllegalArgumentException("startByte must be 0..255, not " + startByte);
        }
        return new FixedLengthFramer(length, startByte, sink);
    }

    private FixedLengthFramer(int length, int start, FrameSink sink) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1, not " + length);
        }
        this.length = length;
        this.start = start;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void feed(byte[] bytes, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (frame.isEmpty() && start != NO_START && (b & 0xFF) != start) {
                noise++;
                continue;
            }
            reportNoise();
            frame.add(b);
            if (frame.size() == length) {
                sink.frame(frame.take());
            }
        }
        reportNoise();
    }

    private void reportNoise() {
        if (noise > 0) {
            sink.discarded(noise, "bytes before the start byte");
            noise = 0;
        }
    }

    @Override
    public void reset() {
        reportNoise();
        if (!frame.isEmpty()) {
            sink.discarded(frame.take().length, "partial frame dropped on reset");
        }
    }
}
