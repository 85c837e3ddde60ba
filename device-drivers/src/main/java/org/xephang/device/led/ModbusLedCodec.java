package org.xephang.device.led;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Modbus 7-segment boards (docs/devices.md §2): function 06 writes the number to a value register (default 0x0000);
 * function 16 writes one register per digit, low byte = segments (bit 0 = a … bit 6 = g, bit 7 = point), to the
 * segment registers (default from 0x0080, leftmost digit first, text right-aligned). The address is the Modbus
 * unit id (1–247). The board acknowledges every write; {@link #checkReply} reports a Modbus exception in words.
 *
 * <p>Two framings: {@link Framing#RTU} (serial RS-485, CRC-16/MODBUS, default 9600 8N1) and {@link Framing#TCP}
 * (Modbus TCP to a gateway, MBAP header with a transaction id, no CRC).
 *
 * <p>Thread-safe; with TCP each {@link #encode} takes the next transaction id.
 */
public final class ModbusLedCodec implements LedCodec {

    /** RTU (serial) or TCP (MBAP). */
    public enum Framing {
        RTU,
        TCP
    }

    /** Which registers a frame is written to. */
    public enum Mode {
        /** The number as an integer in the value register; only digits can be shown (the prefix letter is not). */
        VALUE,
        /** Segment patterns in the segment registers; letters with a 7-segment glyph can be shown. */
        SEGMENTS,
        /** VALUE when the text is only digits, SEGMENTS otherwise (the default). */
        AUTO
    }

    /**
     * The codec's settings.
     *
     * @param framing RTU or TCP
     * @param mode value, segments or auto
     * @param digits the number of 7-segment digits (1–16)
     * @param valueRegister the register function 06 writes (default 0x0000)
     * @param segmentRegister the first register function 16 writes (default 0x0080)
     */
    public record Options(Framing framing, Mode mode, int digits, int valueRegister, int segmentRegister) {
        public Options {
            Objects.requireNonNull(framing, "framing");
            Objects.requireNonNull(mode, "mode");
            if (digits < 1 || digits > 16) {
                throw new IllegalArgumentException("digits must be 1..16, not " + digits);
            }
            if (valueRegister < 0 || valueRegister > 0xFFFF || segmentRegister < 0 || segmentRegister > 0xFFFF) {
                throw new IllegalArgumentException("registers must be 0..65535");
            }
        }

        /** AUTO mode, 5 digits (a letter and four digits), registers 0x0000 and 0x0080. */
        public static Options defaults(Framing framing) {
            return new Options(framing, Mode.AUTO, 5, 0x0000, 0x0080);
        }

        public Options withMode(Mode value) {
            return new Options(framing, value, digits, valueRegister, segmentRegister);
        }

        public Options withDigits(int value) {
            return new Options(framing, mode, value, valueRegister, segmentRegister);
        }
    }

    static final int WRITE_SINGLE_REGISTER = 0x06;
    static final int WRITE_MULTIPLE_REGISTERS = 0x10;

    private final Options options;
    private final AtomicInteger transactionId = new AtomicInteger();

    public ModbusLedCodec(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "modbus";
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new TreeMap<>();
        s.put("framing", options.framing().name().toLowerCase(Locale.ROOT));
        s.put("mode", options.mode().name().toLowerCase(Locale.ROOT));
        s.put("digits", Integer.toString(options.digits()));
        s.put("valueRegister", String.format(Locale.ROOT, "0x%04x", options.valueRegister()));
        s.put("segmentRegister", String.format(Locale.ROOT, "0x%04x", options.segmentRegister()));
        return s;
    }

    @Override
    public byte[] encode(int unit, LedFrame frame) {
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("Modbus unit id must be 1..247, not " + unit);
        }
        String text = frame.text().strip();
        boolean digitsOnly = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
        Mode mode = options.mode() == Mode.AUTO ? (digitsOnly ? Mode.VALUE : Mode.SEGMENTS) : options.mode();
        byte[] pdu = mode == Mode.VALUE ? valuePdu(text) : segmentsPdu(text);
        return wrap(unit, pdu);
    }

    private byte[] valuePdu(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() != text.replaceAll("^[A-Za-z]+", "").length() || digits.length() > 5) {
            throw new IllegalArgumentException("'" + text + "' is not a number a value register can hold");
        }
        int value = digits.isEmpty() ? 0 : Integer.parseInt(digits);
        if (value > 0xFFFF) {
            throw new IllegalArgumentException(value + " does not fit in a 16-bit register");
        }
        return new byte[] {
            WRITE_SINGLE_REGISTER,
            (byte) (options.valueRegister() >>> 8),
            (byte) options.valueRegister(),
            (byte) (value >>> 8),
            (byte) value
        };
    }

    private byte[] segmentsPdu(String text) {
        if (text.length() > options.digits()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is longer than the display's " + options.digits() + " digits");
        }
        int n = options.digits();
        byte[] pdu = new byte[6 + 2 * n];
        pdu[0] = WRITE_MULTIPLE_REGISTERS;
        pdu[1] = (byte) (options.segmentRegister() >>> 8);
        pdu[2] = (byte) options.segmentRegister();
        pdu[3] = (byte) (n >>> 8);
        pdu[4] = (byte) n;
        pdu[5] = (byte) (2 * n);
        int pad = n - text.length();
        for (int i = 0; i < text.length(); i++) {
            int segments = SevenSegmentFont.segments(text.charAt(i));
            if (segments < 0) {
                throw new IllegalArgumentException("a 7-segment display cannot show '" + text.charAt(i) + "' in '"
                        + text + "'; use a text board or another prefix letter");
            }
            pdu[6 + 2 * (pad + i) + 1] = (byte) segments;
        }
        return pdu;
    }

    private byte[] wrap(int unit, byte[] pdu) {
        if (options.framing() == Framing.RTU) {
            byte[] adu = new byte[pdu.length + 3];
            adu[0] = (byte) unit;
            System.arraycopy(pdu, 0, adu, 1, pdu.length);
            appendCrc(adu);
            return adu;
        }
        int id = transactionId.updateAndGet(t -> (t + 1) & 0xFFFF);
        return mbap(id, unit, pdu);
    }

    static byte[] mbap(int transaction, int unit, byte[] pdu) {
        byte[] adu = new byte[7 + pdu.length];
        adu[0] = (byte) (transaction >>> 8);
        adu[1] = (byte) transaction;
        int length = pdu.length + 1;
        adu[4] = (byte) (length >>> 8);
        adu[5] = (byte) length;
        adu[6] = (byte) unit;
        System.arraycopy(pdu, 0, adu, 7, pdu.length);
        return adu;
    }

    static void appendCrc(byte[] frameWithRoomForCrc) {
        int crc = Crc16Modbus.of(frameWithRoomForCrc, 0, frameWithRoomForCrc.length - 2);
        frameWithRoomForCrc[frameWithRoomForCrc.length - 2] = (byte) crc;
        frameWithRoomForCrc[frameWithRoomForCrc.length - 1] = (byte) (crc >>> 8);
    }

    @Override
    public int replyLength(byte[] request, byte[] received) {
        if (options.framing() == Framing.RTU) {
            if (received.length < 2) {
                return -1;
            }
            return (received[1] & 0x80) != 0 ? 5 : 8;
        }
        if (received.length < 6) {
            return -1;
        }
        return 6 + (((received[4] & 0xFF) << 8) | (received[5] & 0xFF));
    }

    @Override
    public void checkReply(byte[] request, byte[] reply) throws LedReplyException {
        byte[] pdu;
        int unit;
        int requestPduStart;
        if (options.framing() == Framing.RTU) {
            if (!Crc16Modbus.isValid(reply)) {
                throw new LedReplyException("reply has a bad CRC: " + hex(reply));
            }
            unit = reply[0] & 0xFF;
            pdu = Arrays.copyOfRange(reply, 1, reply.length - 2);
            requestPduStart = 1;
        } else {
            if (reply.length < 8 || reply[0] != request[0] || reply[1] != request[1]) {
                throw new LedReplyException(
                        "reply does not answer transaction " + hex(Arrays.copyOf(request, 2)) + ": " + hex(reply));
            }
            unit = reply[6] & 0xFF;
            pdu = Arrays.copyOfRange(reply, 7, reply.length);
            requestPduStart = 7;
        }
        int requestUnit = request[requestPduStart - 1] & 0xFF;
        int function = request[requestPduStart] & 0xFF;
        if (unit != requestUnit) {
            throw new LedReplyException("reply came from unit " + unit + ", expected " + requestUnit);
        }
        if ((pdu[0] & 0xFF) == (function | 0x80)) {
            int code = pdu.length > 1 ? pdu[1] & 0xFF : -1;
            throw new LedReplyException(
                    "board refused the write: Modbus exception " + code + " (" + exceptionName(code) + ")");
        }
        byte[] expectedHead = Arrays.copyOfRange(request, requestPduStart, requestPduStart + 5);
        if (pdu.length < 5 || !Arrays.equals(Arrays.copyOf(pdu, 5), expectedHead)) {
            throw new LedReplyException("unexpected reply " + hex(reply));
        }
    }

    static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 6 -> "server device busy";
            default -> "code " + code;
        };
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(out.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        return out.toString();
    }

    @Override
    public LedBoardDecoder boardDecoder(LedBoardDecoder.Sink sink) {
        return new ModbusBoardDecoder(options, sink);
    }
}
