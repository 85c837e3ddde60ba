package org.xephang.core.engine;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueSnapshot.Call;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.Ticket;
import org.xephang.core.counter.CounterDesk;
import org.xephang.core.persistence.NumberBlockStore;
import org.xephang.core.persistence.QueueStore;
import org.xephang.core.routing.WaitEstimator;
import org.xephang.core.routing.WaitingLines;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteCalendar;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.NumberBlock;
import org.xephang.core.ticket.TicketNumberAllocator;
import org.xephang.core.ticket.TicketRecord;

/**
 * The in-memory state of one site: its tickets, waiting lines, counters, numbering, last calls and counters of the
 * event log. Changed only on the writer thread, through the methods that also write the change through the store; read
 * from any thread through the copy {@link #publishIfChanged()} makes after each committed group.
 *
 * <p><b>Size.</b> About 520 lines on purpose: what it holds is one site's memory, each part (tickets and lines, desks,
 * numbering, idempotency and queue keys, the day, the publication and the parts of it reused while unchanged) a handful
 * of short accessors over fields the others also read, and the commands, rules, events and housekeeping that use them
 * are classes of their own ({@link SiteQueue}). Splitting the fields further would spread one invariant (the live state
 * and its published copy change together) over several classes.
 */
final class SiteState {

    private static final int LAST_CALLS = 8;

    private final SiteQueue site;
    /** Replaced between groups by {@link #reconfigure} (writer thread); read by queries from any thread. */
    private volatile SiteConfig config;

    private volatile SiteCalendar calendar;
    private final Clock clock;
    private final EngineOptions options;
    /** Every site's tickets in memory by id, shared by the engine's sites (writer thread): which site a ticket is at. */
    private final Map<String, SiteQueue> siteOfTicket;

    private final Map<String, TicketRecord> tickets = new LinkedHashMap<>();
    /** The WAITING tickets of {@link #tickets} by queue, in calling order: kept by {@link #put} and {@link #forget}. */
    private final WaitingLines lines = new WaitingLines();
    /**
     * The tickets as of the last committed group, for queries from any thread. Updated after each commit with the
     * tickets the group changed, never copied whole (a busy site holds thousands).
     */
    private final Map<String, TicketRecord> committed = new ConcurrentHashMap<>();
    /** Ids of the tickets changed (or forgotten) since the last publication. */
    private final Set<String> changedTickets = new HashSet<>();

    private final Map<Integer, CounterDesk> desks = new TreeMap<>();
    /**
     * Per local day, the ticket id issued under each idempotency key: the key the ticket already holds, not a new
     * "day|key" string per ticket (docs/adr/0040-young-pauses-that-grow-with-the-day.md).
     */
    private final Map<LocalDate, Map<String, String>> idempotency = new HashMap<>();

    private final Deque<Call> lastCalls = new ArrayDeque<>();
    /** Per counter, its priority calls since its last normal call: the streak the site's priority rule bounds. */
    private final Map<Integer, Integer> priorityCallsInRow = new HashMap<>();

    private TicketNumberAllocator allocator;
    private WaitEstimator estimator = new WaitEstimator();
    private volatile LocalDate currentDay;
    /** Set by {@link #load}: tickets of earlier days may still be open and are cancelled by the next rollover. */
    private volatile boolean staleCheckPending;
    /** Whether the live state changed since {@link #publishIfChanged()}. */
    private boolean changed = true;

    private volatile SiteView published;
    /**
     * What the last publication copied, reused by the next one while unchanged: most groups only issue tickets, and
     * these were copied after every group (docs/adr/0040-young-pauses-that-grow-with-the-day.md). The averages are
     * recomputed when a service time is recorded, the estimator replaced or the configuration changed.
     */
    private Map<String, Duration> publishedAverages;

    private SiteConfig averagesConfig;
    private Map<Integer, CounterDesk> publishedDesks = Map.of();
    private List<Call> publishedCalls = List.of();
    /** The services whose daily cap was reached on the current day, as of the last publication. */
    private volatile List<String> capReached = List.of();

    private long lastSeq;
    private long lastIssueOrder;
    private long minQueueKey;
    private long maxQueueKey;

    SiteState(
            SiteQueue site,
            SiteConfig config,
            Clock clock,
            EngineOptions options,
            Map<String, SiteQueue> siteOfTicket) {
        this.site = site;
        this.config = config;
        this.siteOfTicket = siteOfTicket;
        this.calendar = SiteCalendar.of(config);
        this.clock = clock;
        this.options = options;
        this.allocator = new TicketNumberAllocator(calendar);
    }

