package org.xephang.device.printer.sim;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an ESC/POS byte stream one command at a time, as a printer does: the reader side of
 * {@link org.xephang.device.printer.escpos.EscPosEncoder}, used by the simulators and the test walker.
 *
 * <p>Knows the commands our encoder sends plus common ones of other drivers ({@code ESC !}, {@code ESC 2/3},
 * {@code ESC -}); other {@code ESC x} / {@code GS x} pairs are returned as {@link Kind#UNKNOWN} with their two bytes,
 * and printable bytes as {@link Kind#TEXT} runs.
 *
 * <p>Not thread-safe: one reader per stream. Blocking: reads from the stream.
 */
public final class EscPosCommandReader {

    /** What a command does. */
    public enum Kind {
        INIT,
        LEAVE_CHINESE,
        CODE_TABLE,
        ALIGN,
        BOLD,
        SIZE,
        PRINT_MODE,
        LINE_SPACING,
        UNDERLINE,
        FEED_LINES,
        FEED_DOTS,
        LINE_FEED,
        CUT,
        RASTER,
        QR,
        BARCODE_HEIGHT,
        BARCODE_WIDTH,
        BARCODE_TEXT,
        BARCODE,
        REALTIME_STATUS,
        AUTO_STATUS_BACK,
        SEQUENCED_STATUS,
        TEXT,
        UNKNOWN
    }

    /**
     * One command.
     *
     * @param kind what it does
     * @param arg its main numeric argument (n), or -1
     * @param data its data (text bytes, raster rows, QR parameters and data, barcode data), empty if none
     * @param width raster width in dots (RASTER only)
     * @param height raster height in rows (RASTER only)
     * @param raw every byte of the command as received
     */
    public record Command(Kind kind, int arg, byte[] data, int width, int height, byte[] raw) {}

    private final InputStream in;
    private int pushedBack = -1;

    public EscPosCommandReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next command, or {@code null} at the end of the stream.
     *
     * @throws IOException if reading fails or the stream ends inside a command
     */
    public Command next() throws IOException {
        int b = read();
        if (b < 0) {
            return null;
        }
        return switch (b) {
            case 0x1B -> esc();
            case 0x1D -> gs();
            case 0x1C -> fs();
            case 0x10 -> dle();
            case 0x0A -> simple(Kind.LINE_FEED, -1, b);
            default -> text(b);
        };
    }

    private Command esc() throws IOException {
        int c = must();
        return switch (c) {
            case '@' -> simple(Kind.INIT, -1, 0x1B, c);
            case 't' -> withArg(Kind.CODE_TABLE, 0x1B, c);
            case 'a' -> withArg(Kind.ALIGN, 0x1B, c);
            case 'E' -> withArg(Kind.BOLD, 0x1B, c);
            case '!' -> withArg(Kind.PRINT_MODE, 0x1B, c);
            case '-' -> withArg(Kind.UNDERLINE, 0x1B, c);
            case '3' -> withArg(Kind.LINE_SPACING, 0x1B, c);
            case '2' -> simple(Kind.LINE_SPACING, -1, 0x1B, c);
            case 'd' -> withArg(Kind.FEED_LINES, 0x1B, c);
            case 'J' -> withArg(Kind.FEED_DOTS, 0x1B, c);
            default -> simple(Kind.UNKNOWN, c, 0x1B, c);
        };
    }

    private Command gs() throws IOException {
        int c = must();
        switch (c) {
            case '!':
                return withArg(Kind.SIZE, 0x1D, c);
            case 'V': {
                int m = must();
                if (m == 65 || m == 66) {
                    int n = must();
                    return new Command(Kind.CUT, m, new byte[] {(byte) n}, 0, 0, bytes(0x1D, c, m, n));
                }
                return new Command(Kind.CUT, m, new byte[0], 0, 0, bytes(0x1D, c, m));
            }
            case 'v': {
                int zero = must();
                int m = must();
                int xL = must();
                int xH = must();
                int yL = must();
                int yH = must();
                int bpr = xL | xH << 8;
                int rows = yL | yH << 8;
                byte[] data = readFully(bpr * rows);
                byte[] raw = concat(bytes(0x1D, c, zero, m, xL, xH, yL, yH), data);
                return new Command(Kind.RASTER, m, data, bpr * 8, rows, raw);
            }
            case '(': {
                int fn = must();
                int pL = must();
                int pH = must();
                byte[] data = readFully(pL | pH << 8);
                Kind kind = fn == 'k' ? Kind.QR : Kind.UNKNOWN;
                return new Command(kind, fn, data, 0, 0, concat(bytes(0x1D, c, fn, pL, pH), data));
            }
            case 'h':
                return withArg(Kind.BARCODE_HEIGHT, 0x1D, c);
            case 'w':
                return withArg(Kind.BARCODE_WIDTH, 0x1D, c);
            case 'H':
                return withArg(Kind.BARCODE_TEXT, 0x1D, c);
            case 'k': {
                int m = must();
                if (m >= 65) {
                    int n = must();
                    byte[] data = readFully(n);
                    return new Command(Kind.BARCODE, m, data, 0, 0, concat(bytes(0x1D, c, m, n), data));
                }
                java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
                int d;
                while ((d = must()) != 0) {
                    data.write(d);
                }
                byte[] bytes = data.toByteArray();
                return new Command(Kind.BARCODE, m, bytes, 0, 0, concat(concat(bytes(0x1D, c, m), bytes), bytes(0)));
            }
            case 'a':
                return withArg(Kind.AUTO_STATUS_BACK, 0x1D, c);
            case 'r':
                return withArg(Kind.SEQUENCED_STATUS, 0x1D, c);
            default:
                return simple(Kind.UNKNOWN, c, 0x1D, c);
        }
    }

    private Command fs() throws IOException {
        int c = must();
        return c == '.' ? simple(Kind.LEAVE_CHINESE, -1, 0x1C, c) : simple(Kind.UNKNOWN, c, 0x1C, c);
    }

    private Command dle() throws IOException {
        int c = must();
        if (c == 0x04) {
            return withArg(Kind.REALTIME_STATUS, 0x10, c);
        }
        return simple(Kind.UNKNOWN, c, 0x10, c);
    }

    private Command text(int first) throws IOException {
        java.io.ByteArrayOutputStream run = new java.io.ByteArrayOutputStream();
        run.write(first);
        while (true) {
            int b = read();
            if (b < 0) {
                break;
            }
            if (b == 0x1B || b == 0x1D || b == 0x1C || b == 0x10 || b == 0x0A) {
                pushedBack = b;
                break;
            }
            run.write(b);
            if (in.available() == 0 && pushedBack < 0) {
                // Do not wait for more text when nothing else has arrived: a status query may follow later.
                break;
            }
        }
        byte[] data = run.toByteArray();
        return new Command(Kind.TEXT, -1, data, 0, 0, data);
    }

    private Command withArg(Kind kind, int a, int b) throws IOException {
        int n = must();
        return new Command(kind, n, new byte[0], 0, 0, bytes(a, b, n));
    }

    private static Command simple(Kind kind, int arg, int... raw) {
        return new Command(kind, arg, new byte[0], 0, 0, bytes(raw));
    }

    private int read() throws IOException {
        if (pushedBack >= 0) {
            int b = pushedBack;
            pushedBack = -1;
            return b;
        }
        return in.read();
    }

    private int must() throws IOException {
        int b = read();
        if (b < 0) {
            throw new EOFException("stream ended inside a command");
        }
        return b;
    }

    private byte[] readFully(int n) throws IOException {
        byte[] data = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(data, off, n - off);
            if (r < 0) {
                throw new EOFException("stream ended inside command data (" + off + " of " + n + " bytes)");
            }
            off += r;
        }
        return data;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
