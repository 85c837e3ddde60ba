package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.EventType;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot.Call;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.api.announce.AnnouncementBuilder;
import org.xephang.core.Actor;
import org.xephang.core.DeviceStatusReport;
import org.xephang.core.IssueCommand;
import org.xephang.core.IssueResult;
import org.xephang.core.RatingCommand;
import org.xephang.core.TransferCommand;
import org.xephang.core.counter.CounterDesk;
import org.xephang.core.persistence.QueueStore;
import org.xephang.core.persistence.RatingRow;
import org.xephang.core.routing.WaitEstimator;
import org.xephang.core.routing.WaitingLines;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteCalendar;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.NationalRating;
import org.xephang.core.ticket.TicketNumberAllocator;
import org.xephang.core.ticket.TicketNumberAllocator.Allocation;
import org.xephang.core.ticket.TicketRecord;

/**
 * The in-memory queue of one site and its commands. Commands run on the writer thread inside a write group (each
 * first checks everything and throws {@link QueueError} before changing anything, then changes memory and writes the
 * same change and its events through the store); queries run under the engine's read lock.
 */
final class SiteQueue {

    private static final Logger LOG = LoggerFactory.getLogger(SiteQueue.class);
    private static final int LAST_CALLS = 8;
    private static final int MAX_KEY_LENGTH = 200;
    private static final int MAX_DOSSIER_CODE_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a command sees of its write group. */
    interface Writes {
        QueueStore store();

        /** Publishes after the commit. */
        void afterCommit(Runnable action);
    }

    private final SiteConfig config;
    private final SiteCalendar calendar;
    private final Clock clock;
    private final EngineOptions options;
    private final AnnouncementBuilder announcer;
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
    private final Map<String, String> idempotency = new HashMap<>();
    private final Deque<Call> lastCalls = new ArrayDeque<>();
    private final List<Consumer<QueueEvent>> subscribers = new CopyOnWriteArrayList<>();
    /** The last reported state and detail per device: a repeated report makes no new event. */
    private final Map<String, String> deviceStates = new HashMap<>();

    private TicketNumberAllocator allocator;
    private WaitEstimator estimator = new WaitEstimator();
    private volatile LocalDate currentDay;
    /** Set by {@link #load}: tickets of earlier days may still be open and are cancelled by the next rollover. */
    private volatile boolean staleCheckPending;
    /** Whether the live state changed since {@link #publishIfChanged()}. */
    private boolean changed = true;

    private volatile SiteView published;
    /** The services whose daily cap was reached on the current day, as of the last publication. */
    private volatile List<String> capReached = List.of();

    private long lastSeq;
    private long lastIssueOrder;
    private long minQueueKey;
    private long maxQueueKey;

    SiteQueue(SiteConfig config, Clock clock, EngineOptions options, Map<String, SiteQueue> siteOfTicket) {
        this.config = config;
        this.siteOfTicket = siteOfTicket;
        this.calendar = SiteCalendar.of(config);
        this.clock = clock;
        this.options = options;
        this.announcer = new AnnouncementBuilder(config.announcement());
        this.allocator = new TicketNumberAllocator(calendar);
    }

