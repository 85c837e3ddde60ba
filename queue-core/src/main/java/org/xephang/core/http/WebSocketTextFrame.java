package org.xephang.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A complete server-to-client WebSocket text frame (RFC 6455 §5.2): FIN, opcode 1 (text), the payload length in its
 * shortest form, no mask (a server never masks), then the UTF-8 payload. Built once per event and fan-out, so every
 * socket of the loop writes the same bytes (a retained duplicate each) instead of Vert.x and Netty building and encoding
 * a frame per socket. The bytes are exactly what Netty's {@code WebSocket13FrameEncoder} writes for a
 * {@code TextWebSocketFrame} ({@code WebSocketTextFrameTest}).
 */
final class WebSocketTextFrame {

    private static final int FIN_TEXT = 0x81;
    private static final int LENGTH_16_BITS = 126;
    private static final int LENGTH_64_BITS = 127;

    private WebSocketTextFrame() {}

    /** A direct buffer (NIO writes a heap buffer through a copy per socket) holding the whole frame. */
    static ByteBuf encode(byte[] utf8, ByteBufAllocator allocator) {
        int length = utf8.length;
        int header = length < LENGTH_16_BITS ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf frame = allocator.directBuffer(header + length);
        frame.writeByte(FIN_TEXT);
        if (length < LENGTH_16_BITS) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(LENGTH_16_BITS);
            frame.writeShort(length);
        } else {
            frame.writeByte(LENGTH_64_BITS);
            frame.writeLong(length);
        }
        frame.writeBytes(utf8);
        return frame;
    }
}
