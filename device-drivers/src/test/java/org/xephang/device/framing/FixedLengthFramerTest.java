package org.xephang.device.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.device.framing.RecordingSink.bytes;
import static org.xephang.device.framing.RecordingSink.feedInChunks;

import org.junit.jupiter.api.Test;

class FixedLengthFramerTest {

    @Test
    void deliversFramesOfTheFixedLengthInEveryChunkSize() {
        byte[] stream = bytes("ABCDEFGHIJKL");
        for (int chunk = 1; chunk <= 2 * stream.length; chunk++) {
            RecordingSink sink = new RecordingSink();
            feedInChunks(new FixedLengthFramer(4, sink), stream, chunk);
            assertThat(sink.frames).as("chunks of %d", chunk).containsExactly("ABCD", "EFGH", "IJKL");
        }
    }

    @Test
    void startByteResynchronisesAfterNoiseInEveryChunkSize() {
        byte[] stream = bytes("xx\u0002abc\u0003\u0002def\u0003zz\u0002ghi\u0003");
        for (int chunk = 1; chunk <= 2 * stream.length; chunk++) {
            RecordingSink sink = new RecordingSink();
            feedInChunks(FixedLengthFramer.withStartByte(5, 0x02, sink), stream, chunk);
            assertThat(sink.frames)
                    .as("chunks of %d", chunk)
                    .containsExactly("\u0002abc\u0003", "\u0002def\u0003", "\u0002ghi\u0003");
            assertThat(sink.discardedBytes).as("chunks of %d", chunk).isEqualTo(4);
        }
    }

    @Test
    void aLostByteCostsOneFrameWhenSynchronisedOnTheStartByte() {
        RecordingSink sink = new RecordingSink();
        FixedLengthFramer framer = FixedLengthFramer.withStartByte(4, 0x02, sink);
        framer.feed(bytes("\u0002ab\u0002cd\u0003\u0002ef\u0003"));
        // "\u0002ab" lost its end: the framer takes "\u0002ab\u0002" (rejected later by the decoder), skips "cd\u0003".
        assertThat(sink.frames).containsExactly("\u0002ab\u0002", "\u0002ef\u0003");
        assertThat(sink.discardedBytes).isEqualTo(3);
    }

    @Test
    void resetDropsThePartialFrame() {
        RecordingSink sink = new RecordingSink();
        FixedLengthFramer framer = new FixedLengthFramer(3, sink);
        framer.feed(bytes("ab"));
        framer.reset();
        framer.feed(bytes("cde"));
        assertThat(sink.frames).containsExactly("cde");
        assertThat(sink.discardedBytes).isEqualTo(2);
    }
}
