package org.xephang.device.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketTemplateTest {

    private static final Instant ISSUED = Instant.parse("2026-11-22T01:15:00Z");

    @Test
    void sampleTicketFollowsTheLayoutOfARealTicket() {
        TicketDocument doc = TicketTemplate.standard().render(TicketData.sample(ISSUED));

        assertThat(doc.texts())
                .containsExactly(
                        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
                        "PHƯỜNG HOÀN KIẾM",
                        "SỐ THỨ TỰ",
                        "A1023",
                        "ƯU TIÊN",
                        "ĐẤT ĐAI, XÂY DỰNG",
                        "QUẦY PHỤC VỤ: 03, 04",
                        "Số người đang chờ: 7 | Dự kiến khoảng 15 phút",
                        "THỜI GIAN IN VÉ: 22/11/2026 - 08:15",
                        "[QR] https://xephang.example.vn/t/01JD8Z6Q4W3X",
                        "Quét mã để theo dõi lượt gọi",
                        "Đường dây nóng: 1900 1234",
                        "Cảm ơn Quý khách!");
        assertThat(doc.elements().get(doc.elements().size() - 1)).isInstanceOf(TicketDocument.Cut.class);
    }

    @Test
    void timeIsPrintedInTheSitesZone() {
        TicketData data = plain(ZoneId.of("Asia/Ho_Chi_Minh"));
        TicketData utc = plain(ZoneId.of("UTC"));

        assertThat(TicketTemplate.standard().render(data).texts()).contains("THỜI GIAN IN VÉ: 22/11/2026 - 08:15");
        assertThat(TicketTemplate.standard().render(utc).texts()).contains("THỜI GIAN IN VÉ: 22/11/2026 - 01:15");
    }

    @Test
    void ordinaryTicketHasNoPriorityMarkNoHotlineAndNoEstimateWhenUnknown() {
        List<String> texts = TicketTemplate.standard()
                .render(plain(ZoneId.of("Asia/Ho_Chi_Minh")))
                .texts();

        assertThat(texts).doesNotContain("ƯU TIÊN");
        assertThat(texts).noneMatch(t -> t.startsWith("Đường dây nóng"));
        assertThat(texts).contains("Số người đang chờ: 0");
        assertThat(texts).noneMatch(t -> t.startsWith("[QR]"));
    }

    @Test
    void notesArePrintedUnderTheTimeTheFirstInBold() {
        TicketData sample = TicketData.sample(ISSUED);
        TicketData offline = new TicketData(
                sample.unitLines(),
                sample.number(),
                sample.serviceName(),
                sample.counters(),
                sample.peopleWaiting(),
                sample.estimatedWait(),
                sample.issuedAt(),
                sample.zone(),
                sample.statusUrl(),
                sample.priority(),
                sample.hotline(),
                List.of("VÉ CẤP KHI MẤT KẾT NỐI", "Số thứ tự được xếp theo giờ lấy vé"));

        List<String> texts = TicketTemplate.standard().render(offline).texts();

        int time = texts.indexOf("THỜI GIAN IN VÉ: 22/11/2026 - 08:15");
        assertThat(texts.subList(time + 1, time + 3))
                .containsExactly("VÉ CẤP KHI MẤT KẾT NỐI", "Số thứ tự được xếp theo giờ lấy vé");
        assertThat(TicketTemplate.standard().render(sample).texts()).doesNotContain("VÉ CẤP KHI MẤT KẾT NỐI");
    }

    @Test
    void aSiteCanChangeTheClosingLineAndHideTheQrAndTheQueue() {
        TicketTemplate template = new TicketTemplate(TicketTemplate.Options.defaults()
                .withClosingLine("Xin cảm ơn!")
                .withShowQr(false)
                .withShowWaiting(false));

        List<String> texts = template.render(TicketData.sample(ISSUED)).texts();

        assertThat(texts).endsWith("Xin cảm ơn!");
        assertThat(texts).noneMatch(t -> t.startsWith("[QR]") || t.startsWith("Số người"));
    }

    @Test
    void theEstimateSaysWhatTheKioskScreenSaysInTheSameMinutes() {
        // kiosk.js: 'Dự kiến khoảng {0} phút' with Math.max(1, Math.round(seconds / 60))
        assertThat(TicketTemplate.estimate(Duration.ofSeconds(480))).isEqualTo("Dự kiến khoảng 8 phút");
        assertThat(TicketTemplate.estimate(Duration.ofSeconds(89))).isEqualTo("Dự kiến khoảng 1 phút");
        assertThat(TicketTemplate.estimate(Duration.ofSeconds(90))).isEqualTo("Dự kiến khoảng 2 phút");
        assertThat(TicketTemplate.estimate(Duration.ofSeconds(10))).isEqualTo("Dự kiến khoảng 1 phút");
    }

    @Test
    void estimateIsRoundedToTheNearestMinuteAsOnTheScreen() {
        TicketData data = new TicketData(
                List.of("UBND XÃ AN BÌNH"),
                "C007",
                "Tư pháp",
                List.of(12),
                2,
                Duration.ofSeconds(91),
                ISSUED,
                ZoneId.of("Asia/Ho_Chi_Minh"),
                null,
                false,
                null);

        assertThat(TicketTemplate.standard().render(data).texts())
                .contains("Số người đang chờ: 2 | Dự kiến khoảng 2 phút", "QUẦY PHỤC VỤ: 12", "UBND XÃ AN BÌNH");
    }

    static TicketData plain(ZoneId zone) {
        return new TicketData(
                List.of("Trung tâm Phục vụ hành chính công", "Phường Hoàn Kiếm"),
                "B0042",
                "Hộ tịch, chứng thực",
                List.of(1),
                0,
                null,
                ISSUED,
                zone,
                null,
                false,
                null);
    }
}
