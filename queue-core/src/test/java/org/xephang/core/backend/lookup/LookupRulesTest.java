package org.xephang.core.backend.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.core.privacy.OwnerNameMask;
import org.xephang.testkit.MutableClock;

/** The pure rules of the lookup: codes, dates, names, statuses, overdue, the rate limit. */
class LookupRulesTest {

    @Test
    void codesAreTrimmedStrippedOfInnerSpacesAndUpperCased() {
        assertThat(DossierCode.normalise("  h21.65 - 261122 - 0001 \n")).contains("H21.65-261122-0001");
    }

    @Test
    void codesAreTakenFromReceiptUrlsByTheirKnownParameters() {
        assertThat(DossierCode.normalise(
                        "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?MaHoSo=000.00.15.H56-261105-0003"))
                .contains("000.00.15.H56-261105-0003");
        assertThat(DossierCode.normalise("http://igate.example.vn/tra-cuu?lang=vi&maSo=h21.65-261110-0042"))
                .contains("H21.65-261110-0042");
        assertThat(DossierCode.normalise("https://x.vn/q?code=H21.65%2D261110%2D0042"))
                .contains("H21.65-261110-0042");
    }

    @Test
    void inputWithoutAUsableCodeIsRefused() {
        assertThat(DossierCode.normalise("https://x.vn/q?foo=bar")).isEmpty();
        assertThat(DossierCode.normalise("   ")).isEmpty();
        assertThat(DossierCode.normalise("<script>")).isEmpty();
        assertThat(DossierCode.normalise(null)).isEmpty();
    }

