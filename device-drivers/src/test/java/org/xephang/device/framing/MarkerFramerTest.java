package org.xephang.device.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.device.framing.RecordingSink.bytes;
import static org.xephang.device.framing.RecordingSink.feedInChunks;

import org.junit.jupiter.api.Test;

class MarkerFramerTest {

    @Test
    void deliversFramesWithTheirMarkersInEveryChunkSize() {
        byte[] stream = bytes("$001,1023#$002,A12#");
        for (int chunk = 1; chunk <= 2 * stream.length; chunk++) {
            RecordingSink sink = new RecordingSink();
            feedInChunks(new MarkerFramer('$', '#', 64, sink), stream, chunk);
            assertThat(sink.frames).as("chunks of %d", chunk).containsExactly("$001,1023#", "$002,A12#");
            assertThat(sink.discards).isEmpty();
        }
    }

    @Test
    void noiseBetweenFramesIsDiscardedAndReportedInEveryChunkSize() {
        byte[] stream = bytes("\r\nok$1,2#junk$3,4#");
        for (int chunk = 1; chunk <= 2 * stream.length; chunk++) {
            RecordingSink sink = new RecordingSink();
            feedInChunks(new MarkerFramer('$', '#', 64, sink), stream, chunk);
            assertThat(sink.frames).as("chunks of %d", chunk).containsExactly("$1,2#", "$3,4#");
            assertThat(sink.discardedBytes).as("chunks of %d", chunk).isEqualTo(8);
        }
    }

    @Test
    void aStartMarkerInsideAFrameRestartsIt() {
        RecordingSink sink = new RecordingSink();
        new MarkerFramer(0x02, 0x03, 64, sink).feed(bytes("\u0002ab\u0002cd\u0003"));
        assertThat(sink.frames).containsExactly("\u0002cd\u0003");
        assertThat(sink.discards).containsExactly("frame restarted before its end marker");
    }

    @Test
    void anOverLongFrameIsDiscarded() {
        RecordingSink sink = new RecordingSink();
        new MarkerFramer('$', '#', 6, sink).feed(bytes("$123456789#$1#"));
        assertThat(sink.frames).containsExactly("$1#");
        assertThat(sink.discardedBytes).isEqualTo(11);
    }
}
