package org.xephang.dossiersim;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.xephang.api.VietnamTime;

/**
 * The simulated system's dossiers: every national status 1–10, plus overdue ones (still running past the appointment,
 * finished late) and one with a rescheduled appointment. Dates are relative to the clock's today, so the demo always
 * shows the same situations.
 */
final class SampleDossiers {

    static final String UNIT = "H56.27";
    private static final String ONE_STOP = "Bộ phận Một cửa";
    private static final String RETURN_PLACE = "Quầy trả kết quả số 9, Trung tâm Phục vụ hành chính công phường";

    private SampleDossiers() {}

    static List<SampleDossier> create(Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
        List<SampleDossier> all = new ArrayList<>();
        int[] sequence = {0};
        record Spec(
                int status,
                String procedure,
                String owner,
                Integer receivedDaysAgo,
                Integer appointmentInDays,
                Integer rescheduledInDays,
                Integer finishedDaysAgo,
                Integer returnedDaysAgo,
                String step,
                String label) {}
        List<Spec> specs = List.of(
                new Spec(
                        1,
                        "Đăng ký khai sinh",
                        "Nguyễn Văn An",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "Mới đăng ký (nộp trực tuyến)"),
                new Spec(
                        2,
                        "Chứng thực bản sao từ bản chính",
                        "Trần Thị Bích",
                        0,
                        1,
                        null,
                        null,
                        null,
                        "Chuyển phòng chuyên môn",
                        "Được tiếp nhận"),
                new Spec(3, "Đăng ký kết hôn", "Lê Minh Châu", 3, null, null, null, null, null, "Không được tiếp nhận"),
                new Spec(
                        4,
                        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
                        "Phạm Quốc Dũng",
                        3,
                        4,
                        null,
                        null,
                        null,
                        "Thẩm định hồ sơ (Phòng Kinh tế)",
                        "Đang xử lý, đúng hạn"),
                new Spec(
                        4,
                        "Đăng ký biến động đất đai",
                        "Hoàng Thị Giang",
                        15,
                        -2,
                        null,
                        null,
                        null,
                        "Trình ký (Văn phòng Đăng ký đất đai)",
                        "Đang xử lý, trễ hạn"),
                new Spec(
                        4,
                        "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
                        "Võ Văn Hải",
                        20,
                        -5,
                        3,
                        null,
                        null,
                        "Đo đạc bổ sung (Văn phòng Đăng ký đất đai)",
                        "Đang xử lý, trễ hạn, có hẹn lại ngày trả"),
                new Spec(
                        5,
                        "Đăng ký hộ kinh doanh",
                        "Đặng Thị Kim",
                        4,
                        6,
                        null,
                        null,
                        null,
                        "Chờ công dân bổ sung giấy tờ",
                        "Yêu cầu bổ sung giấy tờ"),
                new Spec(
                        6,
                        "Chuyển mục đích sử dụng đất",
                        "Bùi Văn Long",
                        6,
                        2,
                        null,
                        null,
                        null,
                        "Chờ nộp tiền sử dụng đất",
                        "Yêu cầu thực hiện nghĩa vụ tài chính"),
                new Spec(7, "Đăng ký thường trú", "Đỗ Thị Mai", 7, null, null, null, null, null, "Công dân rút hồ sơ"),
                new Spec(
                        8, "Cấp phép kinh doanh karaoke", "Hồ Văn Nam", 10, null, null, null, null, null, "Dừng xử lý"),
                new Spec(
                        9,
                        "Trích lục hộ tịch",
                        "Ngô Thị Oanh",
                        8,
                        1,
                        null,
                        0,
                        null,
                        "Chờ trả kết quả",
                        "Đã xử lý xong, đúng hạn"),
                new Spec(
                        9,
                        "Xác nhận tình trạng hôn nhân",
                        "Dương Văn Phúc",
                        12,
                        -3,
                        null,
                        1,
                        null,
                        "Chờ trả kết quả",
                        "Đã xử lý xong, trễ hạn"),
                new Spec(10, "Đăng ký khai tử", "Lý Thị Quyên", 14, -4, null, 5, 4, null, "Đã trả kết quả"));
        for (Spec spec : specs) {
            sequence[0]++;
            LocalDate receivedDay = spec.receivedDaysAgo() == null ? today : today.minusDays(spec.receivedDaysAgo());
            String code = UNIT + "-" + receivedDay.format(DateTimeFormatter.ofPattern("yyMMdd")) + "-"
                    + String.format("%04d", 100 + sequence[0]);
            Instant received = spec.receivedDaysAgo() == null ? null : at(receivedDay, 8, 15 + sequence[0]);
            Instant appointment =
                    spec.appointmentInDays() == null ? null : at(today.plusDays(spec.appointmentInDays()), 17, 0);
            Instant rescheduled =
                    spec.rescheduledInDays() == null ? null : at(today.plusDays(spec.rescheduledInDays()), 17, 0);
            Instant finished =
                    spec.finishedDaysAgo() == null ? null : at(today.minusDays(spec.finishedDaysAgo()), 7, 45);
            Instant returned =
                    spec.returnedDaysAgo() == null ? null : at(today.minusDays(spec.returnedDaysAgo()), 9, 30);
            List<SampleDossier.Step> history = new ArrayList<>();
            if (received != null) {
                history.add(new SampleDossier.Step(received, "Tiếp nhận hồ sơ", ONE_STOP));
            }
            if (spec.status() == 3) {
                history.add(new SampleDossier.Step(
                        received.plusSeconds(600), "Từ chối tiếp nhận: thiếu giấy tờ", ONE_STOP));
            }
            if (spec.step() != null && received != null) {
                history.add(new SampleDossier.Step(received.plusSeconds(3_600), "Chuyển xử lý", ONE_STOP));
            }
            if (finished != null) {
                history.add(new SampleDossier.Step(finished, "Ký duyệt kết quả", "Lãnh đạo UBND phường"));
            }
            if (returned != null) {
                history.add(new SampleDossier.Step(returned, "Trả kết quả cho công dân", ONE_STOP));
            }
            all.add(new SampleDossier(
                    code,
                    spec.procedure(),
                    spec.owner(),
                    String.format("0790%08d", 12_345_678 + sequence[0]),
                    String.format("09%08d", 11_223_344 + sequence[0]),
                    spec.status(),
                    received,
                    appointment,
                    rescheduled,
                    finished,
                    returned,
                    spec.step(),
                    spec.status() >= 9 ? RETURN_PLACE : null,
                    history,
                    spec.label()));
        }
        return all;
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(VietnamTime.ZONE).toInstant();
    }
}
