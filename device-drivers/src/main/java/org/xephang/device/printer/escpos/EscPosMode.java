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

    /** The URI value, e.g. {@code hybrid}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
