package org.xephang.device.printer.escpos;

import java.util.Locale;

/** How Vietnamese text reaches the paper. */
public enum EscPosMode {
    /** Everything as full-width raster images rendered with the bundled font: exact on every printer. */
    RASTER,
    /** Text in TCVN-3 with {@code ESC t 30/31}, native big number and QR: smallest, needs a TCVN-3 profile. */
    TEXT,
    /** Text lines as cropped raster images, the number and QR native: the usual compromise. */
    HYBRID;

    /**
     * The mode of a printer whose URI names none: {@link #HYBRID} on a serial line when the profile prints the big
     * number and the QR code natively ({@link PrinterProfile#nativeQr()}), {@link #RASTER} otherwise. A raster ticket
     * is about 50 KB, 4.3 s at 115200 baud (11 520 bytes/s); a hybrid one is under 12 KB, about 1 s. Over TCP and USB
     * raster costs nothing noticeable and prints the same on every printer, so it stays the default there.
     *
     * @param transport the URI's transport ({@code serial}, {@code tcp}, {@code cups}, {@code loopback})
     */
    public static EscPosMode defaultFor(PrinterProfile profile, String transport) {
        return "serial".equals(transport) && profile.nativeQr() ? HYBRID : RASTER;
    }

    /** The URI value, e.g. {@code hybrid}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
