package org.xephang.device.printer.escpos;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.xephang.device.InvalidDeviceUriException;

/**
 * What one printer model can do: paper width in dots, its font, code tables, native QR, cutter.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param id the URI name, e.g. {@code tm-t20iii}
 * @param model the model's name for people
 * @param dotsPerLine printable width in dots: 576 (80 mm at 203 dpi), 512 (80 mm at 180 dpi), 384 (58 mm)
 * @param dpi dots per inch (203 or 180)
 * @param charsPerLine characters of font A (12×24) per line
 * @param tcvnLowerTable {@code ESC t} number of the TCVN-3 lower-case table, or -1 when the model has none
 * @param tcvnUpperTable {@code ESC t} number of the TCVN-3 upper-case table, or -1
 * @param nativeQr whether the firmware prints QR codes ({@code GS ( k})
 * @param cutter whether the model has an auto-cutter ({@code GS V})
 * @param leaveChineseMode whether to send {@code FS .} (Chinese-market firmware starts in double-byte mode)
 * @param sequencedStatus whether {@code GS r 1} is answered after the preceding data is printed (end-of-job check)
 * @param maxBandRows the most raster rows sent in one {@code GS v 0} command
 */
public record PrinterProfile(
        String id,
        String model,
        int dotsPerLine,
        int dpi,
        int charsPerLine,
        int tcvnLowerTable,
        int tcvnUpperTable,
        boolean nativeQr,
        boolean cutter,
        boolean leaveChineseMode,
        boolean sequencedStatus,
        int maxBandRows) {

    /** Epson TM-T20III, 80 mm, 203 dpi. */
    public static final PrinterProfile TM_T20III =
            new PrinterProfile("tm-t20iii", "Epson TM-T20III", 576, 203, 48, 30, 31, true, true, false, true, 255);

    /** Epson TM-T88V, 80 mm, 180 dpi. */
    public static final PrinterProfile TM_T88V =
            new PrinterProfile("tm-t88v", "Epson TM-T88V", 512, 180, 42, 30, 31, true, true, false, true, 255);

    /** Xprinter XP-Q200, 80 mm, 203 dpi; its "Vietnam" page is not verified TCVN-3, so text mode is off. */
    public static final PrinterProfile XP_Q200 =
            new PrinterProfile("xp-q200", "Xprinter XP-Q200", 576, 203, 48, -1, -1, true, true, true, false, 255);

    /** A generic 58 mm printer: no cutter, no native QR, raster only. */
    public static final PrinterProfile GENERIC_58 =
            new PrinterProfile("generic-58", "generic 58 mm", 384, 203, 32, -1, -1, false, false, true, false, 255);

    /** Every built-in profile. */
    public static final List<PrinterProfile> ALL = List.of(TM_T20III, TM_T88V, XP_Q200, GENERIC_58);

    public PrinterProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        if (dotsPerLine % 8 != 0 || dotsPerLine < 128) {
            throw new IllegalArgumentException(id + ": dotsPerLine must be a multiple of 8, at least 128");
        }
        if (maxBandRows < 1 || maxBandRows > 255) {
            throw new IllegalArgumentException(id + ": maxBandRows must be 1–255");
        }
    }

    /** The profile named {@code id} (case-insensitive). */
    public static PrinterProfile byId(String id) throws InvalidDeviceUriException {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (PrinterProfile p : ALL) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        throw new InvalidDeviceUriException("unknown printer profile '" + id + "'; known: "
                + ALL.stream().map(PrinterProfile::id).collect(Collectors.joining(", ")));
    }

    /** Whether the model prints TCVN-3 text (tables for both cases). */
    public boolean hasTcvn3() {
        return tcvnLowerTable >= 0 && tcvnUpperTable >= 0;
    }

    /** The {@code ESC t} number for a TCVN-3 table, if the model has it. */
    public OptionalInt tcvnTable(boolean upper) {
        int n = upper ? tcvnUpperTable : tcvnLowerTable;
        return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** Bytes per raster row at full width. */
    public int bytesPerRow() {
        return dotsPerLine / 8;
    }
}
