package org.xephang.core.backend.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.testkit.MutableClock;

/** The pure rules of the dossier lookup by SMS: reading the code, writing the answer, refusing replays. */
class SmsLookupRulesTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void theCodeIsReadBareOrAfterTheKeywordHsInAnyCase() {
        for (String sms : List.of(
                "H21.65-261122-0001",
                "HS H21.65-261122-0001",
                "hs h21.65-261122-0001",
                "  Hs:  H21.65-261122-0001\n",
                "HS.H21.65-261122-0001",
                "HS H21.65 - 261122 - 0001")) {
            assertThat(SmsDossierQuery.codeIn(sms)).as(sms).contains("H21.65-261122-0001");
        }
        assertThat(SmsDossierQuery.codeIn("HS https://dichvucong.gov.vn/tra-cuu?MaHoSo=000.00.15.H56-261105-0003"))
                .contains("000.00.15.H56-261105-0003");
    }

    @Test
    void anSmsWithoutAUsableCodeHoldsNone() {
        for (String sms : List.of("", "HS", "HS   ", "xin chào, hồ sơ của tôi thế nào?", "HS <script>")) {
            assertThat(SmsDossierQuery.codeIn(sms)).as(sms).isEmpty();
        }
        assertThat(SmsDossierQuery.codeIn(null)).isEmpty();
        assertThat(SmsDossierQuery.codeIn("HS " + "A".repeat(600))).isEmpty();
    }

    @Test
    void theAnswerShowsWhatTheKioskShowsWithTheDateInTheSitesZone() {
        JsonObject dossier = new JsonObject()
                .put("code", "H21.65-261122-0001")
                .put("owner", "Nguyễn V*** A**")
                .put("status", new JsonObject().put("code", 4).put("name", "Đang giải quyết"))
                .put("appointmentAt", "2026-12-09T17:30:00Z") // 10 Dec 00:30 in Vietnam
                .put("overdue", false);
        assertThat(DossierSmsReply.found(dossier, VIETNAM))
                .isEqualTo("Hồ sơ H21.65-261122-0001 (Nguyễn V*** A**): Đang giải quyết. Hẹn trả: 10/12/2026.");
        dossier.put("rescheduledAppointmentAt", "2026-12-15T02:00:00Z").put("overdue", true);
        assertThat(DossierSmsReply.found(dossier, VIETNAM))
                .endsWith("Đang giải quyết. Hẹn trả mới: 15/12/2026 (TRỄ HẠN).");
    }

    @Test
    void theAnswerCopesWithMissingFields() {
        assertThat(DossierSmsReply.found(new JsonObject().put("code", "X-1"), VIETNAM))
                .isEqualTo("Hồ sơ X-1: chưa rõ tình trạng.");
        assertThat(DossierSmsReply.notFound("X-1")).startsWith("Không tìm thấy hồ sơ X-1.");
        assertThat(DossierSmsReply.noCode()).contains("HS <mã hồ sơ>");
    }

    @Test
    void aSignatureIsAcceptedOnceWithinTheWindowAndForgottenAfterIt() {
        MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 12, 7, 8, 0));
        ReplayGuard guard = new ReplayGuard(clock, Duration.ofMinutes(10), 100);
        assertThat(guard.firstTime("v1=aa")).isTrue();
        assertThat(guard.firstTime("v1=aa")).isFalse();
        assertThat(guard.firstTime("v1=bb")).isTrue();
        clock.advance(Duration.ofMinutes(10));
        assertThat(guard.firstTime("v1=aa")).isTrue();
    }

    @Test
    void aFullGuardRefusesRatherThanForgets() {
        MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 12, 7, 8, 0));
        ReplayGuard guard = new ReplayGuard(clock, Duration.ofMinutes(10), 2);
        assertThat(guard.firstTime("a")).isTrue();
        assertThat(guard.firstTime("b")).isTrue();
        assertThat(guard.firstTime("c")).isFalse();
        clock.advance(Duration.ofMinutes(11));
        assertThat(guard.firstTime("c")).isTrue();
    }
}