    SiteConfig config() {
        return config;
    }

    SiteCalendar calendar() {
        return calendar;
    }

    /**
     * A saved configuration change, applied between groups on the writer thread: tickets keep their numbers and places
     * (numbering continues), a new counter starts closed, a removed counter's desk goes (the caller refused removing
     * one that is open); caps, hours and routing follow {@code next} from the next command on.
     */
    void reconfigure(SiteConfig next) {
        config = next;
        calendar = SiteCalendar.of(next);
        allocator = allocator.withCalendar(calendar);
        for (CounterConfig counter : next.counters()) {
            desks.putIfAbsent(counter.number(), CounterDesk.closed(counter.number()));
        }
        desks.keySet().removeIf(number -> next.counter(number).isEmpty());
        changed = true;
    }

    /** The desks of the counters now configured (writer thread). */
    Map<Integer, CounterDesk> desksNow() {
        return Map.copyOf(desks);
    }

    EngineOptions options() {
        return options;
    }

    // ---------------------------------------------------------------- rebuild

    /** Replaces the memory with the database's state (on start and after a rolled-back group). */
    void load(QueueStore store) throws SQLException {
        Instant now = clock.instant();
        LocalDate today = calendar.localDay(now);
        tickets.keySet().forEach(siteOfTicket::remove);
        tickets.clear();
        lines.clear();
        // Readers keep the committed tickets until the rebuilt state is published; then the stale ones go.
        changedTickets.addAll(committed.keySet());
        desks.clear();
        idempotency.clear();
        lastCalls.clear();
        priorityCallsInRow.clear();
        allocator = new TicketNumberAllocator(calendar);
        estimator = new WaitEstimator();
        publishedAverages = null;
        for (TicketRecord t : store.loadTickets(config.code(), today)) {
            put(t);
            if (t.idempotencyKey() != null) {
                rememberKey(t.localDay(), t.idempotencyKey(), t.id());
            }
        }
        store.lastSequences(config.code(), today).forEach((service, seq) -> allocator.restore(service, today, seq));
        for (NumberBlock block : new NumberBlockStore(store.connection()).day(config.code(), today)) {
            allocator.lease(block.service(), today, block.first(), block.last());
        }
        Map<Integer, CounterDesk> stored = store.loadDesks(config.code());
        for (CounterConfig counter : config.counters()) {
            desks.put(counter.number(), stored.getOrDefault(counter.number(), CounterDesk.closed(counter.number())));
        }
        store.recentServiceMillis(config.code(), 20)
                .forEach((service, times) -> times.forEach(ms -> estimator.record(service, Duration.ofMillis(ms))));
        tickets.values().stream()
                .filter(t -> t.calledAt() != null
                        && t.counter() != null
                        && t.localDay().equals(today))
                .sorted((a, b) -> a.calledAt().compareTo(b.calledAt()))
                .forEach(t -> {
                    addCall(new Call(t.id(), t.number(), t.service(), t.counter(), t.calledAt(), t.callCount()));
                    countCall(t.counter(), t);
                });
        lastSeq = store.lastSeq(config.code());
        lastIssueOrder = store.lastIssueOrder(config.code());
        long[] range = store.queueKeyRange(config.code());
        minQueueKey = range[0];
        maxQueueKey = range[1];
        currentDay = today;
        staleCheckPending = true;
        changed = true;
        publishIfChanged();
    }

    // ---------------------------------------------------------------- the day

    LocalDate currentDay() {
        return currentDay;
    }

    /**
     * The site's local day of {@code now}; the current day's own instance when it is that day, so that the day's
     * tickets share one {@link LocalDate} instead of holding one each.
     */
    LocalDate localDay(Instant now) {
        LocalDate day = calendar.localDay(now);
        LocalDate current = currentDay;
        return day.equals(current) ? current : day;
    }

    /** Whether the tickets of earlier days still need the check that follows a {@link #load}. */
    boolean staleCheckPending() {
        return staleCheckPending;
    }

    /** The rollover to {@code today} is done: the day is current and the check after a load made. */
    void dayChecked(LocalDate today) {
        currentDay = today;
        staleCheckPending = false;
        changed = true;
    }

    /** A new local day: idempotency keys, numbering and the last calls of earlier days go. */
    void forgetEarlierDays(LocalDate today) {
        idempotency.keySet().removeIf(day -> !day.equals(today));
        allocator.forgetBefore(today);
        lastCalls.clear();
        priorityCallsInRow.clear();
    }

