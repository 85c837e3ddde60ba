package org.xephang.core.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.site.AppointmentSettings;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;
import org.xephang.core.site.SiteConfig;
import org.xephang.testkit.MutableClock;

class SlotPlannerTest {

    /** Service A: counter 1 alone and counter 2 shared with B, 10 minutes each: 0.15 places a minute, half booked. */
    static final String YAML = """
            sites:
              - code: s1
                name: Bộ phận Một cửa xã Thử
                openingHours:
                  weekdays: ["07:30-11:30", "13:30-17:00"]
                ticketCutoffMinutes: 15
                holidays:
                  - { date: 2026-12-02, name: Ngày nghỉ bù }
                services:
                  - { code: A, name: Hộ tịch, expectedServiceMinutes: 10 }
                  - { code: B, name: Chứng thực, expectedServiceMinutes: 20 }
                counters:
                  - { number: 1, services: [A] }
                  - { number: 2, services: [A, B] }
                  - { number: 3, services: [B] }
                %s
            """;

    /** Sunday 22 November 2026, evening. */
    static final MutableClock SUNDAY_EVENING = MutableClock.at(LocalDateTime.of(2026, 11, 22, 20, 0));

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    static SiteConfig site(String appointments) {
        try {
            return CentreConfigLoader.parse(YAML.formatted(appointments), "fixture")
                    .sites()
                    .get(0);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    static SlotPlanner planner(String appointments, MutableClock clock) {
        return new SlotPlanner(site(appointments), clock);
    }

    static Instant vn(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(MutableClock.VIETNAM).toInstant();
    }

    static int total(List<Slot> slots) {
        return slots.stream().mapToInt(Slot::capacity).sum();
    }

    @Test
    void slotsFollowTheSessionsAndEndByTheTicketCutOff() {
        List<Slot> slots = planner("", SUNDAY_EVENING).slots("A", MONDAY, Map.of());

        assertThat(slots).hasSize(15 + 13);
        assertThat(slots.get(0).start().toLocalTime()).isEqualTo(LocalTime.of(7, 30));
        assertThat(slots.get(0).end().toLocalTime()).isEqualTo(LocalTime.of(7, 45));
        assertThat(slots.get(14).end().toLocalTime()).isEqualTo(LocalTime.of(11, 15));
        assertThat(slots.get(15).start().toLocalTime()).isEqualTo(LocalTime.of(13, 30));
        assertThat(slots.get(27).end().toLocalTime()).isEqualTo(LocalTime.of(16, 45));
        assertThat(slots).allSatisfy(s -> assertThat(s.start().getZone()).isEqualTo(MutableClock.VIETNAM));
    }

    @Test
    void capacityIsTheCountersTimeSharedAmongTheirServicesLessTheWalkInShare() {
        List<Slot> a = planner("", SUNDAY_EVENING).slots("A", MONDAY, Map.of());
        // 1.5 counters / 10 min × 50 % = 0.075 a minute: 225 min → 16 places, 195 min → 14 places
        assertThat(total(a.subList(0, 15))).isEqualTo(16);
        assertThat(total(a.subList(15, 28))).isEqualTo(14);
        assertThat(a).allSatisfy(s -> assertThat(s.capacity()).isBetween(1, 2));

        // B: 1.5 counters / 20 min × 50 % = 0.0375 a minute, below one place a slot, still offered over the session
        List<Slot> b = planner("", SUNDAY_EVENING).slots("B", MONDAY, Map.of());
        assertThat(total(b.subList(0, 15))).isEqualTo(8);
        assertThat(b.get(0).capacity()).isZero();
        assertThat(b.get(1).capacity()).isEqualTo(1);
    }

    @Test
    void walkInShareOfOneOffersNothingAndZeroOffersEverything() {
        assertThat(total(planner("appointments: {walkInShare: 1}", SUNDAY_EVENING)
                        .slots("A", MONDAY, Map.of())))
                .isZero();
        assertThat(total(planner("appointments: {walkInShare: 0}", SUNDAY_EVENING)
                        .slots("A", MONDAY, Map.of())))
                .isEqualTo(33 + 29);
    }

    @Test
    void slotLengthComesFromTheSiteConfiguration() {
        List<Slot> slots =
                planner("appointments: {slotMinutes: 30}", SUNDAY_EVENING).slots("A", MONDAY, Map.of());
        // 07:30–11:00 (11:00–11:30 would pass the 11:15 cut-off), 13:30–16:30
        assertThat(slots).hasSize(7 + 6);
        assertThat(slots.get(6).end().toLocalTime()).isEqualTo(LocalTime.of(11, 0));
    }

    @Test
    void bookedPlacesReduceTheFreePlacesOfTheirSlot() {
        Instant first = vn(MONDAY, 7, 30);
        List<Slot> slots = planner("", SUNDAY_EVENING).slots("A", MONDAY, Map.of(first, 1));

        assertThat(slots.get(0).booked()).isEqualTo(1);
        assertThat(slots.get(0).free()).isZero();
        assertThat(slots.get(1).free()).isEqualTo(slots.get(1).capacity());
    }

    @Test
    void todayOffersOnlySlotsThatStartAfterNow() {
        MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 11, 23, 10, 50));
        List<Slot> slots = planner("", clock).slots("A", MONDAY, Map.of());

        assertThat(slots.get(0).start().toLocalTime()).isEqualTo(LocalTime.of(11, 0));
        assertThat(slots).hasSize(1 + 13);
    }

