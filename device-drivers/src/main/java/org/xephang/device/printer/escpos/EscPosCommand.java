package org.xephang.device.printer.escpos;

import java.util.HexFormat;

/**
 * One ESC/POS command (or one run of text) and what it does in words, e.g. {@code "1B 61 01" / "align centre"}.
 *
 * <p>Immutable (the array is not exposed); safe from any thread.
 */
public final class EscPosCommand {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private final byte[] bytes;
    private final String comment;

    public EscPosCommand(byte[] bytes, String comment) {
        this.bytes = bytes.clone();
        this.comment = comment;
    }

    /** A command from unsigned byte values. */
    public static EscPosCommand of(String comment, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return new EscPosCommand(b, comment);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public String comment() {
        return comment;
    }

    /**
     * The command as one line of a golden {@code .hex} file: up to {@code maxBytes} bytes in hex, {@code …(+N bytes)}
     * for the rest, then {@code # comment}.
     */
    public String hexLine(int maxBytes) {
        StringBuilder sb = new StringBuilder();
        if (bytes.length <= maxBytes) {
            sb.append(HEX.formatHex(bytes));
        } else {
            sb.append(HEX.formatHex(bytes, 0, maxBytes))
                    .append(" …(+")
                    .append(bytes.length - maxBytes)
                    .append(" bytes, crc32 ")
                    .append(Long.toHexString(crc32(bytes)))
                    .append(')');
        }
        return sb.append("  # ").append(comment).toString();
    }

    private static long crc32(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        return crc.getValue();
    }

    @Override
    public String toString() {
        return hexLine(16);
    }
}
