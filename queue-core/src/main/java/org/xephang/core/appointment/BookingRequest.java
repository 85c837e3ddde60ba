package org.xephang.core.appointment;

import java.text.Normalizer;
import java.time.Instant;
import java.util.regex.Pattern;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.notify.PhoneNumber;

/**
 * A citizen's booking as given on the booking page, checked: the name in NFC, 2–{@value #MAX_NAME_LENGTH} letters with
 * spaces, dots, hyphens and apostrophes; the phone a Vietnamese mobile number in its national form.
 */
public record BookingRequest(String service, Instant start, String name, String phone) {

    public static final int MAX_NAME_LENGTH = 80;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .'-]*");

    /**
     * @throws QueueError INVALID_REQUEST naming the field, in Vietnamese
     */
    public static BookingRequest of(String service, Instant start, String name, String phone) {
        if (service == null || service.isBlank()) {
            throw invalid("Cần chọn lĩnh vực (service).", "Choose a service (service).");
        }
        if (start == null) {
            throw invalid("Cần chọn khung giờ (start).", "Choose a time slot (start).");
        }
        if (!isPlausibleStart(start)) {
            throw invalid(
                    "Khung giờ (start) không hợp lệ; hãy chọn một khung giờ trong danh sách.",
                    "The time slot (start) is not valid; choose one of the listed slots.");
        }
        String cleanName = name == null
                ? ""
                : Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
        if (cleanName.length() < 2
                || cleanName.length() > MAX_NAME_LENGTH
                || !NAME.matcher(cleanName).matches()) {
            throw invalid(
                    "Họ và tên (name) phải gồm 2–" + MAX_NAME_LENGTH + " chữ cái và dấu cách, ví dụ: Nguyễn Văn An.",
                    "The full name (name) must have 2–" + MAX_NAME_LENGTH
                            + " letters and spaces, for example: Nguyễn Văn An.");
        }
        String mobile = PhoneNumber.parse(phone)
                .map(PhoneNumber::national)
                .orElseThrow(
                        () -> invalid(
                                "Số điện thoại (phone) phải là số di động Việt Nam 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc"
                                        + " 09, ví dụ 0912345678.",
                                "The phone number (phone) must be a Vietnamese mobile number of 10 digits starting with 03, 05, 07, 08 or 09, for example 0912345678."));
        return new BookingRequest(service.strip(), start, cleanName, mobile);
    }

    private static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST_START = Instant.parse("3000-01-01T00:00:00Z");

    /**
     * Whether a booking's time is one a calendar can place (years 2000 to 2999): a time of another era makes the site's
     * local day throw, on the writer, where it would fail the whole write group.
     */
    public static boolean isPlausibleStart(Instant start) {
        return !start.isBefore(EARLIEST_START) && start.isBefore(LATEST_START);
    }

    private static QueueError invalid(String message, String messageEn) {
        return new QueueError(ErrorCode.INVALID_REQUEST, message, messageEn);
    }
}
