package org.xephang.device.framing;

import java.util.Objects;

/**
 * Frames between a start marker byte and an end marker byte (for example {@code $…#} or {@code STX…ETX}), markers
 * included in the delivered frame. Bytes outside a frame are discarded; a start marker inside a frame abandons the
 * partial frame and begins a new one (the sender restarted); a frame longer than {@code maxLength} is discarded.
 * Suitable when the payload cannot contain the marker bytes (printable text between control or punctuation
 * markers).
 *
 * <p>Not thread-safe (see {@link Framer}).
 */
public final class MarkerFramer implements Framer {

    private final byte start;
    private final byte end;
    private final int maxLength;
    private final FrameSink sink;
    private final GrowableBytes frame = new GrowableBytes();
    private int noise;

    public MarkerFramer(int startByte, int endByte, int maxLength, FrameSink sink) {
        if (startByte < 0 || startByte > 255 || endByte < 0 || endByte > 255 || startByte == endByte) {
            throw new IllegalArgumentException(
                    "start and end markers must be two different bytes 0..255, not " + startByte + ", " + endByte);
        }
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2, not " + maxLength);
        }
        this.start = (byte) startByte;
        this.end = (byte) endByte;
        this.maxLength = maxLength;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void feed(byte[] bytes, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        for (int i = offset; i < offset + count; i++) {
            accept(bytes[i]);
        }
        reportNoise();
    }

    private void accept(byte b) {
        if (b == start) {
            reportNoise();
            if (!frame.isEmpty()) {
                sink.discarded(frame.take().length, "frame restarted before its end marker");
            }
            frame.add(b);
            return;
        }
        if (frame.isEmpty()) {
            noise++;
            return;
        }
        frame.add(b);
        if (b == end) {
            sink.frame(frame.take());
        } else if (frame.size() >= maxLength) {
            sink.discarded(frame.take().length, "frame longer than " + maxLength + " bytes");
        }
    }

    private void reportNoise() {
        if (noise > 0) {
            sink.discarded(noise, "bytes outside a frame");
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
