package org.xephang.core.engine;

import java.util.Locale;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.DeviceHeartbeat;
import org.xephang.core.DeviceStatusReport;
import org.xephang.core.TransferCommand;
import org.xephang.core.appointment.CheckInRule;
import org.xephang.core.persistence.QueueStore;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteConfig;

/**
 * The input checks of the commands: each returns the checked (normalised) value or throws {@link QueueError} with a
 * Vietnamese message that names what is wrong and, where it helps, what is accepted.
 */
final class CommandChecks {

    static final int MAX_KEY_LENGTH = 200;
    static final int MAX_DOSSIER_CODE_LENGTH = 64;
    static final int MAX_CHANNEL_LENGTH = 32;

    private CommandChecks() {}

    static ServiceConfig service(SiteConfig config, String code) {
        return config.service(code).orElseThrow(() -> unknownService(config, code));
    }

    static CounterConfig counter(SiteConfig config, int number) {
        return config.counter(number)
                .orElseThrow(() -> new QueueError(
                        ErrorCode.UNKNOWN_COUNTER,
                        "Điểm " + config.code() + " không có quầy số " + number + ".",
                        "Site " + config.code() + " has no counter number " + number + "."));
    }

    /** The priority category's code, or {@code null} for none. */
    static String priority(SiteConfig config, String raw) {
        String priority = blank(raw) ? null : raw.strip();
        if (priority != null && config.priorityCategory(priority).isEmpty()) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Không có đối tượng ưu tiên \"" + priority + "\". Các đối tượng ưu tiên: "
                            + String.join(
                                    ", ",
                                    config.priorityCategories().stream()
                                            .map(p -> p.code() + " (" + p.name() + ")")
                                            .toList())
                            + ".",
                    "No priority category \"" + priority + "\". The priority categories: "
                            + String.join(
                                    ", ",
                                    config.priorityCategories().stream()
                                            .map(p -> p.code() + " (" + p.name() + ")")
                                            .toList())
                            + ".");
        }
        return priority;
    }

    static void requireChannel(String channel) {
        if (channel == null) {
            return;
        }
        if (QueueStore.OFFLINE_CHANNEL.equals(channel)) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Kênh \"" + channel + "\" chỉ dành cho vé ki-ốt cấp khi mất kết nối, gửi lên qua offline-tickets.",
                    "The channel \"" + channel
                            + "\" is only for tickets a kiosk issued while offline, sent through offline-tickets.");
        }
        // Only a check-in makes an appointment's ticket: it is issued even for a field closed to new numbers.
        if (CheckInRule.CHANNEL.equals(channel)) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Kênh \"" + channel + "\" chỉ dành cho vé của lịch hẹn, cấp khi nhận lịch tại ki-ốt (check-in).",
                    "The channel \"" + channel + "\" is only for an appointment's ticket, issued at its check-in at a"
                            + " kiosk.");
        }
        if (channel.length() > MAX_CHANNEL_LENGTH) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Kênh lấy số quá dài (tối đa " + MAX_CHANNEL_LENGTH + " ký tự).",
                    "The channel is too long (at most " + MAX_CHANNEL_LENGTH + " characters).");
        }
    }

    /** An idempotency key, when given, is 1 to {@value #MAX_KEY_LENGTH} characters. */
    static void requireIdempotencyKey(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Idempotency-Key phải có từ 1 đến " + MAX_KEY_LENGTH + " ký tự.",
                    "The Idempotency-Key must have 1 to " + MAX_KEY_LENGTH + " characters.");
        }
    }

    /** Trim, remove inner spaces, upper-case (docs/domain-vn.md §2). */
    static String normaliseDossierCode(String raw) {
        String code = raw == null ? "" : raw.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST, "Mã hồ sơ không được để trống.", "The dossier code must not be empty.");
        }
        if (code.length() > MAX_DOSSIER_CODE_LENGTH) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Mã hồ sơ quá dài (tối đa " + MAX_DOSSIER_CODE_LENGTH + " ký tự).",
                    "The dossier code is too long (at most " + MAX_DOSSIER_CODE_LENGTH + " characters).");
        }
        return code;
    }

    /** A transfer names exactly one destination: a service or a counter. */
    static void requireOneDestination(TransferCommand command) {
        if ((command.service() == null) == (command.counter() == null)) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Chuyển vé cần đúng một nơi đến: lĩnh vực (service) hoặc quầy (counter).",
                    "A transfer needs exactly one destination: a service or a counter.");
        }
    }

    static void requireComplete(DeviceStatusReport report) {
        if (report == null || blank(report.device()) || blank(report.kind()) || blank(report.state())) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Báo cáo trạng thái thiết bị cần device, kind và state.",
                    "A device status report needs device, kind and state.");
        }
    }

    static void requireComplete(DeviceHeartbeat heartbeat) {
        if (heartbeat == null || blank(heartbeat.agent()) || blank(heartbeat.kind())) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Tín hiệu của thiết bị (heartbeat) cần agent và kind.",
                    "A device heartbeat needs agent and kind.");
        }
        if (heartbeat.devices().stream().anyMatch(CommandChecks::blank)) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Danh sách devices không được có mã thiết bị trống.",
                    "The devices list must not contain an empty device id.");
        }
    }

    static QueueError unknownService(SiteConfig config, String code) {
        return new QueueError(
                ErrorCode.UNKNOWN_SERVICE,
                "Không có lĩnh vực \"" + code + "\" tại điểm này. Các lĩnh vực: "
                        + String.join(
                                ", ",
                                config.services().stream()
                                        .map(s -> s.code() + " (" + s.name() + ")")
                                        .toList())
                        + ".",
                "No service \"" + code + "\" at this site. The services: "
                        + String.join(
                                ", ",
                                config.services().stream()
                                        .map(s -> s.code() + " (" + s.name() + ")")
                                        .toList())
                        + ".");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
