package org.xephang.device.led;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.xephang.device.framing.FrameSink;
import org.xephang.device.framing.MarkerFramer;

/**
 * ASCII frame boards (QSystem style): {@code start, address, text, [checksum], end}, by default
 * {@code 0x01, address byte, ASCII text, 0x07}. The boards do not answer.
 *
 * <p>Configurable: the start and end bytes (control characters, so they never occur in the text), the address as
 * one binary byte or as ASCII decimal digits of a fixed width, and an optional checksum written as two upper-case
 * hex digits just before the end byte: XOR or 8-bit SUM of the address and text bytes.
 *
 * <p>Immutable; thread-safe.
 */
public final class AsciiFrameCodec implements LedCodec {

    /** How the address is written. */
    public enum AddressFormat {
        /** One byte, 0–255 (the default). */
        BINARY,
        /** ASCII decimal digits, zero-padded to {@link Options#addressDigits()}. */
        DECIMAL
    }

    /** The optional checksum, two ASCII hex digits before the end byte. */
    public enum Checksum {
        NONE,
        /** XOR of the address and text bytes. */
        XOR,
        /** Sum of the address and text bytes, modulo 256. */
        SUM
    }

    /**
     * The codec's settings.
     *
     * @param start start byte, a control character (default {@code 0x01})
     * @param end end byte, a control character different from {@code start} (default {@code 0x07})
     * @param addressFormat binary byte or decimal digits
     * @param addressDigits digits of a decimal address (1–3; ignored for binary)
     * @param checksum optional checksum
     * @param width the display's width in characters (1–64); longer text is refused
     */
    public record Options(
            int start, int end, AddressFormat addressFormat, int addressDigits, Checksum checksum, int width) {

        public Options {
            Objects.requireNonNull(addressFormat, "addressFormat");
            Objects.requireNonNull(checksum, "checksum");
            if (!isControl(start) || !isControl(end) || start == end) {
                throw new IllegalArgumentException(
                        "start and end must be two different control bytes (0x00-0x1F or 0x7F), not 0x"
                                + Integer.toHexString(start) + " and 0x" + Integer.toHexString(end));
            }
            if (addressFormat == AddressFormat.DECIMAL && (addressDigits < 1 || addressDigits > 3)) {
                throw new IllegalArgumentException("addressDigits must be 1..3, not " + addressDigits);
            }
            if (width < 1 || width > LedFrame.MAX_LENGTH) {
                throw new IllegalArgumentException("width must be 1.." + LedFrame.MAX_LENGTH + ", not " + width);
            }
        }

        /** {@code 0x01, address byte, text, 0x07}, no checksum, 16 characters wide. */
        public static Options defaults() {
            return new Options(0x01, 0x07, AddressFormat.BINARY, 3, Checksum.NONE, 16);
        }

        public Options withChecksum(Checksum value) {
            return new Options(start, end, addressFormat, addressDigits, value, width);
        }

        public Options withDecimalAddress(int digits) {
            return new Options(start, end, AddressFormat.DECIMAL, digits, checksum, width);
        }

        public Options withMarkers(int startByte, int endByte) {
            return new Options(startByte, endByte, addressFormat, addressDigits, checksum, width);
        }

        public Options withWidth(int characters) {
            return new Options(start, end, addressFormat, addressDigits, checksum, characters);
        }

        int maxAddress() {
            return addressFormat == AddressFormat.BINARY ? 255 : (int) Math.pow(10, addressDigits) - 1;
        }

        private static boolean isControl(int b) {
            return (b >= 0 && b < 0x20) || b == 0x7F;
        }
    }

    private final Options options;

    public AsciiFrameCodec(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "ascii";
    }

    @Override
    public byte[] encode(int address, LedFrame frame) {
        if (address < 0 || address > options.maxAddress()) {
            throw new IllegalArgumentException(
                    "LED address must be 0.." + options.maxAddress() + " for this board, not " + address);
        }
        if (frame.text().length() > options.width()) {
            throw new IllegalArgumentException(
                    "'" + frame.text() + "' is longer than the display's " + options.width() + " characters");
        }
        byte[] addressBytes = addressBytes(address);
        byte[] text = frame.text().getBytes(StandardCharsets.US_ASCII);
        byte[] check = checksum(addressBytes, text);
        byte[] out = new byte[2 + addressBytes.length + text.length + check.length];
        int i = 0;
        out[i++] = (byte) options.start();
        System.arraycopy(addressBytes, 0, out, i, addressBytes.length);
        i += addressBytes.length;
        System.arraycopy(text, 0, out, i, text.length);
        i += text.length;
        System.arraycopy(check, 0, out, i, check.length);
        i += check.length;
        out[i] = (byte) options.end();
        return out;
    }