    @Test
    void datesAreReadInVietnamTimeFromEveryVendorFormat() {
        Instant expected = Instant.parse("2026-11-22T01:15:00Z");
        for (String text : List.of(
                "20261122081500",
                "2026-11-22T08:15:00+07:00",
                "2026-11-22T08:15:00.000+0700",
                "2026-11-22T01:15:00Z",
                "2026-11-22T08:15:00",
                "2026-11-22 08:15:00",
                "22/11/2026 08:15:00",
                "22/11/2026 08:15",
                "1795310100000")) {
            assertThat(DossierDates.parse("f", text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void aDateAloneStartsTheDayButEndsItAsADeadline() {
        assertThat(DossierDates.parse("f", "25/11/2026")).isEqualTo(Instant.parse("2026-11-24T17:00:00Z"));
        assertThat(DossierDates.parseDeadline("f", "25/11/2026")).isEqualTo(Instant.parse("2026-11-25T16:59:59Z"));
        assertThat(DossierDates.parseDeadline("f", "20261125")).isEqualTo(Instant.parse("2026-11-25T16:59:59Z"));
    }

    @Test
    void anUnreadableDateNamesItsField() {
        assertThatThrownBy(() -> DossierDates.parse("NgayHenTra", "20261345990000"))
                .isInstanceOf(DossierLookupException.class)
                .hasMessageContaining("NgayHenTra");
        assertThatThrownBy(() -> DossierDates.parse("NgayHenTra", "sắp tới"))
                .isInstanceOf(DossierLookupException.class)
                .hasMessageContaining("NgayHenTra");
    }

    @Test
    void ownerNamesKeepTheFamilyNameAndInitialsOnly() {
        assertThat(OwnerNameMask.mask("Nguyễn Văn An")).isEqualTo("Nguyễn V*** A");
        assertThat(OwnerNameMask.mask("  Đỗ   Thị  Ánh ")).isEqualTo("Đỗ T*** Á");
        assertThat(OwnerNameMask.mask("Trần Bình")).isEqualTo("Trần B***");
        assertThat(OwnerNameMask.mask("Lan")).isEqualTo("L***");
        assertThat(OwnerNameMask.mask(" ")).isNull();
    }

    @Test
    void vendorStatusNamesMapToTheNationalListWhateverTheirDiacritics() {
        assertThat(DossierStatusCode.ofVendorName("Không được tiếp nhận")).contains(DossierStatusCode.NOT_RECEIVED);
        assertThat(DossierStatusCode.ofVendorName("Đã tiếp nhận")).contains(DossierStatusCode.RECEIVED);
        assertThat(DossierStatusCode.ofVendorName("CHO BO SUNG HO SO"))
                .contains(DossierStatusCode.SUPPLEMENT_REQUESTED);
        assertThat(DossierStatusCode.ofVendorName("Chờ thực hiện nghĩa vụ tài chính"))
                .contains(DossierStatusCode.PAYMENT_REQUESTED);
        assertThat(DossierStatusCode.ofVendorName("Có kết quả")).contains(DossierStatusCode.RESULT_READY);
        assertThat(DossierStatusCode.ofVendorName("Đã trả kết quả")).contains(DossierStatusCode.RESULT_RETURNED);
        assertThat(DossierStatusCode.ofVendorName("Dừng xử lý")).contains(DossierStatusCode.STOPPED);
        assertThat(DossierStatusCode.ofVendorName("Công dân xin rút hồ sơ")).contains(DossierStatusCode.WITHDRAWN);
        assertThat(DossierStatusCode.ofVendorName("Mới đăng ký")).contains(DossierStatusCode.REGISTERED);
        assertThat(DossierStatusCode.ofVendorName("???")).isEmpty();
    }

    @Test
    void openCpsStatusStringsFollowTheDomainTable() {
        assertThat(DossierStatusCode.ofOpenCps("new")).contains(DossierStatusCode.RECEIVED);
        assertThat(DossierStatusCode.ofOpenCps("receiving")).contains(DossierStatusCode.REGISTERED);
        assertThat(DossierStatusCode.ofOpenCps("denied")).contains(DossierStatusCode.NOT_RECEIVED);
        assertThat(DossierStatusCode.ofOpenCps("done")).contains(DossierStatusCode.RESULT_RETURNED);
    }

    @Test
    void overdueOnlyWhileRunningPastTheFirstAppointmentOrWhenFinishedLate() {
        Instant due = Instant.parse("2026-11-20T10:00:00Z");
        Instant before = due.minusSeconds(60);
        Instant after = due.plusSeconds(60);
        assertThat(OverdueRule.isOverdue(dossier(DossierStatusCode.PROCESSING, due, null), before))
                .isFalse();
        assertThat(OverdueRule.isOverdue(dossier(DossierStatusCode.PROCESSING, due, null), after))
                .isTrue();
        assertThat(OverdueRule.isOverdue(dossier(DossierStatusCode.RESULT_READY, due, before), after))
                .isFalse();
        assertThat(OverdueRule.isOverdue(dossier(DossierStatusCode.RESULT_READY, due, after), after))
                .isTrue();
        assertThat(OverdueRule.isOverdue(dossier(DossierStatusCode.STOPPED, due, null), after))
                .isFalse();
        assertThat(OverdueRule.isOverdue(dossier(DossierStatusCode.PROCESSING, null, null), after))
                .isFalse();
    }

    @Test
    void rateLimitAllowsABurstThenRefusesUntilTokensComeBackPerClient() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"), ZoneOffset.UTC);
        ClientRateLimiter limiter = new ClientRateLimiter(clock, 30); // bursts of 10, one more every 2 s

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire("10.0.0.5")).as("request %d", i).isZero();
        }
        Duration wait = limiter.acquire("10.0.0.5");
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(limiter.acquire("10.0.0.6")).as("another client").isZero();

        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.acquire("10.0.0.5")).isZero();
        assertThat(limiter.acquire("10.0.0.5")).isPositive();
    }

    private static DossierStatus dossier(DossierStatusCode status, Instant due, Instant finished) {
        return new DossierStatus(
                "X-261122-0001",
                null,
                null,
                status,
                null,
                null,
                null,
                due,
                null,
                finished,
                null,
                null,
                null,
                null,
                "t");
    }
}
