package org.xephang.device.led;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.xephang.device.led.AsciiFrameCodec.Checksum;
import org.xephang.device.led.AsciiFrameCodec.Options;

class AsciiFrameCodecTest {

    private final AsciiFrameCodec qsystem = new AsciiFrameCodec(Options.defaults());

    @Test
    void defaultFrameIsStartAddressByteTextBell() {
        // 01 | address 3 | "A1023" | 07
        assertThat(Hex.of(qsystem.encode(3, LedFrame.number("A1023")))).isEqualTo("01 03 41 31 30 32 33 07");
    }

    @Test
    void blankFrameClearsTheDisplay() {
        assertThat(Hex.of(qsystem.encode(12, LedFrame.blank()))).isEqualTo("01 0C 07");
    }

    @Test
    void decimalAddressAndXorChecksumVariant() {
        AsciiFrameCodec codec = new AsciiFrameCodec(
                Options.defaults().withMarkers(0x02, 0x03).withDecimalAddress(2).withChecksum(Checksum.XOR));
        // 02 | "05" | "B12" | XOR('0','5','B','1','2') = 0x30^0x35^0x42^0x31^0x32 = 0x44 -> "44" | 03
        assertThat(Hex.of(codec.encode(5, LedFrame.number("B12")))).isEqualTo("02 30 35 42 31 32 34 34 03");
    }

    @Test
    void sumChecksumIsModulo256() {
        AsciiFrameCodec codec = new AsciiFrameCodec(Options.defaults().withChecksum(Checksum.SUM));
        // 01 | FF | "zz" | (0xFF + 0x7A + 0x7A) & 0xFF = 0xF3 -> "F3" | 07
        assertThat(Hex.of(codec.encode(255, LedFrame.text("zz")))).isEqualTo("01 FF 7A 7A 46 33 07");
    }

    @Test
    void refusesAddressesAndTextTheBoardCannotTake() {
        assertThatThrownBy(() -> qsystem.encode(256, LedFrame.number("1")))
                .hasMessage("LED address must be 0..255 for this board, not 256");
        assertThatThrownBy(() -> qsystem.encode(1, LedFrame.text("0123456789ABCDEFG")))
                .hasMessage("'0123456789ABCDEFG' is longer than the display's 16 characters");
    }

    @Test
    void boardSideDecodesWhatTheDriverSendsInEveryChunkSizeForEveryVariant() {
        for (Options options : new Options[] {
            Options.defaults(),
            Options.defaults().withChecksum(Checksum.SUM),
            Options.defaults().withMarkers(0x02, 0x03).withDecimalAddress(3).withChecksum(Checksum.XOR)
        }) {
            AsciiFrameCodec codec = new AsciiFrameCodec(options);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes(codec.encode(1, LedFrame.number("A1023"))); // address 1 = the default start byte
            stream.writeBytes(new byte[] {'x', 'y'}); // line noise
            stream.writeBytes(codec.encode(7, LedFrame.text("Quầy 7"))); // address 7 = the default end byte
            stream.writeBytes(codec.encode(200, LedFrame.blank()));
            byte[] bytes = stream.toByteArray();
            for (int chunk = 1; chunk <= 2 * bytes.length; chunk++) {
                BoardRecorder board = BoardRecorder.decode(codec, bytes, chunk);
                assertThat(board.shown)
                        .as("%s, chunks of %d", options, chunk)
                        .containsExactly("1=A1023", "7=Quay 7", "200=");
                assertThat(board.rejected)
                        .as("%s, chunks of %d", options, chunk)
                        .containsExactly("bytes outside a frame");
                assertThat(board.rejectedBytes).isEqualTo(2);
            }
        }
    }

    @Test
    void boardSideRejectsAFrameWithABadChecksum() {
        AsciiFrameCodec codec = new AsciiFrameCodec(Options.defaults().withChecksum(Checksum.XOR));
        byte[] frame = codec.encode(2, LedFrame.number("A1"));
        frame[3] = 'B';
        BoardRecorder board = BoardRecorder.decode(codec, frame, frame.length);
        assertThat(board.shown).isEmpty();
        assertThat(board.rejected).containsExactly("checksum mismatch");
    }
}
