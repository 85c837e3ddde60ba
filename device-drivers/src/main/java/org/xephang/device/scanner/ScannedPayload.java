package org.xephang.device.scanner;

import java.util.Objects;

/**
 * What a scanned barcode or QR code means to a kiosk or a counter: a dossier code, one of our tickets, or nothing
 * readable (with a Vietnamese message to show). Produced by {@link ScannedPayloadParser}.
 *
 * <p>Immutable; safe from any thread.
 */
public sealed interface ScannedPayload {

    /**
     * A dossier code (mã hồ sơ), normalised: trimmed, inner spaces removed, upper case.
     *
     * @param code the normalised code, e.g. {@code H21.65-231122-0001}
     * @param standardFormat whether it has the TT 01/2018 shape {@code <unit>-YYMMDD-XXXX}; other vendor formats are
     *     accepted too (false)
     */
    record DossierCode(String code, boolean standardFormat) implements ScannedPayload {
        public DossierCode {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * The QR on one of our paper tickets: the ticket status URL {@code …/t/{id}}.
     *
     * @param ticketId the ticket id from the URL, exactly as printed (ids are case-sensitive)
     */
    record TicketReference(String ticketId) implements ScannedPayload {
        public TicketReference {
            Objects.requireNonNull(ticketId, "ticketId");
        }
    }

    /**
     * Nothing usable was scanned.
     *
     * @param message Vietnamese text for the screen, starting "Không đọc được mã hồ sơ"
     * @param reason a short English reason for logs (never the scanned content, which may be personal)
     */
    record Unreadable(String message, String reason) implements ScannedPayload {
        public Unreadable {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
