package org.xephang.device.led;

import java.util.Map;

/**
 * The wire protocol of one family of LED boards: turns "show this at that address" into bytes, checks the board's
 * answer if the protocol has one, and (for simulators and tests) decodes the same bytes on the board's side.
 *
 * <p>Implementations: {@link AsciiFrameCodec} ({@code 0x01, address, text, 0x07} and variants),
 * {@link ArmflyCodec} ({@code $001,1023#}), {@link ModbusLedCodec} (RTU or TCP, FC06 value / FC16 segments).
 *
 * <p>Pure functions of bytes. Encoding is thread-safe unless an implementation says otherwise; a decoder from
 * {@link #boardDecoder} belongs to one reading thread.
 */
public interface LedCodec {

    /** A short name for logs and URIs, e.g. {@code ascii}, {@code armfly}, {@code modbus}. */
    String name();

    /**
     * The bytes that make the board at {@code address} show {@code frame}.
     *
     * @throws IllegalArgumentException when the address is out of the protocol's range or the board cannot show the
     *     frame (too long for the display, a letter a 7-segment display has no glyph for); the message says which
     */
    byte[] encode(int address, LedFrame frame);

    /**
     * How many bytes the board's reply to {@code request} has, given its first {@code received.length} bytes; 0 when
     * boards of this protocol never answer; -1 when more bytes are needed to tell.
     */
    default int replyLength(byte[] request, byte[] received) {
        return 0;
    }

    /**
     * Checks the board's complete reply to {@code request}.
     *
     * @throws LedReplyException saying what was wrong (bad checksum, an exception code from the board)
     */
    default void checkReply(byte[] request, byte[] reply) throws LedReplyException {}

    /**
     * The settings this codec was made with, by URI parameter name (e.g. {@code width=16}, {@code checksum=none}):
     * displays sharing a bus must agree on them, and a conflict is reported with these names.
     */
    Map<String, String> settings();

    /** A decoder for the board's side of the line (simulators, tests). */
    LedBoardDecoder boardDecoder(LedBoardDecoder.Sink sink);
}