    SiteConfig config() {
        return config;
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
        allocator = new TicketNumberAllocator(calendar);
        estimator = new WaitEstimator();
        for (TicketRecord t : store.loadTickets(config.code(), today)) {
            put(t);
            if (t.idempotencyKey() != null) {
                idempotency.put(idempotencyKey(t.localDay(), t.idempotencyKey()), t.id());
            }
        }
        store.lastSequences(config.code(), today).forEach((service, seq) -> allocator.restore(service, today, seq));
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
                .forEach(t ->
                        addCall(new Call(t.id(), t.number(), t.service(), t.counter(), t.calledAt(), t.callCount())));
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

    /** Whether {@link #rollover} has work at this instant (safe from any thread). */
    boolean needsRollover(Instant now) {
        return staleCheckPending || !calendar.localDay(now).equals(currentDay);
    }

    /**
     * At the first command of a new local day (and once after each load): tickets of earlier days still open are
     * cancelled (their numbers belong to a finished day), counters holding them are freed, and finished old tickets
     * leave memory.
     */
    void rollover(Writes writes, Instant now) throws SQLException {
        LocalDate today = calendar.localDay(now);
        boolean newDay = !today.equals(currentDay);
        if (!newDay && !staleCheckPending) {
            return;
        }
        currentDay = today;
        staleCheckPending = false;
        changed = true;
        for (TicketRecord t : List.copyOf(tickets.values())) {
            if (!t.localDay().isBefore(today)) {
                continue;
            }
            if (t.state().isOpen()) {
                releaseDeskHolding(writes, t);
                TicketRecord cancelled = t.cancel(now);
                save(writes, cancelled);
                emit(
                        writes,
                        EventType.TICKET_CANCELLED,
                        cancelled,
                        null,
                        new JsonObject().put("reason", "hết ngày"),
                        now);
            }
            forget(t.id());
        }
        if (newDay) {
            idempotency.keySet().removeIf(k -> !k.startsWith(today + "|"));
            allocator.forgetBefore(today);
            lastCalls.clear();
            LOG.info("Site {}: new local day {}", config.code(), today);
        }
    }

    /**
     * With {@code calledTimeoutMinutes} configured: every CALLED ticket not started in time leaves its counter and goes
     * back to WAITING at the front of its queue ({@code ticket.transferred}, {@code "reason":"hết thời gian chờ tại
     * quầy"}); one already called {@value SiteConfig#MAX_CALLS_BEFORE_NO_SHOW} times becomes NO_SHOW instead.
     */
    void expireCalls(Writes writes, Instant now) throws SQLException {
        Integer minutes = config.calledTimeoutMinutes();
        if (minutes == null) {
            return;
        }
        for (CounterDesk desk : List.copyOf(desks.values())) {
            TicketRecord t = desk.ticketId() == null ? null : tickets.get(desk.ticketId());
            if (t == null
                    || t.state() != TicketState.CALLED
                    || t.calledAt().plusSeconds(minutes * 60L).isAfter(now)) {
                continue;
            }
            releaseDeskHolding(writes, t);
            if (t.callCount() >= SiteConfig.MAX_CALLS_BEFORE_NO_SHOW) {
                TicketRecord absent = t.noShow(now);
                save(writes, absent);
                emit(
                        writes,
                        EventType.TICKET_NO_SHOW,
                        absent,
                        absent.counter(),
                        new JsonObject().put("reason", "hết thời gian chờ tại quầy"),
                        now);
                continue;
            }
            TicketRecord back = t.transfer(t.service(), null, minQueueKey - 1);
            minQueueKey = back.queueKey();
            save(writes, back);
            JsonObject details = new JsonObject()
                    .put("fromService", t.service())
                    .put("fromCounter", t.counter())
                    .put("toService", t.service())
                    .put("toCounter", null)
                    .put("position", "front")
                    .put("reason", "hết thời gian chờ tại quầy");
            emit(writes, EventType.TICKET_TRANSFERRED, back, null, details, now);
        }
    }

    // ---------------------------------------------------------------- commands

    IssueResult issue(Writes writes, IssueCommand command, Actor actor, Instant now) throws SQLException {
        ServiceConfig service = config.service(command.service()).orElseThrow(() -> unknownService(command.service()));
        String priority = blank(command.priority()) ? null : command.priority().strip();
        if (priority != null && config.priorityCategory(priority).isEmpty()) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Không có đối tượng ưu tiên \"" + priority + "\". Các đối tượng ưu tiên: "
                            + String.join(
                                    ", ",
                                    config.priorityCategories().stream()
                                            .map(p -> p.code() + " (" + p.name() + ")")
                                            .toList())
                            + ".");
        }
        if (command.channel().length() > 32) {
            throw new QueueError(ErrorCode.INVALID_REQUEST, "Kênh lấy số quá dài (tối đa 32 ký tự).");
        }
        LocalDate today = calendar.localDay(now);
        String key = command.idempotencyKey();
        if (key != null) {
            if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                throw new QueueError(
                        ErrorCode.INVALID_REQUEST, "Idempotency-Key phải có từ 1 đến " + MAX_KEY_LENGTH + " ký tự.");
            }
            String existingId = idempotency.get(idempotencyKey(today, key));
            if (existingId != null) {
                TicketRecord existing = tickets.get(existingId);
                if (!existing.number().startsWith(service.prefix())) {
                    throw new QueueError(
                            ErrorCode.CONFLICT,
                            "Idempotency-Key này đã được dùng cho vé " + existing.number() + " của lĩnh vực khác.");
                }
                return new IssueResult(view(existing), true);
            }
        }
        if (!options.alwaysOpen() && !calendar.isIssuing(now)) {
            throw calendar.closedRefusal(now);
        }
        Allocation allocation = allocator.next(service, today);
        TicketRecord ticket = TicketRecord.issued(
                newTicketId(),
                config.code(),
                service.code(),
                today,
                allocation.sequence(),
                allocation.number(),
                priority,
                command.channel(),
                ++lastIssueOrder,
                ++maxQueueKey,
                now,
                key);
        writes.store().insertTicket(ticket);
        allocator.commit(service.code(), today, allocation.sequence());
        put(ticket);
        if (key != null) {
            idempotency.put(idempotencyKey(today, key), ticket.id());
        }
        Ticket view = view(ticket);
        emit(writes, EventType.TICKET_ISSUED, ticket, null, new JsonObject(), now);
        return new IssueResult(view, false);
    }

    Optional<Ticket> callNext(Writes writes, int counterNumber, Actor actor, Instant now) throws SQLException {
        CounterConfig counter = counter(counterNumber);
        CounterDesk desk = desks.get(counterNumber);
        requireActsAt(actor, desk);
        desk.requireCanCall();
        Optional<TicketRecord> next = lines.next(counter, tickets::get);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(callAt(writes, next.get(), desk, actor, now));
    }

    Ticket call(Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        requireStaff(actor);
        CounterDesk desk = desks.values().stream()
                .filter(d -> actor.username().equals(d.officer()))
                .findFirst()
                .orElseThrow(() -> new QueueError(
                        ErrorCode.NOT_SIGNED_IN, "Bạn chưa đăng nhập quầy nào, hãy đăng nhập quầy trước khi gọi số."));
        desk.requireCanCall();
        return callAt(writes, ticket, desk, actor, now);
    }

    private Ticket callAt(Writes writes, TicketRecord ticket, CounterDesk desk, Actor actor, Instant now)
            throws SQLException {
        String officer = desk.officer() != null ? desk.officer() : actor.username();
        TicketRecord called = ticket.call(desk.number(), officer, now);
        save(writes, called);
        saveDesk(writes, desk.hold(called.id()));
        addCall(new Call(called.id(), called.number(), called.service(), desk.number(), now, called.callCount()));
        emit(writes, EventType.TICKET_CALLED, called, desk.number(), announcement(called, desk.number()), now);
        return view(called);
    }

    Ticket recall(Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        requireActsAt(actor, deskOf(ticket));
        TicketRecord recalled = ticket.recall();
        save(writes, recalled);
        addCall(new Call(
                recalled.id(), recalled.number(), recalled.service(), recalled.counter(), now, recalled.callCount()));
        emit(
                writes,
                EventType.TICKET_RECALLED,
                recalled,
                recalled.counter(),
                announcement(recalled, recalled.counter()),
                now);
        return view(recalled);
    }

    Ticket start(Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        requireActsAt(actor, deskOf(ticket));
        TicketRecord started = ticket.start(now);
        save(writes, started);
        emit(writes, EventType.TICKET_STARTED, started, started.counter(), new JsonObject(), now);
        return view(started);
    }

    Ticket complete(Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        requireActsAt(actor, deskOf(ticket));
        TicketRecord done = ticket.complete(now);
        save(writes, done);
        releaseDeskHolding(writes, ticket);
        estimator.record(done.service(), Duration.between(done.calledAt(), done.finishedAt()));
        emit(writes, EventType.TICKET_COMPLETED, done, done.counter(), new JsonObject(), now);
        return view(done);
    }

    Ticket noShow(Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        requireActsAt(actor, deskOf(ticket));
        TicketRecord absent = ticket.noShow(now);
        save(writes, absent);
        releaseDeskHolding(writes, ticket);
        emit(writes, EventType.TICKET_NO_SHOW, absent, absent.counter(), new JsonObject(), now);
        return view(absent);
    }

    Ticket cancel(Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        requireMayHandle(actor, ticket);
        TicketRecord cancelled = ticket.cancel(now);
        save(writes, cancelled);
        releaseDeskHolding(writes, ticket);
        emit(writes, EventType.TICKET_CANCELLED, cancelled, cancelled.counter(), new JsonObject(), now);
        return view(cancelled);
    }

    Ticket transfer(Writes writes, TicketRecord ticket, TransferCommand command, Actor actor, Instant now)
            throws SQLException {
        if ((command.service() == null) == (command.counter() == null)) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Chuyển vé cần đúng một nơi đến: lĩnh vực (service) hoặc quầy (counter).");
        }
        String toService = ticket.service();
        if (command.service() != null) {
            toService = config.service(command.service())
                    .orElseThrow(() -> unknownService(command.service()))
                    .code();
        } else {
            counter(command.counter());
        }
        requireMayHandle(actor, ticket);
        TransferCommand.Position position =
                command.position() == null ? TransferCommand.Position.BACK : command.position();
        boolean front = position == TransferCommand.Position.FRONT;
        TicketRecord moved = ticket.transfer(toService, command.counter(), front ? minQueueKey - 1 : maxQueueKey + 1);
        if (front) {
            minQueueKey = moved.queueKey();
        } else {
            maxQueueKey = moved.queueKey();
        }
        save(writes, moved);
        releaseDeskHolding(writes, ticket);
        JsonObject details = new JsonObject()
                .put("fromService", ticket.service())
                .put("fromCounter", ticket.counter())
                .put("toService", toService)
                .put("toCounter", command.counter())
                .put("position", position.name().toLowerCase(Locale.ROOT));
        emit(writes, EventType.TICKET_TRANSFERRED, moved, command.counter(), details, now);
        return view(moved);
    }

    Ticket linkDossier(Writes writes, TicketRecord ticket, String rawCode, Actor actor, Instant now)
            throws SQLException {
        String code = normaliseDossierCode(rawCode);
        requireActsAt(actor, ticket.counter() == null ? null : desks.get(ticket.counter()));
        TicketRecord linked = ticket.linkDossier(code);
        save(writes, linked);
        emit(
                writes,
                EventType.TICKET_DOSSIER_LINKED,
                linked,
                linked.counter(),
                new JsonObject().put("dossierCode", code),
                now);
        return view(linked);
    }

    Ticket rate(Writes writes, TicketRecord ticket, RatingCommand command, Actor actor, Instant now)
            throws SQLException {
        NationalRating national = NationalRating.of(command.level(), command.scale());
        if (actor.role() != Role.KIOSK) {
            requireActsAt(actor, ticket.counter() == null ? null : desks.get(ticket.counter()));
        }
        TicketRecord rated = ticket.rate();
        save(writes, rated);
        writes.store()
                .insertRating(new RatingRow(
                        rated.id(),
                        config.code(),
                        rated.service(),
                        rated.counter(),
                        rated.officer(),
                        command.level(),
                        command.scale(),
                        national.level(),
                        command.device(),
                        now,
                        rated.dossierCode()));
        JsonObject details = new JsonObject()
                .put("level", command.level())
                .put("scale", command.scale())
                .put("nationalLevel", national.level())
                .put("nationalLabel", national.label())
                .put("device", command.device());
        emit(writes, EventType.TICKET_RATED, rated, rated.counter(), details, now);
        return view(rated);
    }

    CounterView pause(Writes writes, int counterNumber, String reason, Actor actor, Instant now) throws SQLException {
        counter(counterNumber);
        CounterDesk desk = desks.get(counterNumber);
        requireActsAt(actor, desk);
        CounterDesk paused = desk.pause(reason);
        saveDesk(writes, paused);
        emit(
                writes,
                EventType.COUNTER_PAUSED,
                null,
                counterNumber,
                new JsonObject().put("reason", paused.pauseReason()),
                now);
        return counterView(paused);
    }

    CounterView resume(Writes writes, int counterNumber, Actor actor, Instant now) throws SQLException {
        counter(counterNumber);
        CounterDesk desk = desks.get(counterNumber);
        requireActsAt(actor, desk);
        CounterDesk resumed = desk.resume();
        saveDesk(writes, resumed);
        emit(writes, EventType.COUNTER_RESUMED, null, counterNumber, new JsonObject(), now);
        return counterView(resumed);
    }

    /**
     * Signs the actor in at a counter. Signing in again at the same counter changes nothing; an officer signed in
     * elsewhere is first signed out there (refused while that counter holds a ticket).
     */
    CounterView signIn(Writes writes, int counterNumber, Actor actor, Instant now) throws SQLException {
        counter(counterNumber);
        requireStaff(actor);
        CounterDesk desk = desks.get(counterNumber);
        if (actor.username().equals(desk.officer())) {
            return counterView(desk);
        }
        CounterDesk signedIn = desk.signIn(actor.username());
        Optional<CounterDesk> elsewhere = desks.values().stream()
                .filter(d -> d.number() != counterNumber && actor.username().equals(d.officer()))
                .findFirst();
        if (elsewhere.isPresent()) {
            CounterDesk left = elsewhere.get().signOut();
            saveDesk(writes, left);
            emit(
                    writes,
                    EventType.COUNTER_SIGNED_OUT,
                    null,
                    left.number(),
                    new JsonObject().put("officer", actor.username()),
                    now);
        }
        saveDesk(writes, signedIn);
        emit(
                writes,
                EventType.COUNTER_SIGNED_IN,
                null,
                counterNumber,
                new JsonObject().put("officer", actor.username()),
                now);
        return counterView(signedIn);
    }

    CounterView signOut(Writes writes, int counterNumber, Actor actor, Instant now) throws SQLException {
        counter(counterNumber);
        CounterDesk desk = desks.get(counterNumber);
        requireActsAt(actor, desk);
        CounterDesk left = desk.signOut();
        saveDesk(writes, left);
        emit(
                writes,
                EventType.COUNTER_SIGNED_OUT,
                null,
                counterNumber,
                new JsonObject().put("officer", desk.officer()),
                now);
        return counterView(left);
    }

    /**
     * Records a device's status as a {@code device.status} event; a report equal to the device's last one (same state
     * and detail, agents repeat them as a heartbeat) makes no new event.
     */
    void reportDeviceStatus(Writes writes, DeviceStatusReport report, Instant now) throws SQLException {
        if (report == null || blank(report.device()) || blank(report.kind()) || blank(report.state())) {
            throw new QueueError(ErrorCode.INVALID_REQUEST, "Báo cáo trạng thái thiết bị cần device, kind và state.");
        }
        String state = report.kind() + "|" + report.state() + "|" + report.detail();
        if (state.equals(deviceStates.get(report.device()))) {
            return;
        }
        writes.afterCommit(() -> deviceStates.put(report.device(), state));
        JsonObject details = new JsonObject()
                .put("device", report.device())
                .put("kind", report.kind())
                .put("state", report.state())
                .put("detail", report.detail())
                .put("since", report.since() == null ? null : report.since().toString());
        emit(writes, EventType.DEVICE_STATUS, null, null, details, now);
    }

    // ---------------------------------------------------------------- queries (under the read lock)

    Optional<TicketRecord> find(String ticketId) {
        return Optional.ofNullable(tickets.get(ticketId));
    }

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
                ? new IssuingState(true, null, null, capped)
                : new IssuingState(
                        false,
                        calendar.closedMessage(now),
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
        Map<String, Duration> averages = new HashMap<>();
        config.services().forEach(s -> averages.put(s.code(), averageServiceTime(s.code())));
        for (String id : changedTickets) {
            TicketRecord ticket = tickets.get(id);
            if (ticket == null) {
                committed.remove(id);
            } else {
                committed.put(id, ticket);
            }
        }
        changedTickets.clear();
        capReached = config.services().stream()
                .filter(s -> s.dailyCap() != null && allocator.issued(s.code(), currentDay) >= s.dailyCap())
                .map(ServiceConfig::code)
                .toList();
        published = new SiteView(
                config,
                options,
                clock,
                committed,
                lines.freeze(),
                new TreeMap<>(desks),
                List.copyOf(lastCalls),
                lastSeq,
                service -> averages.getOrDefault(service, Duration.ofMinutes(10)));
        changed = false;
    }

    List<Consumer<QueueEvent>> subscribers() {
        return subscribers;
    }

    int ticketCount() {
        return tickets.size();
    }

    // ---------------------------------------------------------------- rules and helpers

    /** The officer rule: an OFFICER acts only at the counter they are signed in to; SUPERVISOR and ADMIN anywhere. */
    private void requireActsAt(Actor actor, CounterDesk desk) {
        if (actor.role() == Role.SUPERVISOR || actor.role() == Role.ADMIN) {
            return;
        }
        if (actor.role() != Role.OFFICER) {
            throw new QueueError(ErrorCode.FORBIDDEN, "Tài khoản " + actor.role() + " không được làm việc này.");
        }
        if (desk == null) {
            return; // the ticket is at no counter: the state machine refuses what needs one, with its own message
        }
        if (!actor.username().equals(desk.officer())) {
            throw new QueueError(
                    ErrorCode.NOT_SIGNED_IN,
                    "Bạn chưa đăng nhập quầy " + desk.number() + "; cán bộ chỉ thao tác tại quầy mình đã đăng nhập.");
        }
    }

    /** For a ticket at a counter: the officer rule at that counter; otherwise any signed-in officer. */
    private void requireMayHandle(Actor actor, TicketRecord ticket) {
        if (ticket.state().isAtCounter()) {
            requireActsAt(actor, deskOf(ticket));
            return;
        }
        requireStaff(actor);
        if (actor.role() == Role.OFFICER
                && desks.values().stream().noneMatch(d -> actor.username().equals(d.officer()))) {
            throw new QueueError(ErrorCode.NOT_SIGNED_IN, "Bạn chưa đăng nhập quầy nào.");
        }
    }

    private static void requireStaff(Actor actor) {
        if (actor.role() != Role.OFFICER && actor.role() != Role.SUPERVISOR && actor.role() != Role.ADMIN) {
            throw new QueueError(ErrorCode.FORBIDDEN, "Tài khoản " + actor.role() + " không được làm việc này.");
        }
    }

    private CounterDesk deskOf(TicketRecord ticket) {
        return ticket.state().isAtCounter() && ticket.counter() != null ? desks.get(ticket.counter()) : null;
    }

    private void releaseDeskHolding(Writes writes, TicketRecord ticket) throws SQLException {
        for (CounterDesk desk : List.copyOf(desks.values())) {
            if (ticket.id().equals(desk.ticketId())) {
                saveDesk(writes, desk.release());
            }
        }
    }

    CounterConfig counter(int number) {
        return config.counter(number)
                .orElseThrow(() -> new QueueError(
                        ErrorCode.UNKNOWN_COUNTER, "Điểm " + config.code() + " không có quầy số " + number + "."));
    }

    private QueueError unknownService(String code) {
        return new QueueError(
                ErrorCode.UNKNOWN_SERVICE,
                "Không có lĩnh vực \"" + code + "\" tại điểm này. Các lĩnh vực: "
                        + String.join(
                                ", ",
                                config.services().stream()
                                        .map(s -> s.code() + " (" + s.name() + ")")
                                        .toList())
                        + ".");
    }

    /** Trim, remove inner spaces, upper-case (DOMAIN-VN.md §2). */
    static String normaliseDossierCode(String raw) {
        String code = raw == null ? "" : raw.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            throw new QueueError(ErrorCode.INVALID_REQUEST, "Mã hồ sơ không được để trống.");
        }
        if (code.length() > MAX_DOSSIER_CODE_LENGTH) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST, "Mã hồ sơ quá dài (tối đa " + MAX_DOSSIER_CODE_LENGTH + " ký tự).");
        }
        return code;
    }

    /**
     * The {@code announcement} detail of a call. The configuration guarantees a speakable prefix and counter; should the
     * builder still refuse, the call goes ahead without one (boards then show it silently) and the cause is logged.
     */
    private JsonObject announcement(TicketRecord ticket, int counter) {
        String serviceName =
                config.service(ticket.service()).map(ServiceConfig::name).orElse(null);
        try {
            return new JsonObject()
                    .put(
                            "announcement",
                            announcer
                                    .build(ticket.number(), counter, serviceName)
                                    .toJson());
        } catch (IllegalArgumentException e) {
            LOG.error(
                    "Site {}: no announcement for {} at counter {}: {}",
                    config.code(),
                    ticket.number(),
                    counter,
                    e.getMessage());
            return new JsonObject();
        }
    }

    private void save(Writes writes, TicketRecord ticket) throws SQLException {
        changed = true;
        writes.store().updateTicket(ticket);
        put(ticket);
    }

    /** The one way a ticket enters or changes in memory, so that its line and the next publication follow. */
    private void put(TicketRecord ticket) {
        lines.update(tickets.put(ticket.id(), ticket), ticket);
        siteOfTicket.put(ticket.id(), this);
        changedTickets.add(ticket.id());
    }

    private void forget(String ticketId) {
        lines.update(tickets.remove(ticketId), null);
        siteOfTicket.remove(ticketId);
        changedTickets.add(ticketId);
    }

    private void saveDesk(Writes writes, CounterDesk desk) throws SQLException {
        changed = true;
        writes.store().saveDesk(config.code(), desk);
        desks.put(desk.number(), desk);
    }

    private void emit(
            Writes writes, EventType type, TicketRecord ticket, Integer counter, JsonObject details, Instant now)
            throws SQLException {
        changed = true;
        QueueEvent event = new QueueEvent(
                EventIds.next(now),
                ++lastSeq,
                type,
                now,
                config.code(),
                ticket == null ? null : view(ticket),
                counter,
                details);
        writes.store().insertEvent(event);
        writes.afterCommit(() -> publish(event));
    }

    private void publish(QueueEvent event) {
        for (Consumer<QueueEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.error(
                        "Site {}: an event subscriber failed on seq {}; it stays subscribed",
                        config.code(),
                        event.seq(),
                        e);
            }
        }
    }

    private void addCall(Call call) {
        lastCalls.addFirst(call);
        while (lastCalls.size() > LAST_CALLS) {
            lastCalls.removeLast();
        }
    }

    private static String idempotencyKey(LocalDate day, String key) {
        return day + "|" + key;
    }

    private static String newTicketId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
