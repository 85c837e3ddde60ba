package org.xephang.core.notify;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The words of each message, Vietnamese (NFC), short enough for one Unicode SMS segment with a typical site name, and
 * their unaccented form for SMS brandname gateways that send only GSM characters. No personal data: the ticket
 * number, the counter and the site, nothing else. Pure.
 */
public final class NotificationText {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private NotificationText() {}

    /**
     * "Sắp đến lượt" for a ticket still waiting.
     *
     * @param position the ticket's place in its line (1 = next)
     */
    public static String nearTurn(String ticketNumber, int position, String siteName) {
        String ahead = position <= 1 ? "bạn là người tiếp theo" : "còn " + (position - 1) + " người trước bạn";
        return nfc(
                "Sắp đến lượt số " + ticketNumber + " tại " + siteName + ": " + ahead + ". Vui lòng quay lại khu chờ.");
    }

    /** "Mời đến quầy X" for a called ticket. */
    public static String called(String ticketNumber, String counter, String siteName) {
        return nfc("Mời số " + ticketNumber + " đến quầy " + counter + " tại " + siteName + ".");
    }

    /**
     * "Đã đặt lịch" for a new booking: its code (to check in, move or cancel), the field and the slot ({@code when} in
     * the site's time zone, e.g. {@code 09:15 ngày 07/12/2026}).
     */
    public static String booked(String code, String service, String when, String siteName) {
        return nfc("Đã đặt lịch " + service + " tại " + siteName + " lúc " + when + ". Mã lịch hẹn: " + code
                + ". Vui lòng mang mã này đến quầy lấy số.");
    }

    /** "Đã đổi lịch" for a booking moved to another slot. */
    public static String bookingMoved(String code, String service, String when, String siteName) {
        return nfc("Lịch hẹn " + code + " (" + service + ") tại " + siteName + " đã đổi sang " + when + ".");
    }

    /** The same text without diacritics ({@code đ} → {@code d}), for gateways limited to GSM characters. */
    public static String unaccented(String text) {
        String stripped = COMBINING_MARKS
                .matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
                .replaceAll("");
        return stripped.replace('đ', 'd').replace('Đ', 'D');
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
