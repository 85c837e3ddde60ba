package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;
import org.xephang.device.DeviceState;

/**
 * What became of printing one ticket, as the screen shows it.
 *
 * @param reason the printer state that stopped the job (PAPER_OUT, OFFLINE…), or null when printing or printed
 * @param message plain Vietnamese for the screen, {@code messageEn} the English of it
 */
record PrintOutcome(String ticketId, Stage stage, DeviceState reason, String message, String messageEn) {

    /** Where the job is. */
    enum Stage {
        PRINTING,
        PRINTED,
        /** The printer tried and failed. */
        FAILED,
        /** Not attempted: the printer reported a state in which it cannot print (paper out, cover open). */
        REFUSED
    }

    static PrintOutcome printing(String ticketId) {
        return new PrintOutcome(ticketId, Stage.PRINTING, null, "Đang in vé…", "Printing your ticket…");
    }

    static PrintOutcome printed(String ticketId) {
        return new PrintOutcome(ticketId, Stage.PRINTED, null, "Mời quý khách nhận vé.", "Please take your ticket.");
    }

    static PrintOutcome failed(String ticketId, DeviceState reason) {
        return new PrintOutcome(
                ticketId, Stage.FAILED, reason, PrinterTrouble.vietnamese(reason), PrinterTrouble.english(reason));
    }

    static PrintOutcome refused(String ticketId, DeviceState reason) {
        return new PrintOutcome(
                ticketId, Stage.REFUSED, reason, PrinterTrouble.vietnamese(reason), PrinterTrouble.english(reason));
    }

    boolean finished() {
        return stage != Stage.PRINTING;
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("ticketId", ticketId)
                .put("stage", stage.name())
                .put("reason", reason == null ? null : reason.name())
                .put("message", message)
                .put("messageEn", messageEn);
    }
}
