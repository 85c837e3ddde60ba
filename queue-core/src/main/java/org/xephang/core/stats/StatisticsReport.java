package org.xephang.core.stats;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.xephang.api.SiteStatistics;
import org.xephang.api.SiteStatistics.Durations;
import org.xephang.api.SiteStatistics.Figures;
import org.xephang.api.SiteStatistics.Group;
import org.xephang.api.SiteStatistics.Ratings;
import org.xephang.api.TicketState;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteConfig;

/** Turns a site's tickets of some days into its {@link SiteStatistics}. Pure: no clock, no database. */
public final class StatisticsReport {

    private StatisticsReport() {}

    public static SiteStatistics of(SiteConfig site, LocalDate from, LocalDate to, List<TicketFacts> tickets) {
        return of(site, from, to, tickets, Function.identity());
    }

    /**
     * The statistics, officers labelled by {@code officerName} (their display name; the key stays the username).
     */
    public static SiteStatistics of(
            SiteConfig site,
            LocalDate from,
            LocalDate to,
            List<TicketFacts> tickets,
            Function<String, String> officerName) {
        ZoneId zone = site.timeZone();
        return new SiteStatistics(
                site.code(),
                from,
                to,
                zone.getId(),
                figures(tickets),
                groups(
                        tickets,
                        TicketFacts::service,
                        Comparator.comparingInt(code -> serviceOrder(site, code)),
                        code -> site.service(code).map(ServiceConfig::name).orElse(code)),
                groups(
                        tickets.stream().filter(t -> t.counter() != null).toList(),
                        t -> String.valueOf(t.counter()),
                        Comparator.comparingInt(Integer::parseInt),
                        number -> site.counter(Integer.parseInt(number))
                                .map(CounterConfig::name)
                                .orElse(number)),
                groups(
                        tickets.stream().filter(t -> t.officer() != null).toList(),
                        TicketFacts::officer,
                        Comparator.naturalOrder(),
                        officerName),
                groups(
                        tickets,
                        t -> String.format("%02d", t.issuedHour()),
                        Comparator.naturalOrder(),
                        hour -> hour + ":00"),
                groups(tickets, t -> t.localDay().toString(), Comparator.naturalOrder(), Function.identity()));
    }

    private static int serviceOrder(SiteConfig site, String code) {
        List<ServiceConfig> services = site.services();
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).code().equals(code)) {
                return i;
            }
        }
        return services.size();
    }

    private static List<Group> groups(
            List<TicketFacts> tickets,
            Function<TicketFacts, String> key,
            Comparator<String> order,
            Function<String, String> label) {
        Map<String, List<TicketFacts>> byKey = new TreeMap<>(order);
        for (TicketFacts t : tickets) {
            byKey.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        }
        List<Group> groups = new ArrayList<>();
        byKey.forEach((k, members) -> groups.add(new Group(k, label.apply(k), figures(members))));
        return groups;
    }

    static Figures figures(List<TicketFacts> tickets) {
        int served = 0;
        int noShow = 0;
        int cancelled = 0;
        int open = 0;
        int priority = 0;
        int linked = 0;
        int[] ratings = new int[4];
        for (TicketFacts t : tickets) {
            switch (t.state()) {
                case DONE -> served++;
                case NO_SHOW -> noShow++;
                case CANCELLED -> cancelled++;
                case WAITING, CALLED, SERVING -> open++;
            }
            if (t.priority()) {
                priority++;
            }
            if (t.dossierLinked() && t.state() == TicketState.DONE) {
                linked++;
            }
            if (t.nationalRating() != null && t.nationalRating() >= 1 && t.nationalRating() <= 3) {
                ratings[t.nationalRating()]++;
            }
        }
        return new Figures(
                tickets.size(),
                served,
                noShow,
                cancelled,
                open,
                priority,
                linked,
                durations(tickets, TicketFacts::waited),
                durations(tickets, TicketFacts::walked),
                durations(tickets, TicketFacts::served),
                new Ratings(ratings[1], ratings[2], ratings[3]));
    }

    /** Mean and 90th percentile (nearest rank) in whole seconds of the durations measured. */
    static Durations durations(List<TicketFacts> tickets, Function<TicketFacts, Duration> measure) {
        long[] seconds = tickets.stream()
                .map(measure)
                .filter(d -> d != null)
                .mapToLong(Duration::toSeconds)
                .toArray();
        if (seconds.length == 0) {
            return new Durations(0, null, null);
        }
        Arrays.sort(seconds);
        long sum = 0;
        for (long s : seconds) {
            sum += s;
        }
        int rank = (int) Math.ceil(0.9 * seconds.length);
        return new Durations(seconds.length, Math.round((double) sum / seconds.length), seconds[rank - 1]);
    }
}
