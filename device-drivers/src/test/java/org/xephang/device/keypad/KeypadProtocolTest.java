package org.xephang.device.keypad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.device.framing.FrameSink;
import org.xephang.device.framing.Framer;
import org.xephang.device.framing.LineEnding;

class KeypadProtocolTest {

    private final List<String> buttons = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    private void decodeInEveryChunkSize(KeypadProtocol protocol, byte[] stream, List<String> expected) {
        for (int chunk = 1; chunk <= 2 * stream.length; chunk++) {
            buttons.clear();
            rejected.clear();
            Framer framer = protocol.decoder(buttons::add, FrameSink.of(b -> {}, (n, why) -> rejected.add(why)));
            for (int offset = 0; offset < stream.length; offset += chunk) {
                framer.feed(stream, offset, Math.min(chunk, stream.length - offset));
            }
            assertThat(buttons).as("%s in chunks of %d", protocol, chunk).isEqualTo(expected);
        }
    }

    @Test
    void lineProtocolGoldenBytes() {
        assertThat(KeypadProtocol.line(LineEnding.CR, "").encode("3")).containsExactly('3', '\r');
        assertThat(KeypadProtocol.line(LineEnding.CRLF, "K").encode("12")).containsExactly('K', '1', '2', '\r', '\n');
    }

    @Test
    void lineProtocolDecodesPressesInEveryChunkSizeAndRejectsOtherLines() {
        KeypadProtocol protocol = KeypadProtocol.line(LineEnding.ANY, "K");
        byte[] stream = "K1\r\nK3\rX9\nK\nK2\n".getBytes(StandardCharsets.US_ASCII);
        decodeInEveryChunkSize(protocol, stream, List.of("1", "3", "2"));
        assertThat(rejected)
                .containsExactly("line does not have the form K<button>", "line does not have the form K<button>");
    }

    @Test
    void frameProtocolGoldenBytes() {
        // 02 | address 0x11 | '3' | 0x11 ^ 0x33 = 0x22 | 03
        assertThat(HexFormat.of()
                        .formatHex(KeypadProtocol.frame(0x11, 0x02, 0x03).encode("3")))
                .isEqualTo("0211332203");
        // 02 | address 1 | '5' | 0x01 ^ 0x35 = 0x34 | 03
        assertThat(HexFormat.of().formatHex(KeypadProtocol.frame(1, 0x02, 0x03).encode("5")))
                .isEqualTo("0201353403");
    }

    @Test
    void frameProtocolDecodesItsOwnAddressInEveryChunkSizeAndRejectsTheRest() {
        KeypadProtocol mine = KeypadProtocol.frame(7, 0x02, 0x03);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(mine.encode("1"));
        stream.writeBytes(new byte[] {(byte) 0xFF, 0x00}); // noise
        stream.writeBytes(KeypadProtocol.frame(8, 0x02, 0x03).encode("2")); // another keypad on the bus
        byte[] bad = mine.encode("3");
        bad[3] ^= 1; // damaged check byte
        stream.writeBytes(bad);
        stream.writeBytes(new byte[] {0x02, 7, 4, 7 ^ 4, 0x03}); // binary button number 4
        decodeInEveryChunkSize(mine, stream.toByteArray(), List.of("1", "4"));
        assertThat(rejected)
                .containsExactly(
                        "bytes before the start byte", "frame for keypad 8, not 7", "frame check byte is wrong");
    }

    @Test
    void buttonsThatCannotBeFramedAreRefused() {
        assertThatThrownBy(() -> KeypadProtocol.frame(1, 2, 3).encode("OK"))
                .hasMessage("button 'OK' cannot be sent in a keypad frame");
    }
}
