package org.xephang.device.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceState;

class EscPosStatusTest {

    @Test
    void realtimeRepliesAreDecodedPerQuery() {
        PrinterCondition c = PrinterCondition.GOOD;
        c = EscPosStatusDecoder.realtime(c, 1, 0x16);
        c = EscPosStatusDecoder.realtime(c, 2, 0x12);
        c = EscPosStatusDecoder.realtime(c, 4, 0x12);
        assertThat(c.state()).isEqualTo(DeviceState.ONLINE);

        assertThat(EscPosStatusDecoder.realtime(c, 4, 0x1E).state()).isEqualTo(DeviceState.PAPER_NEAR_END);
        assertThat(EscPosStatusDecoder.realtime(c, 4, 0x72).state()).isEqualTo(DeviceState.PAPER_OUT);
        assertThat(EscPosStatusDecoder.realtime(c, 2, 0x16).state()).isEqualTo(DeviceState.COVER_OPEN);
        assertThat(EscPosStatusDecoder.realtime(c, 2, 0x52).state()).isEqualTo(DeviceState.ERROR);
        PrinterCondition cutter = EscPosStatusDecoder.realtime(c, 3, 0x1A);
        assertThat(cutter.state()).isEqualTo(DeviceState.ERROR);
        assertThat(cutter.description()).isEqualTo("Dao cắt giấy bị kẹt");
    }

    @Test
    void coverOpenWinsOverPaperOut() {
        PrinterCondition both = new PrinterCondition(true, true, true, false, false, false, false, false);
        assertThat(both.state()).isEqualTo(DeviceState.COVER_OPEN);
        assertThat(both.detail()).isEqualTo("off line, cover open, paper out");
    }

    @Test
    void automaticStatusBackIsDecoded() {
        assertThat(EscPosStatusDecoder.asb(new byte[] {0x10, 0, 0, 0}).state()).isEqualTo(DeviceState.ONLINE);
        assertThat(EscPosStatusDecoder.asb(new byte[] {0x18, 0, 0x0C, 0}).state())
                .isEqualTo(DeviceState.PAPER_OUT);
        assertThat(EscPosStatusDecoder.asb(new byte[] {0x38, 0, 0, 0}).state()).isEqualTo(DeviceState.COVER_OPEN);
        assertThat(EscPosStatusDecoder.asb(new byte[] {0x10, 0, 0x03, 0}).state())
                .isEqualTo(DeviceState.PAPER_NEAR_END);
    }

    /** Replies, XON/XOFF and noise as the reader would see them, in every chunk size. */
    @Test
    void parserSeparatesFlowControlStatusAndNoiseInEveryChunkSize() {
        byte[] stream = {
            0x13, // XOFF
            0x18,
            0x11,
            0x00,
            0x0C,
            0x00, // ASB (paper out) with an XON in the middle
            0x12, // real-time reply
            (byte) 0xFF, // noise
            0x7F, // noise
            0x0C, // GS r reply (expected)
            0x1E, // real-time reply (near end)
        };
        for (int chunk = 1; chunk <= stream.length * 2; chunk++) {
            List<String> events = new ArrayList<>();
            EscPosReplyParser parser = new EscPosReplyParser(new Recorder(events));
            parser.expectSequenced(true);
            for (int off = 0; off < stream.length; off += chunk) {
                int n = Math.min(chunk, stream.length - off);
                byte[] part = new byte[n];
                System.arraycopy(stream, off, part, 0, n);
                parser.feed(part, n);
            }
            assertThat(events)
                    .as("chunk size %d", chunk)
                    .containsExactly(
                            "xoff",
                            "xon",
                            "asb 18000c00",
                            "realtime 12",
                            "unsolicited ff",
                            "unsolicited 7f",
                            "sequenced 0c",
                            "realtime 1e");
        }
    }

    @Test
    void plainStatusBytesAreUnsolicitedWhenNoGsRReplyIsExpected() {
        List<String> events = new ArrayList<>();
        EscPosReplyParser parser = new EscPosReplyParser(new Recorder(events));
        parser.feed(new byte[] {0x0C, 0x12}, 2);
        assertThat(events).containsExactly("unsolicited 0c", "realtime 12");
    }

    private record Recorder(List<String> events) implements EscPosReplyParser.Listener {
        @Override
        public void xon() {
            events.add("xon");
        }

        @Override
        public void xoff() {
            events.add("xoff");
        }

        @Override
        public void realtime(int b) {
            events.add(String.format("realtime %02x", b));
        }

        @Override
        public void sequenced(int b) {
            events.add(String.format("sequenced %02x", b));
        }

        @Override
        public void asb(byte[] block) {
            events.add(String.format("asb %02x%02x%02x%02x", block[0], block[1], block[2], block[3]));
        }

        @Override
        public void unsolicited(int b) {
            events.add(String.format("unsolicited %02x", b));
        }
    }
}
