package org.xephang.device.printer.escpos;

/**
 * Decodes ESC/POS status bytes (docs/devices.md §1): real-time replies to {@code DLE EOT n}, automatic status back
 * ({@code GS a}) and the paper-sensor reply to {@code GS r 1}. Pure functions; safe from any thread.
 */
public final class EscPosStatusDecoder {

    private EscPosStatusDecoder() {}

    /** Whether {@code b} has the form of a {@code DLE EOT} reply, {@code 0xx1xx10}. */
    public static boolean isRealtimeReply(int b) {
        return (b & 0x93) == 0x12;
    }

    /** Whether {@code b} has the form of the first byte of automatic status back, {@code 0xx1xx00}. */
    public static boolean isAsbHeader(int b) {
        return (b & 0x93) == 0x10;
    }

    /** Whether {@code b} has the form of a later ASB byte or a {@code GS r} reply, {@code 0xx0xxxx}. */
    public static boolean isPlainStatusByte(int b) {
        return (b & 0x90) == 0x00;
    }

    /**
     * Merges the reply to {@code DLE EOT n} into {@code previous} (each query reports only some flags).
     *
     * @param n 1 printer, 2 off-line cause, 3 error cause, 4 paper sensor
     */
    public static PrinterCondition realtime(PrinterCondition previous, int n, int b) {
        PrinterCondition p = previous;
        return switch (n) {
            case 1 ->
                new PrinterCondition(
                        bit(b, 3),
                        p.coverOpen(),
                        p.paperOut(),
                        p.paperNearEnd(),
                        p.cutterError(),
                        p.unrecoverable(),
                        p.autoRecoverable(),
                        p.error());
            case 2 ->
                new PrinterCondition(
                        p.offline(),
                        bit(b, 2),
                        bit(b, 5) || p.paperOut(),
                        p.paperNearEnd(),
                        p.cutterError(),
                        p.unrecoverable(),
                        p.autoRecoverable(),
                        bit(b, 6));
            case 3 ->
                new PrinterCondition(
                        p.offline(),
                        p.coverOpen(),
                        p.paperOut(),
                        p.paperNearEnd(),
                        bit(b, 3),
                        bit(b, 5),
                        bit(b, 6),
                        p.error());
            case 4 ->
                new PrinterCondition(
                        p.offline(),
                        p.coverOpen(),
                        (b & 0x60) != 0,
                        (b & 0x0C) != 0,
                        p.cutterError(),
                        p.unrecoverable(),
                        p.autoRecoverable(),
                        p.error());
            default -> throw new IllegalArgumentException("DLE EOT n must be 1–4, got " + n);
        };
    }

    /** Decodes the four bytes of automatic status back. */
    public static PrinterCondition asb(byte[] asb) {
        int b1 = asb[0] & 0xFF;
        int b2 = asb[1] & 0xFF;
        int b3 = asb[2] & 0xFF;
        return new PrinterCondition(
                bit(b1, 3),
                bit(b1, 5),
                (b3 & 0x0C) != 0,
                (b3 & 0x03) != 0,
                bit(b2, 3),
                bit(b2, 5),
                bit(b2, 6),
                bit(b2, 2));
    }

    /** Merges the reply to {@code GS r 1} (paper sensor: bits 0–1 near end, bits 2–3 paper end). */
    public static PrinterCondition sequenced(PrinterCondition previous, int b) {
        PrinterCondition p = previous;
        return new PrinterCondition(
                p.offline(),
                p.coverOpen(),
                (b & 0x0C) != 0,
                (b & 0x03) != 0,
                p.cutterError(),
                p.unrecoverable(),
                p.autoRecoverable(),
                p.error());
    }

    private static boolean bit(int b, int n) {
        return (b & (1 << n)) != 0;
    }
}