    private byte[] addressBytes(int address) {
        return options.addressFormat() == AddressFormat.BINARY
                ? new byte[] {(byte) address}
                : String.format(Locale.ROOT, "%0" + options.addressDigits() + "d", address)
                        .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] checksum(byte[] address, byte[] text) {
        if (options.checksum() == Checksum.NONE) {
            return new byte[0];
        }
        int value = 0;
        for (byte[] part : new byte[][] {address, text}) {
            for (byte b : part) {
                value = options.checksum() == Checksum.XOR ? value ^ (b & 0xFF) : (value + (b & 0xFF)) & 0xFF;
            }
        }
        return String.format(Locale.ROOT, "%02X", value).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new TreeMap<>();
        s.put("start", String.format(Locale.ROOT, "0x%02x", options.start()));
        s.put("end", String.format(Locale.ROOT, "0x%02x", options.end()));
        s.put("addressFormat", options.addressFormat().name().toLowerCase(Locale.ROOT));
        if (options.addressFormat() == AddressFormat.DECIMAL) {
            s.put("addressDigits", Integer.toString(options.addressDigits()));
        }
        s.put("checksum", options.checksum().name().toLowerCase(Locale.ROOT));
        s.put("width", Integer.toString(options.width()));
        return s;
    }

    @Override
    public LedBoardDecoder boardDecoder(LedBoardDecoder.Sink sink) {
        if (options.addressFormat() == AddressFormat.BINARY) {
            return new BinaryAddressDecoder(sink);
        }
        MarkerFramer framer = new MarkerFramer(
                options.start(),
                options.end(),
                2 + options.addressDigits() + LedFrame.MAX_LENGTH + 2,
                FrameSink.of(frame -> decodeFrame(frame, sink), sink::rejected));
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

    /** Decodes one complete frame (markers included) for the board's side. */
    private void decodeFrame(byte[] frame, LedBoardDecoder.Sink sink) {
        int addressLength = options.addressFormat() == AddressFormat.BINARY ? 1 : options.addressDigits();
        int checkLength = options.checksum() == Checksum.NONE ? 0 : 2;
        int textLength = frame.length - 2 - addressLength - checkLength;
        if (textLength < 0) {
            sink.rejected(frame.length, "frame too short");
            return;
        }
        byte[] addressBytes = Arrays.copyOfRange(frame, 1, 1 + addressLength);
        byte[] text = Arrays.copyOfRange(frame, 1 + addressLength, 1 + addressLength + textLength);
        byte[] check = Arrays.copyOfRange(frame, 1 + addressLength + textLength, frame.length - 1);
        int address;
        if (options.addressFormat() == AddressFormat.BINARY) {
            address = addressBytes[0] & 0xFF;
        } else {
            String digits = new String(addressBytes, StandardCharsets.US_ASCII);
            if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                sink.rejected(frame.length, "address '" + digits + "' is not decimal");
                return;
            }
            address = Integer.parseInt(digits);
        }
        if (!Arrays.equals(check, checksum(addressBytes, text))) {
            sink.rejected(frame.length, "checksum mismatch");
            return;
        }
        for (byte b : text) {
            if (b < 0x20 || b > 0x7E) {
                sink.rejected(frame.length, "text is not printable ASCII");
                return;
            }
        }
        sink.shown(address, new String(text, StandardCharsets.US_ASCII));
    }

    /**
     * With a binary address the address byte may equal a marker, so a marker framer cannot be used: after the start
     * byte, the next byte is always the address, then printable text up to the end byte.
     */
    private final class BinaryAddressDecoder implements LedBoardDecoder {
        private final LedBoardDecoder.Sink sink;
        private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        private int noise;

        BinaryAddressDecoder(LedBoardDecoder.Sink sink) {
            this.sink = sink;
        }

        @Override
        public void feed(byte[] bytes, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            for (int i = offset; i < offset + length; i++) {
                int b = bytes[i] & 0xFF;
                if (frame.size() == 0) {
                    if (b == options.start()) {
                        reportNoise();
                        frame.write(b);
                    } else {
                        noise++;
                    }
                } else if (frame.size() == 1) {
                    frame.write(b); // the address: any byte
                } else if (b == options.end()) {
                    frame.write(b);
                    decodeFrame(frame.toByteArray(), sink);
                    frame.reset();
                } else if (b == options.start()) {
                    sink.rejected(frame.size(), "frame restarted before its end byte");
                    frame.reset();
                    frame.write(b);
                } else if (frame.size() > LedFrame.MAX_LENGTH + 4) {
                    sink.rejected(frame.size() + 1, "frame too long");
                    frame.reset();
                } else {
                    frame.write(b);
                }
            }
            reportNoise();
        }

        private void reportNoise() {
            if (noise > 0) {
                sink.rejected(noise, "bytes outside a frame");
                noise = 0;
            }
        }

        @Override
        public void reset() {
            reportNoise();
            if (frame.size() > 0) {
                sink.rejected(frame.size(), "partial frame dropped on reset");
                frame.reset();
            }
        }
    }
}
