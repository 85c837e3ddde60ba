package org.xephang.device.led;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.xephang.device.led.ModbusLedCodec.Framing;
import org.xephang.device.led.ModbusLedCodec.Mode;
import org.xephang.device.led.ModbusLedCodec.Options;

class ModbusLedCodecTest {

    private final ModbusLedCodec rtu = new ModbusLedCodec(Options.defaults(Framing.RTU));

    @Test
    void digitsGoToTheValueRegisterWithFunction06() {
        // unit 1 | FC06 | register 0x0000 | 1023 = 0x03FF | CRC C9 7A
        assertThat(Hex.of(rtu.encode(1, LedFrame.number("1023")))).isEqualTo("01 06 00 00 03 FF C9 7A");
    }

    @Test
    void aNumberWithItsLetterGoesToTheSegmentRegistersWithFunction16() {
        // unit 1 | FC16 | from 0x0080 | 5 registers | 10 bytes | A 1 0 2 3 as segments | CRC 81 68
        assertThat(Hex.of(rtu.encode(1, LedFrame.number("A1023"))))
                .isEqualTo("01 10 00 80 00 05 0A 00 77 00 06 00 3F 00 5B 00 4F 81 68");
    }

    @Test
    void blankFrameClearsEverySegment() {
        assertThat(Hex.of(rtu.encode(1, LedFrame.blank())))
                .isEqualTo("01 10 00 80 00 05 0A 00 00 00 00 00 00 00 00 00 00 80 B8");
    }

    @Test
    void valueModeDropsTheLetterPrefix() {
        ModbusLedCodec value = new ModbusLedCodec(Options.defaults(Framing.RTU).withMode(Mode.VALUE));
        assertThat(Hex.of(value.encode(1, LedFrame.number("A1023")))).isEqualTo("01 06 00 00 03 FF C9 7A");
        assertThatThrownBy(() -> value.encode(1, LedFrame.text("12AB"))).hasMessageContaining("not a number");
    }

    @Test
    void refusesLettersWithoutASevenSegmentGlyphAndTooManyDigits() {
        assertThatThrownBy(() -> rtu.encode(1, LedFrame.number("M12")))
                .hasMessageStartingWith("a 7-segment display cannot show 'M'");
        assertThatThrownBy(() -> rtu.encode(1, LedFrame.number("A12345"))).hasMessageContaining("5 digits");
        assertThatThrownBy(() -> rtu.encode(0, LedFrame.number("1")))
                .hasMessage("Modbus unit id must be 1..247, not 0");
    }

    @Test
    void tcpFramingHasAnMbapHeaderWithIncreasingTransactionIdsAndNoCrc() {
        ModbusLedCodec tcp = new ModbusLedCodec(Options.defaults(Framing.TCP));
        // transaction 1 | protocol 0 | length 6 | unit 1 | FC06 0000 03FF
        assertThat(Hex.of(tcp.encode(1, LedFrame.number("1023")))).isEqualTo("00 01 00 00 00 06 01 06 00 00 03 FF");
        assertThat(Hex.of(tcp.encode(9, LedFrame.number("7")))).isEqualTo("00 02 00 00 00 06 09 06 00 00 00 07");
    }

    @Test
    void boardSideDecodesRtuRequestsInEveryChunkSizeAndAnswersAsABoard() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(rtu.encode(1, LedFrame.number("1023")));
        stream.writeBytes(new byte[] {0x55}); // line noise
        stream.writeBytes(rtu.encode(2, LedFrame.number("A1023")));
        byte[] bytes = stream.toByteArray();
        for (int chunk = 1; chunk <= 2 * bytes.length; chunk++) {
            BoardRecorder board = BoardRecorder.decode(rtu, bytes, chunk);
            assertThat(board.shown).as("chunks of %d", chunk).containsExactly("1=1023", "2=A1023");
            assertThat(board.replies)
                    .as("chunks of %d", chunk)
                    .containsExactly("01 06 00 00 03 FF C9 7A", "02 10 00 80 00 05 01 D1");
            assertThat(board.rejectedBytes).as("chunks of %d", chunk).isEqualTo(1);
        }
    }

    @Test
    void theDriverAcceptsTheBoardsAcknowledgementsAndReportsExceptionsInWords() throws Exception {
        byte[] request = rtu.encode(2, LedFrame.number("A1023"));
        byte[] ack = Hex.bytes("02 10 00 80 00 05 01 D1");
        assertThat(rtu.replyLength(request, new byte[] {2})).isEqualTo(-1);
        assertThat(rtu.replyLength(request, ack)).isEqualTo(8);
        rtu.checkReply(request, ack);

        byte[] exception = new byte[] {2, (byte) 0x90, 2, 0, 0};
        ModbusLedCodec.appendCrc(exception);
        assertThat(rtu.replyLength(request, exception)).isEqualTo(5);
        assertThatThrownBy(() -> rtu.checkReply(request, exception))
                .isInstanceOf(LedReplyException.class)
                .hasMessage("board refused the write: Modbus exception 2 (illegal data address)");

        byte[] badCrc = ack.clone();
        badCrc[7] ^= 1;
        assertThatThrownBy(() -> rtu.checkReply(request, badCrc)).hasMessageStartingWith("reply has a bad CRC");
    }

    @Test
    void boardSideDecodesTcpRequestsAndEchoesTheTransactionId() throws Exception {
        ModbusLedCodec tcp = new ModbusLedCodec(Options.defaults(Framing.TCP));
        byte[] first = tcp.encode(1, LedFrame.number("1023"));
        byte[] second = tcp.encode(3, LedFrame.number("B7"));
        byte[] bytes = new byte[first.length + second.length];
        System.arraycopy(first, 0, bytes, 0, first.length);
        System.arraycopy(second, 0, bytes, first.length, second.length);
        for (int chunk = 1; chunk <= 2 * bytes.length; chunk++) {
            BoardRecorder board = BoardRecorder.decode(tcp, bytes, chunk);
            assertThat(board.shown).as("chunks of %d", chunk).containsExactly("1=1023", "3=B7");
            assertThat(board.replies.get(0)).isEqualTo("00 01 00 00 00 06 01 06 00 00 03 FF");
            assertThat(board.replies.get(1)).isEqualTo("00 02 00 00 00 06 03 10 00 80 00 05");
            tcp.checkReply(second, Hex.bytes(board.replies.get(1)));
        }
    }
}
