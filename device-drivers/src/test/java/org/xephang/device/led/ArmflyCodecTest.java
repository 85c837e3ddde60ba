package org.xephang.device.led;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArmflyCodecTest {

    private final ArmflyCodec codec = new ArmflyCodec(8);

    @Test
    void encodesDollarThreeDigitAddressCommaTextHash() {
        assertThat(new String(codec.encode(1, LedFrame.number("1023")), StandardCharsets.US_ASCII))
                .isEqualTo("$001,1023#");
        assertThat(Hex.of(codec.encode(42, LedFrame.number("A7")))).isEqualTo("24 30 34 32 2C 41 37 23");
    }

    @Test
    void refusesTextWithTheProtocolsMarkers() {
        assertThatThrownBy(() -> codec.encode(1, LedFrame.text("1#2")))
                .hasMessage("'1#2' contains $, # or , which this protocol cannot send");
    }

    @Test
    void boardSideDecodesInEveryChunkSize() {
        byte[] stream = "$001,1023#\r\n$999,B0007#$12,bad#".getBytes(StandardCharsets.US_ASCII);
        for (int chunk = 1; chunk <= 2 * stream.length; chunk++) {
            BoardRecorder board = BoardRecorder.decode(codec, stream, chunk);
            assertThat(board.shown).as("chunks of %d", chunk).containsExactly("1=1023", "999=B0007");
            assertThat(board.rejected)
                    .as("chunks of %d", chunk)
                    .containsExactly("bytes outside a frame", "expected $AAA,TEXT#");
            assertThat(board.rejectedBytes).isEqualTo(10);
        }
    }
}
