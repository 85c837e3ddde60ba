package org.xephang.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.site.ServiceConfig;

class TicketNumberAllocatorTest {

    static final ServiceConfig HO_TICH = new ServiceConfig("C", "Hộ tịch", "C", 3, 3, Duration.ofMinutes(8), List.of());
    static final ServiceConfig CHUNG_THUC =
            new ServiceConfig("D", "Chứng thực", "D", 4, null, Duration.ofMinutes(5), List.of());
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    final TicketNumberAllocator allocator = new TicketNumberAllocator();

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
    void theDailyCapRefusesWithAVietnameseMessage() {
        issue(HO_TICH, MONDAY);
        issue(HO_TICH, MONDAY);
        issue(HO_TICH, MONDAY);

        assertThatThrownBy(() -> allocator.next(HO_TICH, MONDAY))
                .isInstanceOf(QueueError.class)
                .hasMessage("Lĩnh vực Hộ tịch đã hết số thứ tự trong ngày (tối đa 3 số). "
                        + "Mời quay lại vào ngày làm việc tiếp theo.")
                .extracting(e -> ((QueueError) e).code())
                .isEqualTo(ErrorCode.DAILY_CAP_REACHED);
        assertThat(issue(HO_TICH, MONDAY.plusDays(1))).isEqualTo("C001");
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
