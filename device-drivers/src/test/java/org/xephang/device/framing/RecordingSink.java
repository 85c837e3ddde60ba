package org.xephang.device.framing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Collects frames (as ISO-8859-1 strings, so every byte survives) and discards. */
final class RecordingSink implements FrameSink {

    final List<String> frames = new ArrayList<>();
    final List<String> discards = new ArrayList<>();
    int discardedBytes;

    @Override
    public void frame(byte[] frame) {
        frames.add(new String(frame, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void discarded(int byteCount, String reason) {
        discardedBytes += byteCount;
        discards.add(reason);
    }

    /** Feeds {@code stream} to a new framer in chunks of {@code chunkSize} bytes. */
    static void feedInChunks(Framer framer, byte[] stream, int chunkSize) {
        for (int offset = 0; offset < stream.length; offset += chunkSize) {
            framer.feed(stream, offset, Math.min(chunkSize, stream.length - offset));
        }
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }
}
