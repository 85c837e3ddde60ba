package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.scanner.ScannedPayload;
import org.xephang.device.scanner.ScannedPayloadParser;

/** Reads scans with the shared {@link ScannedPayloadParser} (dossier codes, our ticket QR, Vietnamese refusals). */
final class ParsedScans implements ScanReader {

    private static final Logger LOG = LoggerFactory.getLogger(ParsedScans.class);

    /** All a citizen at the scanner needs to know. */
    static final String CITIZEN_MESSAGE = "Không đọc được mã, xin thử lại.";

    /** What the kiosk's technician reads in the scanner's device status when an input method spoils scans. */
    static final String INPUT_METHOD_HINT = "Bộ gõ tiếng Việt (Unikey/EVKey) đang bật trên máy ki-ốt và làm sai mã"
            + " quét: tắt bộ gõ hoặc chuyển sang gõ tiếng Anh.";

    private final ScannedPayloadParser parser = new ScannedPayloadParser();
    private volatile Consumer<String> scannerHints = hint -> {};

    /**
     * A booking's QR: its 8-character code alone, or the booking page's link ending in {@code ?ma=CODE} (the alphabet
     * has no 0/O, 1/I/L, so no dossier code reads as one).
     */
    private static final Pattern BOOKING =
            Pattern.compile("(?:.*[?&#]ma=)?([2-9A-HJKMNP-Z]{8})", Pattern.CASE_INSENSITIVE);

    /**
     * After every scan, {@code listener} hears what a technician should know about the scanner: {@link
     * #INPUT_METHOD_HINT} when an input method spoiled the scan, null when the scan was read (a code that is simply
     * not ours says nothing about the scanner and is not heard).
     */
    void onScannerHint(Consumer<String> listener) {
        scannerHints = listener;
    }

    @Override
    public JsonObject read(String payload) {
        Matcher booking = BOOKING.matcher(payload.strip());
        if (booking.matches()) {
            scannerHints.accept(null);
            return new JsonObject()
                    .put("kind", "appointment")
                    .put("code", booking.group(1).toUpperCase(Locale.ROOT));
        }
        ScannedPayload scanned = parser.parse(payload);
        if (!(scanned instanceof ScannedPayload.Unreadable)) {
            scannerHints.accept(null);
        }
        if (scanned instanceof ScannedPayload.DossierCode dossier) {
            return new JsonObject().put("kind", "dossier").put("code", dossier.code());
        }
        if (scanned instanceof ScannedPayload.TicketReference ticket) {
            return new JsonObject().put("kind", "ticket").put("ticketId", ticket.ticketId());
        }
        ScannedPayload.Unreadable unreadable = (ScannedPayload.Unreadable) scanned;
        // The citizen is only asked to try again; what a technician can act on (an input method left on…) is here.
        LOG.warn("scan not understood ({}): {}", unreadable.reason(), unreadable.message());
        if (ScannedPayloadParser.INPUT_METHOD_ON.equals(unreadable.message())) {
            scannerHints.accept(INPUT_METHOD_HINT);
        }
        return new JsonObject().put("kind", "unreadable").put("message", CITIZEN_MESSAGE);
    }
}
