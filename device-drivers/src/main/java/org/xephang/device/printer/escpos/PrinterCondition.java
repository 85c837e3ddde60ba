package org.xephang.device.printer.escpos;

import java.util.ArrayList;
import java.util.List;
import org.xephang.device.DeviceState;

/**
 * What an ESC/POS printer said about itself, decoded from status bytes.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param offline the printer reports itself off line
 * @param coverOpen the cover is open
 * @param paperOut the roll is empty (printing stopped)
 * @param paperNearEnd the roll is nearly empty
 * @param cutterError the auto-cutter jammed
 * @param unrecoverable an unrecoverable error (power cycle needed)
 * @param autoRecoverable an error that clears by itself (e.g. head too hot)
 * @param error an error of unknown kind
 */
public record PrinterCondition(
        boolean offline,
        boolean coverOpen,
        boolean paperOut,
        boolean paperNearEnd,
        boolean cutterError,
        boolean unrecoverable,
        boolean autoRecoverable,
        boolean error) {

    /** Nothing wrong. */
    public static final PrinterCondition GOOD =
            new PrinterCondition(false, false, false, false, false, false, false, false);

    /** The device state this condition means (worst first: cover, paper, error, off line, near end). */
    public DeviceState state() {
        if (coverOpen) {
            return DeviceState.COVER_OPEN;
        }
        if (paperOut) {
            return DeviceState.PAPER_OUT;
        }
        if (cutterError || unrecoverable || autoRecoverable || error) {
            return DeviceState.ERROR;
        }
        if (offline) {
            return DeviceState.ERROR;
        }
        return paperNearEnd ? DeviceState.PAPER_NEAR_END : DeviceState.ONLINE;
    }

    /** The Vietnamese description for screens, more precise than the state's where it helps. */
    public String description() {
        if (cutterError) {
            return "Dao cắt giấy bị kẹt";
        }
        if (unrecoverable) {
            return "Máy in bị lỗi, cần tắt và bật lại";
        }
        if (autoRecoverable) {
            return "Máy in tạm dừng (đầu in quá nóng), sẽ tự hoạt động lại";
        }
        if (offline && state() == DeviceState.ERROR && !error) {
            return "Máy in đang tạm ngừng (off line)";
        }
        return state().vietnamese();
    }

    /** The flags that are set, e.g. {@code "paper out, cover open"}; {@code "ok"} when none. */
    public String detail() {
        List<String> parts = new ArrayList<>();
        if (offline) {
            parts.add("off line");
        }
        if (coverOpen) {
            parts.add("cover open");
        }
        if (paperOut) {
            parts.add("paper out");
        }
        if (paperNearEnd) {
            parts.add("paper near end");
        }
        if (cutterError) {
            parts.add("cutter error");
        }
        if (unrecoverable) {
            parts.add("unrecoverable error");
        }
        if (autoRecoverable) {
            parts.add("auto-recoverable error");
        }
        if (error) {
            parts.add("error");
        }
        return parts.isEmpty() ? "ok" : String.join(", ", parts);
    }
}
