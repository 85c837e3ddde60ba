package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frame every socket of a loop shares is byte for byte what Netty's own server-side encoder writes. */
class WebSocketTextFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 1000, 65535, 65536, 70000})
    void aSharedFrameHasTheBytesNettysServerEncoderWritesForEveryLengthForm(int length) {
        byte[] utf8 = payload(length);
        ByteBuf shared = WebSocketTextFrame.encode(utf8, UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(shared.isDirect())
                    .as("a direct buffer: NIO would copy a heap one per socket")
                    .isTrue();
            assertThat(ByteBufUtil.getBytes(shared)).isEqualTo(nettyEncoded(utf8));
        } finally {
            shared.release();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 200, 2000})
    void aClientDecodesTheSharedFrameToTheSameVietnameseText(int repeat) {
        String text = "{\"type\":\"ticket.called\",\"text\":\"" + "Mời số A001 đến quầy 3. ".repeat(repeat) + "\"}";
        ByteBuf shared =
                WebSocketTextFrame.encode(text.getBytes(StandardCharsets.UTF_8), UnpooledByteBufAllocator.DEFAULT);
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false)
                .maxFramePayloadLength(1 << 20)
                .build()));
        try {
            client.writeInbound(shared.retainedDuplicate());
            TextWebSocketFrame frame = client.readInbound();
            assertThat(frame.isFinalFragment()).isTrue();
            assertThat(frame.text()).isEqualTo(text);
            frame.release();
        } finally {
            shared.release();
            client.finishAndReleaseAll();
        }
    }

    private static byte[] nettyEncoded(byte[] utf8) {
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        try {
            server.writeOutbound(new TextWebSocketFrame(true, 0, Unpooled.wrappedBuffer(utf8)));
            ByteBuf all = Unpooled.buffer();
            ByteBuf part;
            while ((part = server.readOutbound()) != null) {
                all.writeBytes(part);
                part.release();
            }
            return ByteBufUtil.getBytes(all);
        } finally {
            server.finishAndReleaseAll();
        }
    }

    private static byte[] payload(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
