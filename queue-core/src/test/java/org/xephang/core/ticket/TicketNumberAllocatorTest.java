package org.xephang.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.site.Closure;
import org.xephang.core.site.OpeningHours;
import org.xephang.core.site.OpeningHours.Session;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteCalendar;

class TicketNumberAllocatorTest {

    static final ServiceConfig HO_TICH = new ServiceConfig("C", "Hộ tịch", "C", 3, 3, Duration.ofMinutes(8), List.of());
    static final ServiceConfig CHUNG_THUC =
            new ServiceConfig("D", "Chứng thực", "D", 4, null, Duration.ofMinutes(5), List.of());
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    /** Weekdays 07:30–11:30 and 13:30–17:00; Tuesday 24/11/2026 is a (made-up) closure. */
    static final SiteCalendar CALENDAR = new SiteCalendar(
            ZoneId.of("Asia/Ho_Chi_Minh"),
            weekdays(),
            List.of(new Closure(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24), "Kiểm kê")),
            15);

    final TicketNumberAllocator allocator = new TicketNumberAllocator(CALENDAR);

    static OpeningHours weekdays() {
        Map<DayOfWeek, List<Session>> sessions = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            sessions.put(
                    day,
                    List.of(
                            new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)),
                            new Session(LocalTime.of(13, 30), LocalTime.of(17, 0))));
        }
        return new OpeningHours(sessions);
    }

    String issue(ServiceConfig service, LocalDate day) {
        TicketNumberAllocator.Allocation allocation = allocator.next(service, day);
        allocator.commit(service.code(), day, allocation.sequence());
        return allocation.number();
    }

    @Test
    void numbersStartAtOneZeroPaddedToTheServiceWidth() {
        assertThat(issue(HO_TICH, MONDAY)).isEqualTo("C001");
        assertThat(issue(HO_TICH, MONDAY)).isEqualTo("C002");
        assertThat(issue(CHUNG_THUC, MONDAY)).isEqualTo("D0001");
    }

    @Test
    void blocksAreLeasedFromTheTopDownAndOnlineNumbersSkipThem() {
        assertThat(allocator.nextBlock(CHUNG_THUC, MONDAY, 20)).containsExactly(9980, 9999);
        allocator.lease("D", MONDAY, 9980, 9999);
        assertThat(allocator.nextBlock(CHUNG_THUC, MONDAY, 20)).containsExactly(9960, 9979);
        assertThat(allocator.isLeased("D", MONDAY, 9990)).isTrue();
        assertThat(allocator.isLeased("D", MONDAY.plusDays(1), 9990)).isFalse();

        allocator.lease("D", MONDAY, 2, 4); // a block that online numbering reaches
        assertThat(issue(CHUNG_THUC, MONDAY)).isEqualTo("D0001");
        assertThat(issue(CHUNG_THUC, MONDAY)).isEqualTo("D0005");
    }

    @Test
    void aBlockIsCutAtTheCapAndAboveTheNumbersIssuedAndRefusedWhenNothingIsLeft() {
        issue(HO_TICH, MONDAY); // C001 of a cap of 3
        assertThat(allocator.nextBlock(HO_TICH, MONDAY, 20)).containsExactly(2, 3);
        allocator.lease("C", MONDAY, 2, 3);

        assertThatThrownBy(() -> allocator.nextBlock(HO_TICH, MONDAY, 20))
                .isInstanceOfSatisfying(
                        QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DAILY_CAP_REACHED));
        assertThatThrownBy(() -> allocator.next(HO_TICH, MONDAY))
                .isInstanceOfSatisfying(
                        QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DAILY_CAP_REACHED));
    }

    @Test
    void eachServiceCountsOnItsOwn() {
        issue(HO_TICH, MONDAY);
        issue(HO_TICH, MONDAY);

        assertThat(issue(CHUNG_THUC, MONDAY)).isEqualTo("D0001");
        assertThat(allocator.issued("C", MONDAY)).isEqualTo(2);
    }

    @Test
    void numberingResetsOnANewLocalDay() {
        issue(HO_TICH, MONDAY);
        issue(HO_TICH, MONDAY);

        assertThat(issue(HO_TICH, MONDAY.plusDays(1))).isEqualTo("C001");
    }

    @Test
    void theDailyCapRefusesWithAVietnameseMessageAndTheNextWorkingDaysFirstSession() {
        issue(HO_TICH, MONDAY);
        issue(HO_TICH, MONDAY);
        issue(HO_TICH, MONDAY);

        assertThatThrownBy(() -> allocator.next(HO_TICH, MONDAY))
                .isInstanceOf(QueueError.class)
                .hasMessage("Lĩnh vực Hộ tịch đã hết số thứ tự trong ngày (tối đa 3 số). "
                        + "Mời quay lại lúc 07:30 ngày 25/11/2026.")
                .satisfies(e -> {
                    QueueError refusal = (QueueError) e;
                    assertThat(refusal.code()).isEqualTo(ErrorCode.DAILY_CAP_REACHED);
                    assertThat(refusal.toJson().getString("nextOpening")).isEqualTo("2026-11-25T07:30:00+07:00");
                });
        assertThat(issue(HO_TICH, MONDAY.plusDays(1))).isEqualTo("C001");
    }

    @Test
    void aCapReachedOnFridaySendsPeopleToMonday() {
        LocalDate friday = LocalDate.of(2026, 11, 27);
        allocator.restore("C", friday, 3);

        assertThatThrownBy(() -> allocator.next(HO_TICH, friday))
                .hasMessageEndingWith("Mời quay lại lúc 07:30 ngày 30/11/2026.");
    }

    @Test
    void aCapReachedAtASiteThatNeverOpensAgainSaysSo() {
        TicketNumberAllocator closedForGood = new TicketNumberAllocator(
                new SiteCalendar(ZoneId.of("Asia/Ho_Chi_Minh"), new OpeningHours(Map.of()), List.of(), 0));
        closedForGood.restore("C", MONDAY, 3);

        assertThatThrownBy(() -> closedForGood.next(HO_TICH, MONDAY))
                .hasMessageEndingWith("Chưa có lịch mở cửa tiếp theo.")
                .satisfies(e -> assertThat(((QueueError) e).toJson().containsKey("nextOpening"))
                        .isFalse());
    }

    @Test
    void aNumberNotCommittedIsGivenAgain() {
        allocator.next(HO_TICH, MONDAY);

        assertThat(issue(HO_TICH, MONDAY)).isEqualTo("C001");
    }

    @Test
    void restoredNumberingContinuesAfterTheLastIssuedNumber() {
        allocator.restore("C", MONDAY, 2);

        assertThat(issue(HO_TICH, MONDAY)).isEqualTo("C003");
    }

    @Test
    void aSequenceLongerThanTheWidthIsPrintedInFull() {
        assertThat(TicketNumberAllocator.format("A", 3, 1023)).isEqualTo("A1023");
        assertThat(TicketNumberAllocator.format("B", 4, 7)).isEqualTo("B0007");
    }

    @Test
    void forgettingOldDaysKeepsToday() {
        issue(HO_TICH, MONDAY);
        issue(HO_TICH, MONDAY.plusDays(1));

        allocator.forgetBefore(MONDAY.plusDays(1));

        assertThat(allocator.issued("C", MONDAY)).isZero();
        assertThat(allocator.issued("C", MONDAY.plusDays(1))).isEqualTo(1);
    }
}
