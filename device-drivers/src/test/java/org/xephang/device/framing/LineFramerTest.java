package org.xephang.device.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xephang.device.framing.RecordingSink.bytes;
import static org.xephang.device.framing.RecordingSink.feedInChunks;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LineFramerTest {

    private static void assertEveryChunkSize(LineEnding ending, String stream, List<String> expected) {
        byte[] bytes = bytes(stream);
        for (int chunk = 1; chunk <= 2 * bytes.length; chunk++) {
            RecordingSink sink = new RecordingSink();
            feedInChunks(new LineFramer(ending, 64, sink), bytes, chunk);
            assertThat(sink.frames).as("%s in chunks of %d", ending, chunk).isEqualTo(expected);
            assertThat(sink.discards).as("%s in chunks of %d", ending, chunk).isEmpty();
        }
    }

    @Test
    void crFramerSplitsOnCarriageReturnInEveryChunkSize() {
        assertEveryChunkSize(
                LineEnding.CR,
                "H21.65-231122-0001\rhttps://x/t/abc\r",
                List.of("H21.65-231122-0001", "https://x/t/abc"));
    }

    @Test
    void lfFramerSplitsOnLineFeedInEveryChunkSize() {
        assertEveryChunkSize(LineEnding.LF, "K1\nK2\nK3\n", List.of("K1", "K2", "K3"));
    }

    @Test
    void crlfFramerKeepsLoneCarriageReturnsAndLineFeedsInsideTheLine() {
        assertEveryChunkSize(LineEnding.CRLF, "a\rb\r\nc\nd\r\n\r\n", List.of("a\rb", "c\nd"));
    }

    @Test
    void anyFramerTreatsCrLfAsOneLineEndEvenWhenSplitAcrossChunks() {
        assertEveryChunkSize(LineEnding.ANY, "one\r\ntwo\rthree\nfour\r\n", List.of("one", "two", "three", "four"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void emptyLinesAreSkipped(LineEnding ending) {
        String end = new String(ending.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEveryChunkSize(ending, end + end + "x" + end + end, List.of("x"));
    }

    @Test
    void overLongLineIsDiscardedWholeAndTheNextLineStillArrives() {
        byte[] stream = bytes("0123456789ABCDEF\rok\r");
        for (int chunk = 1; chunk <= 2 * stream.length; chunk++) {
            RecordingSink sink = new RecordingSink();
            feedInChunks(new LineFramer(LineEnding.CR, 8, sink), stream, chunk);
            assertThat(sink.frames).as("chunks of %d", chunk).containsExactly("ok");
            assertThat(sink.discardedBytes).isEqualTo(16);
            assertThat(sink.discards).singleElement().asString().contains("exceeds the maximum of 8");
        }
    }

    @Test
    void resetReportsThePartialLineAndStartsClean() {
        RecordingSink sink = new RecordingSink();
        LineFramer framer = new LineFramer(LineEnding.CRLF, 64, sink);
        framer.feed(bytes("half\r"));
        framer.reset();
        framer.feed(bytes("whole\r\n"));
        assertThat(sink.frames).containsExactly("whole");
        assertThat(sink.discardedBytes).isEqualTo(5);
    }

    @Test
    void parsesSuffixNamesCaseInsensitivelyAndNamesTheAllowedValues() {
        assertThat(LineEnding.parse("crlf")).isEqualTo(LineEnding.CRLF);
        assertThatThrownBy(() -> LineEnding.parse("TAB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("suffix must be one of CR, LF, CRLF, ANY, not 'TAB'");
    }
}
