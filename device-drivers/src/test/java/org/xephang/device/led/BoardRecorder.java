package org.xephang.device.led;

import java.util.ArrayList;
import java.util.List;

/** Records what a {@link LedBoardDecoder} reports, as readable strings; rejections as distinct reasons and a count. */
final class BoardRecorder implements LedBoardDecoder.Sink {

    final List<String> shown = new ArrayList<>();
    final List<String> replies = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    int rejectedBytes;

    @Override
    public void shown(int address, String text) {
        shown.add(address + "=" + text);
    }

    @Override
    public void reply(byte[] bytes) {
        replies.add(Hex.of(bytes));
    }

    @Override
    public void rejected(int byteCount, String reason) {
        rejectedBytes += byteCount;
        if (!rejected.contains(reason)) {
            rejected.add(reason);
        }
    }

    /** Feeds {@code stream} to a fresh decoder of {@code codec} in chunks of {@code chunk} bytes. */
    static BoardRecorder decode(LedCodec codec, byte[] stream, int chunk) {
        BoardRecorder recorder = new BoardRecorder();
        LedBoardDecoder decoder = codec.boardDecoder(recorder);
        for (int offset = 0; offset < stream.length; offset += chunk) {
            decoder.feed(stream, offset, Math.min(chunk, stream.length - offset));
        }
        return recorder;
    }
}
