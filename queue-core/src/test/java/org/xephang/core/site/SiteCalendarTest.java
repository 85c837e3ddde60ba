package org.xephang.core.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.site.OpeningHours.Session;

class SiteCalendarTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    static final SiteCalendar CALENDAR = new SiteCalendar(
            VIETNAM,
            hours(),
            List.of(
                    new Closure(LocalDate.of(2026, 9, 2), LocalDate.of(2026, 9, 2), "Quốc khánh"),
                    new Closure(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 12), "Tết Nguyên đán")),
            15);

    static OpeningHours hours() {
        Map<DayOfWeek, List<Session>> sessions = new EnumMap<>(DayOfWeek.class);
        List<Session> weekday = List.of(
                new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)),
                new Session(LocalTime.of(13, 30), LocalTime.of(17, 0)));
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            sessions.put(day, weekday);
        }
        sessions.put(DayOfWeek.SATURDAY, List.of(new Session(LocalTime.of(7, 30), LocalTime.of(11, 30))));
        return new OpeningHours(sessions);
    }

    static Instant vn(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(VIETNAM).toInstant();
    }

    static ZonedDateTime vnZoned(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(VIETNAM);
    }

    @Test
    void issuesInsideASessionBeforeItsCutOff() {
        // Monday 23/11/2026
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 23, 7, 30))).isTrue();
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 23, 11, 14))).isTrue();
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 23, 14, 0))).isTrue();
    }

    @Test
    void refusesBeforeOpeningDuringLunchAndFromTheCutOff() {
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 23, 7, 29))).isFalse();
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 23, 11, 15))).isFalse();
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 23, 12, 0))).isFalse();
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 23, 16, 45))).isFalse();
    }

    @Test
    void saturdayMorningIsOpenAndSundayIsClosed() {
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 28, 9, 0))).isTrue();
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 28, 14, 0))).isFalse();
        assertThat(CALENDAR.isIssuing(vn(2026, 11, 29, 9, 0))).isFalse();
    }

    @Test
    void nextOpeningDuringLunchIsTheAfternoonSession() {
        assertThat(CALENDAR.nextOpening(vn(2026, 11, 23, 12, 0))).contains(vnZoned(2026, 11, 23, 13, 30));
    }

    @Test
    void nextOpeningAfterTheMorningCutOffIsTheAfternoonNotNow() {
        assertThat(CALENDAR.nextOpening(vn(2026, 11, 23, 11, 20))).contains(vnZoned(2026, 11, 23, 13, 30));
    }

    @Test
    void nextOpeningWhileOpenIsNow() {
        assertThat(CALENDAR.nextOpening(vn(2026, 11, 23, 9, 0))).contains(vnZoned(2026, 11, 23, 9, 0));
    }

    @Test
    void nextOpeningOnFridayEveningIsSaturdayMorning() {
        assertThat(CALENDAR.nextOpening(vn(2026, 11, 27, 18, 0))).contains(vnZoned(2026, 11, 28, 7, 30));
    }

    @Test
    void nextOpeningOnSaturdayAfternoonIsMondayMorning() {
        assertThat(CALENDAR.nextOpening(vn(2026, 11, 28, 12, 0))).contains(vnZoned(2026, 11, 30, 7, 30));
    }

    @Test
    void aHolidayIsClosedAndTheNextOpeningSkipsIt() {
        // Wednesday 2/9/2026 Quốc khánh
        assertThat(CALENDAR.isIssuing(vn(2026, 9, 2, 9, 0))).isFalse();
        assertThat(CALENDAR.nextOpening(vn(2026, 9, 1, 18, 0))).contains(vnZoned(2026, 9, 3, 7, 30));
    }

    @Test
    void aClosureRangeSkipsEveryDayOfIt() {
        // Tết: Friday 5/2/2027 to Friday 12/2/2027; next opening Saturday 13/2 morning.
        assertThat(CALENDAR.nextOpening(vn(2027, 2, 4, 18, 0))).contains(vnZoned(2027, 2, 13, 7, 30));
    }

    @Test
    void theFirstOpeningAfterADayIsTheFirstSessionOfTheNextWorkingDay() {
        // Monday → Tuesday morning, even while Monday afternoon is still to come.
        assertThat(CALENDAR.firstOpeningAfter(LocalDate.of(2026, 11, 23))).contains(vnZoned(2026, 11, 24, 7, 30));
        // Saturday → Monday (no Sunday sessions).
        assertThat(CALENDAR.firstOpeningAfter(LocalDate.of(2026, 11, 28))).contains(vnZoned(2026, 11, 30, 7, 30));
        // The day before Quốc khánh → the day after it; the day before Tết → the Saturday after it.
        assertThat(CALENDAR.firstOpeningAfter(LocalDate.of(2026, 9, 1))).contains(vnZoned(2026, 9, 3, 7, 30));
        assertThat(CALENDAR.firstOpeningAfter(LocalDate.of(2027, 2, 4))).contains(vnZoned(2027, 2, 13, 7, 30));
    }

    @Test
    void aClosedRefusalCarriesTheNextOpeningAsAField() {
        QueueError refusal = CALENDAR.closedRefusal(vn(2026, 11, 28, 12, 0));

        assertThat(refusal.code()).isEqualTo(ErrorCode.SITE_CLOSED);
        assertThat(refusal.toJson().getString(SiteCalendar.NEXT_OPENING_FIELD)).isEqualTo("2026-11-30T07:30:00+07:00");
    }

    @Test
    void localDayAndHoursAreThoseOfTheSiteZoneNotUtc() {
        // 00:30 UTC is 07:30 in Vietnam.
        Instant at = Instant.parse("2026-11-23T00:30:00Z");
        assertThat(CALENDAR.isIssuing(at)).isTrue();
        // 17:30 UTC on the 22nd is already the 23rd at 00:30 in Vietnam.
        assertThat(CALENDAR.localDay(Instant.parse("2026-11-22T17:30:00Z"))).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void closedMessageNamesTheNextOpeningInVietnamese() {
        assertThat(CALENDAR.closedMessage(vn(2026, 11, 28, 12, 0)))
                .isEqualTo("Ngoài giờ cấp số thứ tự. Mời quay lại lúc 07:30 ngày 30/11/2026.");
        assertThat(CALENDAR.closedMessage(vn(2026, 9, 2, 9, 0)))
                .isEqualTo("Hôm nay trung tâm nghỉ (Quốc khánh). Mời quay lại lúc 07:30 ngày 03/09/2026.");
    }

    @Test
    void aSiteThatNeverOpensHasNoNextOpening() {
        SiteCalendar never = new SiteCalendar(VIETNAM, new OpeningHours(Map.of()), List.of(), 0);

        assertThat(never.nextOpening(vn(2026, 11, 23, 9, 0))).isEmpty();
        assertThat(never.closedMessage(vn(2026, 11, 23, 9, 0))).contains("Chưa có lịch mở cửa tiếp theo");
        assertThat(never.firstOpeningAfter(LocalDate.of(2026, 11, 23))).isEmpty();
        assertThat(never.closedRefusal(vn(2026, 11, 23, 9, 0)).toJson().containsKey(SiteCalendar.NEXT_OPENING_FIELD))
                .isFalse();
    }
}
