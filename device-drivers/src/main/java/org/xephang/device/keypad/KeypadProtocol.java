package org.xephang.device.keypad;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.xephang.device.framing.FixedLengthFramer;
import org.xephang.device.framing.FrameSink;
import org.xephang.device.framing.Framer;
import org.xephang.device.framing.LineEnding;
import org.xephang.device.framing.LineFramer;

/**
 * How a serial keypad reports a press: turns its byte stream into button names, and (for simulators and tests)
 * a button into the bytes the keypad sends.
 *
 * <ul>
 *   <li>{@link #line}: one line per press, {@code [prefix]button} ended by CR, LF or CRLF, e.g. {@code 3\r} or
 *       {@code K3\r\n} (433 MHz receivers in CDC mode, simple bus keypads).
 *   <li>{@link #frame}: five bytes {@code start, address, button, address XOR button, end} (default
 *       {@code 02 … 03}); frames for another address, with a bad check byte or a wrong end byte are rejected. The
 *       button byte is a printable character ({@code '3'}) or a small number ({@code 0x03}), both named
 *       {@code "3"}.
 * </ul>
 *
 * <p>Immutable; thread-safe. The framers it makes belong to one reading thread.
 */
public abstract sealed class KeypadProtocol {

    /**
     * A decoder for the keypad's byte stream.
     *
     * @param buttons receives each button name
     * @param rejected receives bytes that were not a valid press, with the reason
     */
    public abstract Framer decoder(Consumer<String> buttons, FrameSink rejected);

    /** The bytes the keypad sends when {@code button} is pressed. */
    public abstract byte[] encode(String button);

    /** The line protocol. */
    public static KeypadProtocol line(LineEnding ending, String prefix) {
        return new Line(ending, prefix);
    }

    /** The frame protocol for the keypad at {@code address} (0–255) with the given markers. */
    public static KeypadProtocol frame(int address, int start, int end) {
        return new Frame(address, start, end);
    }

    static final class Line extends KeypadProtocol {
        private final LineEnding ending;
        private final String prefix;

        Line(LineEnding ending, String prefix) {
            this.ending = Objects.requireNonNull(ending, "ending");
            this.prefix = Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public Framer decoder(Consumer<String> buttons, FrameSink rejected) {
            return new LineFramer(
                    ending,
                    32,
                    FrameSink.of(
                            frame -> {
                                String line = new String(frame, StandardCharsets.US_ASCII).strip();
                                if (!line.startsWith(prefix) || line.length() == prefix.length()) {
                                    rejected.discarded(
                                            frame.length, "line does not have the form " + prefix + "<button>");
                                } else {
                                    buttons.accept(line.substring(prefix.length()));
                                }
                            },
                            rejected::discarded));
        }

        @Override
        public byte[] encode(String button) {
            byte[] text = (prefix + button).getBytes(StandardCharsets.US_ASCII);
            byte[] end = ending.bytes();
            byte[] out = new byte[text.length + end.length];
            System.arraycopy(text, 0, out, 0, text.length);
            System.arraycopy(end, 0, out, text.length, end.length);
            return out;
        }

        @Override
        public String toString() {
            return "line(" + ending + (prefix.isEmpty() ? "" : ", prefix " + prefix) + ")";
        }
    }

    static final class Frame extends KeypadProtocol {
        private final int address;
        private final int start;
        private final int end;

        Frame(int address, int start, int end) {
            if (address < 0 || address > 255 || start < 0 || start > 255 || end < 0 || end > 255) {
                throw new IllegalArgumentException("keypad address and markers must be 0..255");
            }
            this.address = address;
            this.start = start;
            this.end = end;
        }

        @Override
        public Framer decoder(Consumer<String> buttons, FrameSink rejected) {
            return FixedLengthFramer.withStartByte(
                    5,
                    start,
                    FrameSink.of(
                            frame -> {
                                int frameAddress = frame[1] & 0xFF;
                                int button = frame[2] & 0xFF;
                                if ((frame[4] & 0xFF) != end) {
                                    rejected.discarded(5, "frame does not end with 0x" + Integer.toHexString(end));
                                } else if ((frame[3] & 0xFF) != (frameAddress ^ button)) {
                                    rejected.discarded(5, "frame check byte is wrong");
                                } else if (frameAddress != address) {
                                    rejected.discarded(5, "frame for keypad " + frameAddress + ", not " + address);
                                } else {
                                    buttons.accept(
                                            button >= 0x21 && button <= 0x7E
                                                    ? String.valueOf((char) button)
                                                    : Integer.toString(button));
                                }
                            },
                            rejected::discarded));
        }

        @Override
        public byte[] encode(String button) {
            int value;
            if (button.length() == 1 && button.charAt(0) >= 0x21 && button.charAt(0) <= 0x7E) {
                value = button.charAt(0);
            } else {
                try {
                    value = Integer.parseInt(button);
                } catch (NumberFormatException e) {
                    value = -1;
                }
                if (value < 0 || value > 0x20) {
                    throw new IllegalArgumentException("button '" + button + "' cannot be sent in a keypad frame");
                }
            }
            return new byte[] {(byte) start, (byte) address, (byte) value, (byte) (address ^ value), (byte) end};
        }

        @Override
        public String toString() {
            return "frame(address " + address + ")";
        }
    }
}
