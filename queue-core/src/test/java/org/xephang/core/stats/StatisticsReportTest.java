package org.xephang.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.api.SiteStatistics;
import org.xephang.api.SiteStatistics.Figures;
import org.xephang.api.SiteStatistics.Group;
import org.xephang.api.TicketState;
import org.xephang.api.VietnamTime;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;
import org.xephang.core.site.SiteConfig;

class StatisticsReportTest {

    static final SiteConfig DEMO = demo();
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    /** 08:00 in Hà Nội. */
    static final Instant EIGHT = Instant.parse("2026-11-23T01:00:00Z");

    static final ZoneId ZONE = VietnamTime.ZONE;

    final List<TicketFacts> tickets = new ArrayList<>();

    static SiteConfig demo() {
        try {
            return CentreConfigLoader.load(Path.of("..", "examples", "centre.yaml"))
                    .sites()
                    .get(0);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A served ticket: waited, walked and was served the given seconds, at a counter, by an officer. */
    void served(String service, int counter, int waited, int walked, int serviceTime, Integer rating, boolean linked) {
        Instant issued = EIGHT.plusSeconds(tickets.size());
        Instant called = issued.plusSeconds(waited);
        Instant started = called.plusSeconds(walked);
        tickets.add(TicketFacts.fromTimes(
                service,
                counter,
                "officer" + counter,
                false,
                TicketState.DONE,
                MONDAY,
                ZONE,
                issued,
                called,
                started,
                started.plusSeconds(serviceTime),
                linked,
                rating));
    }

    void other(String service, TicketState state, boolean priority, Instant issued) {
        Instant called = state == TicketState.NO_SHOW ? issued.plusSeconds(600) : null;
        tickets.add(TicketFacts.fromTimes(
                service,
                called == null ? null : 4,
                called == null ? null : "officer4",
                priority,
                state,
                MONDAY,
                ZONE,
                issued,
                called,
                null,
                state == TicketState.WAITING ? null : issued.plusSeconds(900),
                false,
                null));
    }

    @Test
    void waitWalkAndServiceTimesFollowThePeersDefinitions() {
        served("A", 1, 300, 30, 600, 1, true);
        served("A", 1, 100, 10, 200, 2, false);
        served("C", 4, 50, 20, 100, 3, true);

        Figures totals = StatisticsReport.of(DEMO, MONDAY, MONDAY, tickets).totals();

        assertThat(totals.waitSeconds().mean()).isEqualTo(150);
        assertThat(totals.waitSeconds().p90()).isEqualTo(300);
        assertThat(totals.walkSeconds().mean()).isEqualTo(20);
        assertThat(totals.serviceSeconds().mean()).isEqualTo(300);
        assertThat(totals.serviceSeconds().count()).isEqualTo(3);
        assertThat(totals.ratings().veryHappy()).isEqualTo(1);
        assertThat(totals.ratings().happy()).isEqualTo(1);
        assertThat(totals.ratings().unhappy()).isEqualTo(1);
        assertThat(totals.ratings().satisfactionRate()).isEqualTo(2.0 / 3);
        assertThat(totals.dossierLinkRate()).isEqualTo(2.0 / 3);
    }

    @Test
    void ratesCountNoShowsAmongTicketsThatEndedAtACounterAndPriorityAmongIssued() {
        served("C", 4, 60, 10, 100, null, false);
        other("C", TicketState.NO_SHOW, true, EIGHT.plusSeconds(10));
        other("C", TicketState.CANCELLED, false, EIGHT.plusSeconds(20));
        other("C", TicketState.WAITING, true, EIGHT.plusSeconds(30));

        Figures totals = StatisticsReport.of(DEMO, MONDAY, MONDAY, tickets).totals();

        assertThat(totals.issued()).isEqualTo(4);
        assertThat(totals.served()).isEqualTo(1);
        assertThat(totals.noShow()).isEqualTo(1);
        assertThat(totals.cancelled()).isEqualTo(1);
        assertThat(totals.open()).isEqualTo(1);
        assertThat(totals.noShowRate()).isEqualTo(0.5);
        assertThat(totals.priorityShare()).isEqualTo(0.5);
        assertThat(totals.serviceSeconds().count()).isEqualTo(1); // a no-show is never "served"
        assertThat(totals.ratings().satisfactionRate()).isNull();
    }

    @Test
    void groupsFollowTheConfigurationsOrderWithItsNamesAndTheSitesHours() {
        served("C", 4, 60, 10, 100, null, false);
        served("A", 1, 60, 10, 100, null, false);
        other("A", TicketState.WAITING, false, Instant.parse("2026-11-23T06:40:00Z")); // 13:40 local

        SiteStatistics stats = StatisticsReport.of(DEMO, MONDAY, MONDAY, tickets);

        assertThat(stats.timeZone()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(stats.byService()).extracting(Group::key).containsExactly("A", "C");
        assertThat(stats.byService().get(0).label()).isEqualTo("Đất đai");
        assertThat(stats.byService().get(0).figures().issued()).isEqualTo(2);
        assertThat(stats.byCounter()).extracting(Group::key).containsExactly("1", "4");
        assertThat(stats.byCounter().get(1).label()).isEqualTo("Quầy 4 – Hộ tịch");
        assertThat(stats.byOfficer()).extracting(Group::key).containsExactly("officer1", "officer4");
        assertThat(stats.byHour()).extracting(Group::key).containsExactly("08", "13");
        assertThat(stats.byDay()).extracting(Group::key).containsExactly("2026-11-23");
    }

    @Test
    void anEmptyRangeHasZeroCountsAndNoMeans() {
        Figures totals =
                StatisticsReport.of(DEMO, MONDAY, MONDAY.plusDays(6), tickets).totals();

        assertThat(totals.issued()).isZero();
        assertThat(totals.waitSeconds().mean()).isNull();
        assertThat(totals.noShowRate()).isNull();
    }

    @Test
    void theReportSurvivesItsWireForm() {
        served("A", 1, 300, 30, 600, 1, true);
        other("C", TicketState.NO_SHOW, true, EIGHT.plusSeconds(10));
        SiteStatistics stats = StatisticsReport.of(DEMO, MONDAY, MONDAY, tickets);

        assertThat(SiteStatistics.fromJson(stats.toJson())).isEqualTo(stats);
    }
}
