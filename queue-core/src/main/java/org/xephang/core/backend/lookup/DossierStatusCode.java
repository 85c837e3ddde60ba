package org.xephang.core.backend.lookup;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The national status list of a dossier (DVCQG {@code TrangThaiHoSo}, docs/domain-vn.md §2): the vocabulary every provider
 * normalises to. "Overdue" is not a status: see {@link OverdueRule}.
 */
public enum DossierStatusCode {
    REGISTERED(1, "Mới đăng ký"),
    RECEIVED(2, "Được tiếp nhận"),
    NOT_RECEIVED(3, "Không được tiếp nhận"),
    PROCESSING(4, "Đang xử lý"),
    SUPPLEMENT_REQUESTED(5, "Yêu cầu bổ sung giấy tờ"),
    PAYMENT_REQUESTED(6, "Yêu cầu thực hiện nghĩa vụ tài chính"),
    WITHDRAWN(7, "Công dân yêu cầu rút hồ sơ"),
    STOPPED(8, "Dừng xử lý"),
    RESULT_READY(9, "Đã xử lý xong"),
    RESULT_RETURNED(10, "Đã trả kết quả");

    private static final Map<String, DossierStatusCode> OPENCPS = Map.of(
            "new", RECEIVED,
            "receiving", REGISTERED,
            "processing", PROCESSING,
            "waiting", SUPPLEMENT_REQUESTED,
            "paying", PAYMENT_REQUESTED,
            "cancelled", WITHDRAWN,
            "unresolved", STOPPED,
            "releasing", RESULT_READY,
            "done", RESULT_RETURNED,
            "denied", NOT_RECEIVED);

    private final int code;
    private final String vietnameseName;

    DossierStatusCode(int code, String vietnameseName) {
        this.code = code;
        this.vietnameseName = vietnameseName;
    }

    /** 1–10 as in DVCQG. */
    public int code() {
        return code;
    }

    public String vietnameseName() {
        return vietnameseName;
    }

    /** True once the dossier's processing has ended (result ready or returned). */
    public boolean isFinished() {
        return this == RESULT_READY || this == RESULT_RETURNED;
    }

    /** True while the dossier still has a deadline running (received, in progress, waiting on the citizen). */
    public boolean hasRunningDeadline() {
        return this == RECEIVED || this == PROCESSING || this == SUPPLEMENT_REQUESTED || this == PAYMENT_REQUESTED;
    }

    public static Optional<DossierStatusCode> ofCode(int code) {
        for (DossierStatusCode status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** OpenCPS {@code dossierStatus} strings (docs/domain-vn.md §2). */
    public static Optional<DossierStatusCode> ofOpenCps(String status) {
        return status == null
                ? Optional.empty()
                : Optional.ofNullable(OPENCPS.get(status.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * Maps a vendor's human status name ("Đang xử lý", "Chờ bổ sung hồ sơ", "Có kết quả", "Đã trả kết quả"…) by its
     * words, ignoring case and diacritics. The most specific phrases are tried first ("không được tiếp nhận" before
     * "tiếp nhận").
     */
    public static Optional<DossierStatusCode> ofVendorName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = fold(name);
        if (n.contains("khong duoc tiep nhan") || n.contains("tu choi") || n.contains("khong tiep nhan")) {
            return Optional.of(NOT_RECEIVED);
        }
        if (n.matches(".*\\brut\\b.*")) {
            return Optional.of(WITHDRAWN);
        }
        if (n.contains("dung xu ly") || n.contains("tam dung") || n.contains("dung giai quyet")) {
            return Optional.of(STOPPED);
        }
        if (n.contains("bo sung")) {
            return Optional.of(SUPPLEMENT_REQUESTED);
        }
        if (n.contains("nghia vu tai chinh")
                || n.contains("thanh toan")
                || n.contains("nop phi")
                || n.contains("le phi")) {
            return Optional.of(PAYMENT_REQUESTED);
        }
        if (n.contains("da tra ket qua") || n.contains("hoan thanh") || n.contains("da tra")) {
            return Optional.of(RESULT_RETURNED);
        }
        if (n.contains("xu ly xong")
                || n.contains("co ket qua")
                || n.contains("cho tra")
                || n.contains("tra ket qua")) {
            return Optional.of(RESULT_READY);
        }
        if (n.contains("dang xu ly") || n.contains("dang giai quyet") || n.contains("xu ly")) {
            return Optional.of(PROCESSING);
        }
        if (n.contains("moi dang ky") || n.contains("cho tiep nhan") || n.contains("dang ky")) {
            return Optional.of(REGISTERED);
        }
        if (n.contains("tiep nhan")) {
            return Optional.of(RECEIVED);
        }
        return Optional.empty();
    }

    /** Lower case without diacritics ("Đã trả" → "da tra"). */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replace('đ', 'd')
                .replace('Đ', 'D')
                .replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }
}
