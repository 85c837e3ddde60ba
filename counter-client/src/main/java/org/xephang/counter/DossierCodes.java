package org.xephang.counter;

import org.xephang.device.scanner.ScannedPayload;
import org.xephang.device.scanner.ScannedPayloadParser;

/** Reads what the officer typed or scanned into the dossier field, with the parser kiosks use too. */
final class DossierCodes {

    private static final ScannedPayloadParser PARSER = new ScannedPayloadParser();

    private DossierCodes() {}

    /** The normalised dossier code, or null when the text is not one. */
    static String normalise(String typedOrScanned) {
        if (typedOrScanned == null) {
            return null;
        }
        return PARSER.parse(typedOrScanned) instanceof ScannedPayload.DossierCode code ? code.code() : null;
    }

    /** The ticket id when the text is one of our ticket status URLs (a scanned ticket QR), else null. */
    static String ticketIdFromUrl(String text) {
        if (text == null || !text.contains("/t/")) {
            return null;
        }
        return PARSER.parse(text) instanceof ScannedPayload.TicketReference ticket ? ticket.ticketId() : null;
    }
}
