package org.xephang.device.framing;

import java.util.Objects;

/**
 * Frames lines ended by CR, LF or CRLF ({@link LineEnding}). The delivered frame excludes the line ending; empty
 * lines are skipped. A line longer than {@code maxLength} bytes is discarded whole (up to its line ending), so its
 * tail is never mistaken for a line of its own.
 *
 * <p>With {@link LineEnding#CRLF} a lone CR or LF is part of the line; with {@link LineEnding#ANY} a CR followed by
 * LF ends one line even when the two bytes arrive in different chunks.
 *
 * <p>Not thread-safe (see {@link Framer}).
 */
public final class LineFramer implements Framer {

    private final LineEnding ending;
    private final int maxLength;
    private final FrameSink sink;
    private final GrowableBytes line = new GrowableBytes();
    private boolean pendingCr;
    private boolean overflowing;
    private int overflowCount;

    public LineFramer(LineEnding ending, int maxLength, FrameSink sink) {
        this.ending = Objects.requireNonNull(ending, "ending");
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, not " + maxLength);
        }
        this.maxLength = maxLength;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        for (int i = offset; i < offset + length; i++) {
            accept(bytes[i]);
        }
    }

    private void accept(byte b) {
        switch (ending) {
            case CR -> {
                if (b == '\r') {
                    endLine();
                } else {
                    append(b);
                }
            }
            case LF -> {
                if (b == '\n') {
                    endLine();
                } else {
                    append(b);
                }
            }
            case CRLF -> {
                if (pendingCr) {
                    pendingCr = false;
                    if (b == '\n') {
                        endLine();
                        return;
                    }
                    append((byte) '\r');
                }
                if (b == '\r') {
                    pendingCr = true;
                } else {
                    append(b);
                }
            }
            case ANY -> {
                boolean lfAfterCr = pendingCr && b == '\n';
                pendingCr = b == '\r';
                if (b == '\r' || b == '\n') {
                    if (!lfAfterCr) {
                        endLine();
                    }
                } else {
                    append(b);
                }
            }
        }
    }

    private void append(byte b) {
        if (overflowing) {
            overflowCount++;
            return;
        }
        line.add(b);
        if (line.size() > maxLength) {
            overflowCount = line.size();
            line.clear();
            overflowing = true;
        }
    }

    private void endLine() {
        if (overflowing) {
            sink.discarded(overflowCount, "line of " + overflowCount + " bytes exceeds the maximum of " + maxLength);
            overflowing = false;
            overflowCount = 0;
            return;
        }
        if (!line.isEmpty()) {
            sink.frame(line.take());
        }
    }

    @Override
    public void reset() {
        if (pendingCr && ending == LineEnding.CRLF) {
            line.add((byte) '\r');
        }
        pendingCr = false;
        if (!line.isEmpty()) {
            sink.discarded(line.take().length, "partial line dropped on reset");
        }
        if (overflowing) {
            sink.discarded(overflowCount, "over-long line of " + overflowCount + " bytes dropped on reset");
        }
        overflowing = false;
        overflowCount = 0;
    }
}
