package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.scanner.ScannedPayload;
import org.xephang.device.scanner.ScannedPayloadParser;

/** Reads scans with the shared {@link ScannedPayloadParser} (dossier codes, our ticket QR, Vietnamese refusals). */
final class ParsedScans implements ScanReader {

    private static final Logger LOG = LoggerFactory.getLogger(ParsedScans.class);

    private final ScannedPayloadParser parser = new ScannedPayloadParser();

    @Override
    public JsonObject read(String payload) {
        ScannedPayload scanned = parser.parse(payload);
        if (scanned instanceof ScannedPayload.DossierCode dossier) {
            return new JsonObject().put("kind", "dossier").put("code", dossier.code());
        }
        if (scanned instanceof ScannedPayload.TicketReference ticket) {
            return new JsonObject().put("kind", "ticket").put("ticketId", ticket.ticketId());
        }
        ScannedPayload.Unreadable unreadable = (ScannedPayload.Unreadable) scanned;
        LOG.info("scan not understood: {}", unreadable.reason());
        return new JsonObject().put("kind", "unreadable").put("message", unreadable.message());
    }
}