    @Test
    void holidaysAndDaysWithoutSessionsAreClosedNamingTheNextOpening() {
        SlotPlanner planner = planner("", SUNDAY_EVENING);

        assertThatThrownBy(() -> planner.slots("A", LocalDate.of(2026, 12, 2), Map.of()))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SITE_CLOSED);
                    assertThat(e.getMessage())
                            .isEqualTo("Ngày 02/12/2026 trung tâm nghỉ (Ngày nghỉ bù). Mời quay lại lúc 07:30 ngày"
                                    + " 03/12/2026.");
                });
        assertThatThrownBy(() -> planner.slots("A", LocalDate.of(2026, 11, 28), Map.of()))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SITE_CLOSED);
                    assertThat(e.getMessage()).startsWith("Ngày 28/11/2026 trung tâm không làm việc.");
                    assertThat(e.toJson().getString("nextOpening")).isEqualTo("2026-11-30T07:30:00+07:00");
                });
        assertThatThrownBy(() -> planner.slotToBook("A", vn(LocalDate.of(2026, 12, 2), 7, 30), Map.of()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SITE_CLOSED);
    }

    @Test
    void daysBeforeTodayAndBeyondTheBookingHorizonAreRefused() {
        SlotPlanner planner = planner("appointments: {daysAhead: 7}", SUNDAY_EVENING);

        assertThatThrownBy(() -> planner.slots("A", LocalDate.of(2026, 11, 20), Map.of()))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SLOT_UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("Ngày 20/11/2026 đã qua.");
                });
        assertThat(planner.slots("A", LocalDate.of(2026, 11, 27), Map.of())).isNotEmpty();
        assertThatThrownBy(() -> planner.slots("A", LocalDate.of(2026, 11, 30), Map.of()))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SLOT_UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("Chỉ nhận đặt lịch đến hết ngày 29/11/2026 (7 ngày tới).");
                });
    }

    @Test
    void bookingChecksThatTheSlotExistsIsAheadAndHasAFreePlace() {
        MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 11, 23, 9, 0));
        SlotPlanner planner = planner("", clock);

        Slot slot = planner.slotToBook("A", vn(MONDAY, 9, 15), Map.of());
        assertThat(slot.start().toLocalTime()).isEqualTo(LocalTime.of(9, 15));
        assertThat(slot.end().toLocalTime()).isEqualTo(LocalTime.of(9, 30));

        assertThatThrownBy(() -> planner.slotToBook("A", vn(MONDAY, 8, 45), Map.of()))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SLOT_UNAVAILABLE);
                    assertThat(e.getMessage())
                            .isEqualTo("Khung giờ 08:45 ngày 23/11/2026 đã qua. Vui lòng chọn khung giờ khác.");
                });
        assertThatThrownBy(() -> planner.slotToBook("A", vn(MONDAY, 9, 20), Map.of()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SLOT_UNAVAILABLE)
                .hasMessageStartingWith("Không có khung giờ hẹn bắt đầu lúc 09:20 ngày 23/11/2026.");
        assertThatThrownBy(() -> planner.slotToBook("A", vn(MONDAY, 11, 15), Map.of()))
                .as("past the cut-off")
                .hasFieldOrPropertyWithValue("code", ErrorCode.SLOT_UNAVAILABLE);
        assertThatThrownBy(() -> planner.slotToBook("A", vn(MONDAY, 9, 15), Map.of(vn(MONDAY, 9, 15), 2)))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SLOT_FULL);
                    assertThat(e.getMessage())
                            .isEqualTo("Khung giờ 09:15 ngày 23/11/2026 đã hết chỗ. Vui lòng chọn khung giờ khác.");
                });
    }

    @Test
    void unknownServicesAndSitesWithoutBookingAreRefused() {
        assertThatThrownBy(() -> planner("", SUNDAY_EVENING).slots("Z", MONDAY, Map.of()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.UNKNOWN_SERVICE)
                .hasMessage("Không có lĩnh vực \"Z\" tại Bộ phận Một cửa xã Thử.");
        assertThatThrownBy(() -> planner("appointments: {enabled: false}", SUNDAY_EVENING)
                        .slotToBook("A", vn(MONDAY, 7, 30), Map.of()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SLOT_UNAVAILABLE)
                .hasMessage("Bộ phận Một cửa xã Thử chưa nhận đặt lịch hẹn trực tuyến. Mời đến trực tiếp.");
    }

    @Test
    void settingsDefaultWhenAbsentAndEveryBadKeyIsNamed() {
        assertThat(site("").appointments()).isEqualTo(AppointmentSettings.DEFAULTS);
        assertThat(site("appointments: {walkInShare: 0.25, graceMinutes: 0}").appointments())
                .isEqualTo(new AppointmentSettings(true, 0.25, 15, 14, 0, 3, 20));

        assertThatThrownBy(() -> CentreConfigLoader.parse(
                        YAML.formatted("appointments: {walkInShare: 1.5, slotMinutes: 2, dayAhead: 3}"), "bad"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p)
                                        .contains("appointments.walkInShare")
                                        .contains("0 to 1"))
                                .anySatisfy(p -> assertThat(p).contains("appointments.slotMinutes"))
                                .anySatisfy(p -> assertThat(p).contains("dayAhead")));
    }
}
