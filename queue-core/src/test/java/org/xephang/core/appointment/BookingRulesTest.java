package org.xephang.core.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.appointment.CheckInRule.Placement;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.testkit.MutableClock;

class BookingRulesTest {

    static Instant vn(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute)
                .atZone(MutableClock.VIETNAM)
                .toInstant();
    }

    static final Booking MONDAY_NINE = new Booking(
            "K7M2Q9XA", "s1", "A", vn(23, 9, 0), vn(23, 9, 15), "Nguyễn Văn An", "0912345678", vn(20, 8, 0), null);

    @Test
    void codesAreEightCharactersOfAnAlphabetWithoutLookAlikes() {
        Random random = new Random(17);
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = BookingCode.generate(random);
            assertThat(code).hasSize(8).doesNotContainPattern("[01OIL]");
            assertThat(BookingCode.parse(code)).contains(code);
            codes.add(code);
        }
        assertThat(codes).hasSize(10_000);
        assertThat(BookingCode.ALPHABET).hasSize(31);
    }

    @Test
    void typedCodesAreReadLenientlyAndLookAlikesRefused() {
        assertThat(BookingCode.parse(" k7m2-q9xa ")).contains("K7M2Q9XA");
        assertThat(BookingCode.parse("K7M2Q9X")).isEmpty();
        assertThat(BookingCode.parse("K7M2Q9XO")).isEmpty();
        assertThat(BookingCode.parse("K7M2Q9X1")).isEmpty();
        assertThat(BookingCode.parse(null)).isEmpty();
    }

    @Test
    void vietnameseMobileNumbersAreNormalisedAndOthersRefused() {
        assertThat(PhoneNumber.parse("0912345678")).map(PhoneNumber::national).contains("0912345678");
        assertThat(PhoneNumber.parse("+84 912 345 678"))
                .map(PhoneNumber::national)
                .contains("0912345678");
        assertThat(PhoneNumber.parse("84-388.123.456"))
                .map(PhoneNumber::national)
                .contains("0388123456");
        assertThat(PhoneNumber.parse("(070) 123 4567"))
                .map(PhoneNumber::national)
                .contains("0701234567");
        assertThat(PhoneNumber.parse("0241234567"))
                .map(PhoneNumber::national)
                .as("a Hà Nội landline")
                .isEmpty();
        assertThat(PhoneNumber.parse("091234567"))
                .map(PhoneNumber::national)
                .as("nine digits")
                .isEmpty();
        assertThat(PhoneNumber.parse("09123456789"))
                .map(PhoneNumber::national)
                .as("eleven digits")
                .isEmpty();
        assertThat(PhoneNumber.parse("0912abc678")).map(PhoneNumber::national).isEmpty();
        assertThat(PhoneNumber.parse(null)).map(PhoneNumber::national).isEmpty();
    }

    @Test
    void publicAnswersCarryTheMaskedNameAndTheLastThreeDigits() {
        assertThat(MONDAY_NINE.maskedName()).isEqualTo("Nguyễn V*** A");
        assertThat(MONDAY_NINE.maskedPhone()).isEqualTo("*******678");
    }

    @Test
    void checkInFromTheGraceBeforeTheSlotToTheGraceAfterItIsOnTime() {
        CheckInRule rule = new CheckInRule(MutableClock.VIETNAM, 15);

        assertThat(rule.place(MONDAY_NINE, "s1", "Xã Thử", vn(23, 8, 45))).isEqualTo(Placement.ON_TIME);
        assertThat(rule.place(MONDAY_NINE, "s1", "Xã Thử", vn(23, 9, 10))).isEqualTo(Placement.ON_TIME);
        assertThat(rule.place(MONDAY_NINE, "s1", "Xã Thử", vn(23, 9, 30))).isEqualTo(Placement.ON_TIME);
        assertThat(rule.place(MONDAY_NINE, "s1", "Xã Thử", vn(23, 9, 31))).isEqualTo(Placement.LATE);
        assertThat(rule.place(MONDAY_NINE, "s1", "Xã Thử", vn(23, 16, 0))).isEqualTo(Placement.LATE);
    }

    @Test
    void checkInTooEarlyOnAnotherDayOrAtAnotherSiteIsRefusedInVietnamese() {
        CheckInRule rule = new CheckInRule(MutableClock.VIETNAM, 15);

        assertThatThrownBy(() -> rule.place(MONDAY_NINE, "s1", "Xã Thử", vn(23, 8, 44)))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CHECK_IN_TOO_EARLY);
                    assertThat(e.getMessage()).isEqualTo("Chưa đến giờ hẹn (09:00). Mời quay lại xác nhận từ 08:45.");
                });
        assertThatThrownBy(() -> rule.place(MONDAY_NINE, "s1", "Xã Thử", vn(24, 9, 0)))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.APPOINTMENT_ELSEWHERE);
                    assertThat(e.getMessage())
                            .isEqualTo("Lịch hẹn K7M2Q9XA là ngày 23/11/2026 lúc 09:00, không phải hôm nay."
                                    + " Vui lòng đến đúng ngày hẹn.");
                });
        assertThatThrownBy(() -> rule.place(MONDAY_NINE, "s2", "Phường Hai", vn(23, 9, 0)))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.APPOINTMENT_ELSEWHERE);
                    assertThat(e.getMessage())
                            .isEqualTo("Lịch hẹn K7M2Q9XA không phải của Phường Hai. Vui lòng đến đúng nơi đã đặt"
                                    + " lịch.");
                });
    }

    @Test
    void aDailyAllowanceCountsPerKeyAndStartsAgainTheNextDay() {
        DailyAllowance allowance = new DailyAllowance(2);
        LocalDate monday = LocalDate.of(2026, 11, 23);

        assertThat(allowance.tryTake("10.0.0.1", monday)).isTrue();
        assertThat(allowance.tryTake("10.0.0.1", monday)).isTrue();
        assertThat(allowance.tryTake("10.0.0.1", monday)).isFalse();
        assertThat(allowance.tryTake("10.0.0.2", monday)).isTrue();
        allowance.giveBack("10.0.0.1", monday);
        assertThat(allowance.tryTake("10.0.0.1", monday)).isTrue();
        assertThat(allowance.tryTake("10.0.0.1", monday.plusDays(1))).isTrue();
    }
}
