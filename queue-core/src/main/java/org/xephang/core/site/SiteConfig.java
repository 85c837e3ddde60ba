package org.xephang.core.site;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xephang.api.SiteInfo;
import org.xephang.api.announce.AnnouncementOptions;
import org.xephang.core.notify.NotificationSettings;

/**
 * One site (a Trung tâm Phục vụ hành chính công or a Bộ phận Một cửa).
 *
 * @param unitLines the header lines printed at the top of each ticket, e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
 * @param ticketCutoffMinutes kiosks stop issuing tickets this many minutes before each session ends
 * @param notice the scrolling line of the boards, or null
 * @param hotline a phone number printed on tickets, or null
 * @param calledTimeoutMinutes a CALLED ticket not started within this time goes back to WAITING at the front of its
 *     queue (NO_SHOW once called {@value #MAX_CALLS_BEFORE_NO_SHOW} times); null = never (the default)
 * @param priorityRule when a counter calls a normal ticket although priority tickets wait; null means
 *     {@link PriorityRule#DEFAULT}
 * @param supervision the supervisor's live view's alert thresholds (config {@code supervision:}; defaults 30 and 15
 *     minutes)
 * @param notifications "sắp đến lượt" and "mời đến quầy" messages (config {@code notifications:}); null means
 *     {@link NotificationSettings#OFF}
 * @param appointments how the site takes bookings (config {@code appointments:}); null means {@link
 *     AppointmentSettings#DEFAULTS}
 * @param retention how long the detail of its tickets is kept (config {@code retention:}); null means {@link
 *     RetentionSettings#DEFAULTS}
 * @param offline the number blocks leased to kiosks for offline issuing (config {@code offline:}); null means {@link
 *     OfflineSettings#OFF}
 */
public record SiteConfig(
        String code,
        String name,
        List<String> unitLines,
        ZoneId timeZone,
        OpeningHours openingHours,
        int ticketCutoffMinutes,
        List<Closure> closures,
        List<PriorityCategory> priorityCategories,
        List<ServiceConfig> services,
        List<CounterConfig> counters,
        String notice,
        String hotline,
        AnnouncementOptions announcement,
        Integer calledTimeoutMinutes,
        PriorityRule priorityRule,
        SiteInfo.Supervision supervision,
        NotificationSettings notifications,
        AppointmentSettings appointments,
        RetentionSettings retention,
        OfflineSettings offline) {

    /** A ticket that timed out at the counter this many times becomes NO_SHOW instead of going back to the queue. */
    public static final int MAX_CALLS_BEFORE_NO_SHOW = 3;

    public SiteConfig {
        supervision = supervision == null ? SiteInfo.Supervision.DEFAULTS : supervision;
        notifications = notifications == null ? NotificationSettings.OFF : notifications;
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(openingHours, "openingHours");
        Objects.requireNonNull(announcement, "announcement");
        appointments = appointments == null ? AppointmentSettings.DEFAULTS : appointments;
        retention = retention == null ? RetentionSettings.DEFAULTS : retention;
        offline = offline == null ? OfflineSettings.OFF : offline;
        priorityRule = priorityRule == null ? PriorityRule.DEFAULT : priorityRule;
        unitLines = List.copyOf(unitLines);
        closures = List.copyOf(closures);
        priorityCategories = List.copyOf(priorityCategories);
        services = List.copyOf(services);
        counters = List.copyOf(counters);
    }

    public Optional<ServiceConfig> service(String serviceCode) {
        // A loop, not a stream: the writer asks for every service of a site after every group (issue 18).
        for (ServiceConfig service : services) {
            if (service.code().equals(serviceCode)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    public Optional<CounterConfig> counter(int number) {
        return counters.stream().filter(c -> c.number() == number).findFirst();
    }

    public Optional<PriorityCategory> priorityCategory(String categoryCode) {
        return priorityCategories.stream()
                .filter(p -> p.code().equals(categoryCode))
                .findFirst();
    }

    /** The counters that serve a service, in counter-number order. */
    public List<CounterConfig> countersServing(String serviceCode) {
        return counters.stream().filter(c -> c.services().contains(serviceCode)).toList();
    }

    /** The public description served to kiosks and boards. */
    public SiteInfo toSiteInfo() {
        return new SiteInfo(
                code,
                name,
                unitLines,
                timeZone.getId(),
                services.stream()
                        .map(s -> new SiteInfo.Service(
                                s.code(),
                                s.name(),
                                s.prefix(),
                                countersServing(s.code()).stream()
                                        .map(CounterConfig::number)
                                        .toList(),
                                s.procedures().stream()
                                        .map(p -> new SiteInfo.Procedure(
                                                p.name(), p.documents(), p.processingTime(), p.fee()))
                                        .toList(),
                                s.nameEn(),
                                s.closed()))
                        .toList(),
                counters.stream()
                        .map(c -> new SiteInfo.Counter(c.number(), c.name(), c.services()))
                        .toList(),
                priorityCategories.stream()
                        .map(p -> new SiteInfo.PriorityCategory(p.code(), p.name()))
                        .toList(),
                openingHours.describe(),
                notice,
                hotline,
                announcement,
                supervision,
                openingHours.describeInEnglish());
    }
}