    // ---------------------------------------------------------------- tickets (writer thread)

    Optional<TicketRecord> find(String ticketId) {
        return Optional.ofNullable(tickets.get(ticketId));
    }

    /** A copy of the tickets in memory, for a pass that changes them. */
    List<TicketRecord> ticketsNow() {
        return List.copyOf(tickets.values());
    }

    /** The next waiting ticket for a counter under the site's priority rule, if any. */
    Optional<TicketRecord> nextFor(CounterConfig counter, Instant now) {
        return lines.next(
                counter,
                tickets::get,
                config.priorityRule(),
                priorityCallsInRow.getOrDefault(counter.number(), 0),
                now);
    }

    /** A counter called a ticket: its priority streak grows, or ends with a normal ticket. */
    void countCall(int counter, TicketRecord ticket) {
        priorityCallsInRow.put(counter, ticket.isPriority() ? priorityCallsInRow.getOrDefault(counter, 0) + 1 : 0);
    }

    /** The ticket issued today under an idempotency key, if one was. */
    Optional<TicketRecord> issuedUnderKey(LocalDate day, String key) {
        String existingId = idempotency.getOrDefault(day, Map.of()).get(key);
        return existingId == null ? Optional.empty() : Optional.of(tickets.get(existingId));
    }

    void rememberKey(LocalDate day, String key, String ticketId) {
        idempotency.computeIfAbsent(day, d -> new HashMap<>()).put(key, ticketId);
    }

    TicketNumberAllocator allocator() {
        return allocator;
    }

    void recordServiceTime(String service, Duration time) {
        estimator.record(service, time);
        publishedAverages = null;
    }

    long nextIssueOrder() {
        return ++lastIssueOrder;
    }

    /** A queue key behind every ticket, taken. */
    long takeBackQueueKey() {
        return ++maxQueueKey;
    }

    /** A queue key before every ticket, not yet taken: {@link #queueKeyUsed} takes it. */
    long frontQueueKey() {
        return minQueueKey - 1;
    }

    /** A queue key behind every ticket, not yet taken: {@link #queueKeyUsed} takes it. */
    long backQueueKey() {
        return maxQueueKey + 1;
    }

    void queueKeyUsed(long key) {
        minQueueKey = Math.min(minQueueKey, key);
        maxQueueKey = Math.max(maxQueueKey, key);
    }

    /** Writes a ticket's change and takes it into memory. */
    void save(SiteQueue.Writes writes, TicketRecord ticket) throws SQLException {
        changed = true;
        writes.store().updateTicket(ticket);
        put(ticket);
    }

    /** The one way a ticket enters or changes in memory, so that its line and the next publication follow. */
    void put(TicketRecord ticket) {
        lines.update(tickets.put(ticket.id(), ticket), ticket);
        siteOfTicket.put(ticket.id(), site);
        changedTickets.add(ticket.id());
    }

    /** A transferred ticket's call no longer stands: it waits again and will be called anew. */
    void forgetCall(String ticketId) {
        lastCalls.removeIf(c -> c.ticketId().equals(ticketId));
    }

    void forget(String ticketId) {
        lines.update(tickets.remove(ticketId), null);
        siteOfTicket.remove(ticketId);
        changedTickets.add(ticketId);
    }

    /**
     * The boards' "recent calls": one entry per ticket (its latest call), newest first, without a ticket a transfer
     * took back ({@link #forgetCall}). Boards derive the same list from the events (board-logic.js), so a board
     * opened late agrees with one open all day.
     */
    void addCall(Call call) {
        forgetCall(call.ticketId());
        lastCalls.addFirst(call);
        while (lastCalls.size() > LAST_CALLS) {
            lastCalls.removeLast();
        }
    }

    // ---------------------------------------------------------------- counters (writer thread)

    CounterDesk desk(int number) {
        return desks.get(number);
    }

    /** The live desks, in counter order (read-only). */
    Collection<CounterDesk> desks() {
        return Collections.unmodifiableCollection(desks.values());
    }

    /** The desk holding a ticket that is at a counter; {@code null} for a ticket at none. */
    CounterDesk deskOf(TicketRecord ticket) {
        return ticket.state().isAtCounter() && ticket.counter() != null ? desks.get(ticket.counter()) : null;
    }

    /** The desk of the counter a ticket names, whatever its state; {@code null} for none. */
    CounterDesk deskNamedBy(TicketRecord ticket) {
        return ticket.counter() == null ? null : desks.get(ticket.counter());
    }

