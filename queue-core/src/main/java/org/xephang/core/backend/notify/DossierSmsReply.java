package org.xephang.core.backend.notify;

import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The text of the SMS answering a dossier lookup by SMS: the same public facts as the kiosk shows (the masked owner,
 * the status, the appointment date in the site's time zone and whether it is overdue), never more. Vietnamese, NFC;
 * the SMS profile strips the diacritics when its route takes GSM characters only. Pure.
 */
public final class DossierSmsReply {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private DossierSmsReply() {}

    /** The answer for a found dossier, from its public JSON ({@code GET /api/v1/dossiers/{code}}). */
    public static String found(JsonObject dossier, ZoneId zone) {
        StringBuilder text = new StringBuilder("Hồ sơ ").append(dossier.getString("code"));
        String owner = dossier.getString("owner");
        if (owner != null && !owner.isBlank()) {
            text.append(" (").append(owner).append(')');
        }
        JsonObject status = dossier.getJsonObject("status");
        String statusName = status == null ? null : status.getString("name");
        text.append(": ").append(statusName == null ? "chưa rõ tình trạng" : statusName);
        String rescheduled = day(dossier.getString("rescheduledAppointmentAt"), zone);
        String appointment = day(dossier.getString("appointmentAt"), zone);
        if (rescheduled != null) {
            text.append(". Hẹn trả mới: ").append(rescheduled);
        } else if (appointment != null) {
            text.append(". Hẹn trả: ").append(appointment);
        }
        if (Boolean.TRUE.equals(dossier.getBoolean("overdue"))) {
            text.append(" (TRỄ HẠN)");
        }
        return nfc(text.append('.').toString());
    }

    /** The answer when the code is unknown to the dossier system. */
    public static String notFound(String code) {
        return nfc("Không tìm thấy hồ sơ " + code + ". Vui lòng kiểm tra lại mã trên giấy tiếp nhận.");
    }

    /** The answer when the SMS held no dossier code. */
    public static String noCode() {
        return nfc("Để tra cứu hồ sơ, nhắn: HS <mã hồ sơ>, ví dụ HS H21.65-261122-0001.");
    }

    /** The answer when the dossier system could not be asked now. */
    public static String unavailable() {
        return nfc("Hệ thống hồ sơ tạm thời không trả lời. Vui lòng nhắn lại sau ít phút.");
    }

    private static String day(String instant, ZoneId zone) {
        if (instant == null) {
            return null;
        }
        try {
            return DAY.format(Instant.parse(instant).atZone(zone));
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
