package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;

/** Why the printer cannot print, in words a citizen at the kiosk understands, and what to do about the ticket. */
final class PrinterTrouble {

    private static final String KEEP_VI =
            " Số thứ tự của quý khách vẫn có hiệu lực: hãy chụp mã QR trên màn hình hoặc nhờ cán bộ in lại vé.";
    private static final String KEEP_EN =
            " Your number is still valid: take a photo of the QR code on screen or ask staff to reprint the ticket.";

    private PrinterTrouble() {}

    static String vietnamese(DeviceState state) {
        return switch (state) {
            case PAPER_OUT -> "Máy in hết giấy." + KEEP_VI;
            case COVER_OPEN -> "Nắp máy in đang mở." + KEEP_VI;
            case OFFLINE -> "Không kết nối được máy in." + KEEP_VI;
            case ERROR -> "Máy in bị lỗi." + KEEP_VI;
            case ONLINE, PAPER_NEAR_END -> "Máy in chưa in được vé." + KEEP_VI;
        };
    }

    static String english(DeviceState state) {
        return switch (state) {
            case PAPER_OUT -> "The printer is out of paper." + KEEP_EN;
            case COVER_OPEN -> "The printer cover is open." + KEEP_EN;
            case OFFLINE -> "The printer cannot be reached." + KEEP_EN;
            case ERROR -> "The printer has a fault." + KEEP_EN;
            case ONLINE, PAPER_NEAR_END -> "The printer could not print the ticket." + KEEP_EN;
        };
    }

    /** Whether a printer in this state must not be sent a job at all (the screen offers the QR ticket instead). */
    static boolean refusesJobs(DeviceState state) {
        return state == DeviceState.PAPER_OUT || state == DeviceState.COVER_OPEN;
    }

    /** The printer as the kiosk page shows it: state, description, whether it prints and whether it takes jobs. */
    static JsonObject forPage(DeviceStatus status) {
        return new JsonObject()
                .put("state", status.state().name())
                .put("description", status.description())
                .put("usable", status.usable())
                .put("refusesJobs", refusesJobs(status.state()));
    }
}