    Optional<CounterDesk> deskSignedInBy(String username) {
        return desks.values().stream().filter(d -> username.equals(d.officer())).findFirst();
    }

    void saveDesk(SiteQueue.Writes writes, CounterDesk desk) throws SQLException {
        changed = true;
        writes.store().saveDesk(config.code(), desk);
        desks.put(desk.number(), desk);
    }

    /** Frees every counter holding the ticket. */
    void releaseDeskHolding(SiteQueue.Writes writes, TicketRecord ticket) throws SQLException {
        for (CounterDesk desk : List.copyOf(desks.values())) {
            if (ticket.id().equals(desk.ticketId())) {
                saveDesk(writes, desk.release());
            }
        }
    }

    // ---------------------------------------------------------------- events

    /** The seq of the next event (each event takes one). */
    long nextSeq() {
        return ++lastSeq;
    }

    /** The live state changed: the next committed group publishes it. */
    void markChanged() {
        changed = true;
    }

    // ---------------------------------------------------------------- views and publication

    /** Views over the live state: only on the writer thread, for a command's events and answer. */
    private SiteView live() {
        return new SiteView(
                config, options, clock, tickets, lines, desks, lastCalls, lastSeq, this::averageServiceTime);
    }

    Ticket view(TicketRecord ticket) {
        return live().ticket(ticket);
    }

    CounterView counterView(CounterDesk desk) {
        return live().counter(desk);
    }

    private Duration averageServiceTime(String service) {
        return estimator.averageServiceTime(
                service,
                config.service(service).map(ServiceConfig::expectedServiceTime).orElse(Duration.ofMinutes(10)));
    }

    /** Whether tickets are issued at {@code now}, and the services at their cap (any thread). */
    IssuingState issuing(Instant now) {
        boolean open = options.alwaysOpen() || calendar.isIssuing(now);
        LocalDate day = currentDay;
        List<String> capped = day != null && day.equals(calendar.localDay(now)) ? capReached : List.of();
        return open
                ? new IssuingState(true, null, null, null, capped)
                : new IssuingState(
                        false,
                        calendar.closedMessage(now),
                        calendar.closedRefusal(now).messageEn(),
                        calendar.nextOpening(now)
                                .map(ZonedDateTime::toOffsetDateTime)
                                .orElse(null),
                        capped);
    }

    /**
     * The state as of the last committed group: an immutable copy that queries read from any thread without waiting
     * for the writer (docs/adr/0011).
     */
    SiteView published() {
        return published;
    }

    /** After a committed group (writer thread): publishes a copy of the state if a command changed it. */
    void publishIfChanged() {
        if (!changed) {
            return;
        }
        if (publishedAverages == null || averagesConfig != config) {
            Map<String, Duration> averages = new HashMap<>();
            for (ServiceConfig service : config.services()) {
                averages.put(
                        service.code(), estimator.averageServiceTime(service.code(), service.expectedServiceTime()));
            }
            publishedAverages = averages;
            averagesConfig = config;
        }
        Map<String, Duration> averages = publishedAverages;
        for (String id : changedTickets) {
            TicketRecord ticket = tickets.get(id);
            if (ticket == null) {
                committed.remove(id);
            } else {
                committed.put(id, ticket);
            }
        }
        changedTickets.clear();
        List<String> capped = new ArrayList<>(0);
        for (ServiceConfig s : config.services()) {
            if (s.dailyCap() != null && allocator.issued(s.code(), currentDay) >= s.dailyCap()) {
                capped.add(s.code());
            }
        }
        capReached = capped.isEmpty() ? List.of() : List.copyOf(capped);
        if (!publishedDesks.equals(desks)) {
            publishedDesks = new TreeMap<>(desks);
        }
        if (!sameCalls(publishedCalls, lastCalls)) {
            publishedCalls = List.copyOf(lastCalls);
        }
        published = new SiteView(
                config,
                options,
                clock,
                committed,
                lines.freeze(),
                publishedDesks,
                publishedCalls,
                lastSeq,
                service -> averages.getOrDefault(service, Duration.ofMinutes(10)));
        changed = false;
    }

    private static boolean sameCalls(List<Call> published, Deque<Call> live) {
        if (published.size() != live.size()) {
            return false;
        }
        int i = 0;
        for (Call call : live) {
            if (!call.equals(published.get(i++))) {
                return false;
            }
        }
        return true;
    }

    int ticketCount() {
        return tickets.size();
    }
}
