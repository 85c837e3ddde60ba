package org.xephang.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.xephang.api.CounterState;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.QueueSnapshot.Call;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.QueueSnapshot.ServiceQueue;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.api.WaitingTicket;
import org.xephang.core.counter.CounterDesk;
import org.xephang.core.routing.LinePositions;
import org.xephang.core.routing.WaitEstimator;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.TicketRecord;
import org.xephang.core.ticket.TypedTicketNumber;

/**
 * The API views of a site's state: tickets with their place and estimate, counters, the snapshot. Built over the
 * writer's live state (for the events and answers of a command) or over a committed copy (for queries from any thread,
 * see {@link SiteState#published()}).
 */
final class SiteView {

    private static final WaitEstimator ESTIMATE = new WaitEstimator();

    private final SiteConfig config;
    private final EngineOptions options;
    private final Clock clock;
    /** The live tickets (writer thread) or the committed ones (a concurrent map, read from any thread). */
    private final Map<String, TicketRecord> tickets;

    private final LinePositions positions;
    private final Map<Integer, CounterDesk> desks;
    private final Collection<Call> lastCalls;
    private final long seq;
    private final Function<String, Duration> averageServiceTime;

    SiteView(
            SiteConfig config,
            EngineOptions options,
            Clock clock,
            Map<String, TicketRecord> tickets,
            LinePositions positions,
            Map<Integer, CounterDesk> desks,
            Collection<Call> lastCalls,
            long seq,
            Function<String, Duration> averageServiceTime) {
        this.config = config;
        this.options = options;
        this.clock = clock;
        this.tickets = tickets;
        this.positions = positions;
        this.desks = desks;
        this.lastCalls = lastCalls;
        this.seq = seq;
        this.averageServiceTime = averageServiceTime;
    }

    Optional<TicketRecord> find(String ticketId) {
        return Optional.ofNullable(tickets.get(ticketId));
    }

    /** The ticket of the site's local day now with this number (numbers repeat only across days). */
    Optional<TicketRecord> findByNumber(TypedTicketNumber number) {
        LocalDate today = clock.instant().atZone(config.timeZone()).toLocalDate();
        return tickets.values().stream()
                .filter(t -> t.localDay().equals(today) && number.matches(t.number()))
                .findFirst();
    }

    /** The WAITING tickets, of every service or only {@code service}'s; see {@code QueueService#waiting}. */
    List<WaitingTicket> waiting(String service) {
        if (service != null && config.service(service).isEmpty()) {
            throw new QueueError(
                    ErrorCode.UNKNOWN_SERVICE,
                    "Điểm phục vụ không có lĩnh vực \"" + service + "\".",
                    "The site has no service \"" + service + "\".");
        }
        List<String> order = config.services().stream().map(ServiceConfig::code).toList();
        return tickets.values().stream()
                .filter(t -> t.state() == TicketState.WAITING)
                .filter(t -> service == null || service.equals(t.service()))
                .map(t -> new WaitingTicket(
                        t.number(),
                        t.service(),
                        t.priority(),
                        t.issuedAt(),
                        positions.waitingAhead(t) + 1,
                        t.assignedCounter()))
                .sorted(Comparator.comparingInt((WaitingTicket w) -> order.indexOf(w.service()))
                        .thenComparingInt(w -> w.counter() == null ? 0 : w.counter())
                        .thenComparingInt(WaitingTicket::position))
                .toList();
    }

    long seq() {
        return seq;
    }

    /** The API ticket; a WAITING one with its place in its queue and its estimated wait (docs/adr/0015). */
    Ticket ticket(TicketRecord ticket) {
        String statusUrl = options.publicBaseUrl() + "/t/" + ticket.id();
        if (ticket.state() != TicketState.WAITING) {
            return ticket.toApi(null, null, statusUrl);
        }
        int ahead = positions.waitingAhead(ticket);
        int open = (int) config.counters().stream()
                .filter(c -> ticket.assignedCounter() != null
                        ? c.number() == ticket.assignedCounter()
                        : c.services().contains(ticket.service()))
                .filter(c -> desks.get(c.number()).state() == CounterState.OPEN)
                .count();
        Duration average = averageServiceTime.apply(ticket.service());
        return ticket.toApi(ahead, ESTIMATE.estimateSeconds(ahead, open, average), statusUrl);
    }

    QueueSnapshot snapshot() {
        List<ServiceQueue> services = new ArrayList<>();
        for (ServiceConfig service : config.services()) {
            services.add(new ServiceQueue(
                    service.code(),
                    service.name(),
                    service.prefix(),
                    positions.waiting(service.code()),
                    positions.waitingPriority(service.code())));
        }
        List<CounterView> counters = desks.values().stream().map(this::counter).toList();
        return new QueueSnapshot(seq, config.code(), clock.instant(), services, counters, List.copyOf(lastCalls));
    }

    CounterView counter(CounterDesk desk) {
        CounterConfig counter = config.counter(desk.number()).orElseThrow();
        Ticket held = desk.ticketId() == null ? null : ticket(tickets.get(desk.ticketId()));
        return new CounterView(
                desk.number(),
                counter.name(),
                desk.state(),
                desk.pauseReason(),
                desk.pausedAt(),
                desk.officer(),
                counter.services(),
                held);
    }
}
