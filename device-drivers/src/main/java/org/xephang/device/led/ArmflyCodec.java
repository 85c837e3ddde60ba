package org.xephang.device.led;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.xephang.device.framing.FrameSink;
import org.xephang.device.framing.MarkerFramer;

/**
 * Armfly-style ASCII boards: {@code $AAA,TEXT#}, e.g. {@code $001,1023#} shows 1023 on the board at address 1.
 * The address is three decimal digits (0–999); the text may not contain {@code $}, {@code #} or {@code ,}. The
 * boards do not answer.
 *
 * <p>Immutable; thread-safe.
 */
public final class ArmflyCodec implements LedCodec {

    private final int width;

    /** @param width the display's width in characters (1–64); longer text is refused */
    public ArmflyCodec(int width) {
        if (width < 1 || width > LedFrame.MAX_LENGTH) {
            throw new IllegalArgumentException("width must be 1.." + LedFrame.MAX_LENGTH + ", not " + width);
        }
        this.width = width;
    }

    @Override
    public String name() {
        return "armfly";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("width", Integer.toString(width));
    }

    @Override
    public byte[] encode(int address, LedFrame frame) {
        if (address < 0 || address > 999) {
            throw new IllegalArgumentException("LED address must be 0..999 for this board, not " + address);
        }
        String text = frame.text();
        if (text.length() > width) {
            throw new IllegalArgumentException("'" + text + "' is longer than the display's " + width + " characters");
        }
        if (text.indexOf('$') >= 0 || text.indexOf('#') >= 0 || text.indexOf(',') >= 0) {
            throw new IllegalArgumentException("'" + text + "' contains $, # or , which this protocol cannot send");
        }
        return String.format(Locale.ROOT, "$%03d,%s#", address, text).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public LedBoardDecoder boardDecoder(LedBoardDecoder.Sink sink) {
        MarkerFramer framer = new MarkerFramer(
                '$', '#', 7 + LedFrame.MAX_LENGTH, FrameSink.of(frame -> decode(frame, sink), sink::rejected));
        return new LedBoardDecoder() {
            @Override
            public void feed(byte[] bytes, int offset, int length) {
                framer.feed(bytes, offset, length);
            }

            @Override
            public void reset() {
                framer.reset();
            }
        };
    }

    private static void decode(byte[] frame, LedBoardDecoder.Sink sink) {
        String body = new String(frame, 1, frame.length - 2, StandardCharsets.US_ASCII);
        int comma = body.indexOf(',');
        if (comma != 3 || !body.substring(0, 3).chars().allMatch(c -> c >= '0' && c <= '9')) {
            sink.rejected(frame.length, "expected $AAA,TEXT#");
            return;
        }
        String text = body.substring(4);
        if (!text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != ',')) {
            sink.rejected(frame.length, "text is not printable ASCII");
            return;
        }
        sink.shown(Integer.parseInt(body.substring(0, 3)), text);
    }
}
