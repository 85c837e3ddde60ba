package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.EventType;
import org.xephang.api.NationalRating;
import org.xephang.api.QueueError;
import org.xephang.api.QueueSnapshot.Call;
import org.xephang.api.Ticket;
import org.xephang.api.announce.AnnouncementBuilder;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.IssueResult;
import org.xephang.core.RatingCommand;
import org.xephang.core.TransferCommand;
import org.xephang.core.appointment.CheckInRule;
import org.xephang.core.appointment.CheckInRule.Placement;
import org.xephang.core.counter.CounterDesk;
import org.xephang.core.persistence.RatingRow;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteCalendar;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.TicketNumberAllocator.Allocation;
import org.xephang.core.ticket.TicketRecord;

/**
 * The commands on a site's tickets: issue, call, recall, start, complete, no-show, cancel, transfer, link a dossier,
 * rate. Each first checks its input and the {@link OfficerRule} and throws {@link QueueError} before changing anything,
 * then changes the {@link SiteState}, writes the same change through the store and emits its events.
 */
final class TicketCommands {

    private static final Logger LOG = LoggerFactory.getLogger(TicketCommands.class);

    private final SiteState state;
    private final SiteEvents events;
    private final OfficerRule officers;
    private final SiteConfig config;
    private final SiteCalendar calendar;
    private final AnnouncementBuilder announcer;

    TicketCommands(SiteState state, SiteEvents events, OfficerRule officers) {
        this.state = state;
        this.events = events;
        this.officers = officers;
        this.config = state.config();
        this.calendar = state.calendar();
        this.announcer = new AnnouncementBuilder(config.announcement());
    }

    IssueResult issue(SiteQueue.Writes writes, IssueCommand command, Actor actor, Instant now) throws SQLException {
        ServiceConfig service = CommandChecks.service(config, command.service());
        String priority = CommandChecks.priority(config, command.priority());
        CommandChecks.requireChannel(command.channel());
        return issueChecked(writes, service, priority, command, actor, now);
    }

    /**
     * A booking's ticket at its check-in (docs/adr/0024-appointments.md): on time it takes the appointment priority
     * ({@link CheckInRule#APPOINTMENT_PRIORITY}, served before the walk-ins of its line within the site's fair-priority
     * bound), late it is a walk-in; either way its channel is {@link CheckInRule#CHANNEL} and {@code key} makes a
     * repeated check-in return the same ticket.
     */
    IssueResult checkIn(
            SiteQueue.Writes writes, String serviceCode, Placement placement, String key, Actor actor, Instant now)
            throws SQLException {
        ServiceConfig service = CommandChecks.service(config, serviceCode);
        String priority = placement == Placement.ON_TIME ? CheckInRule.APPOINTMENT_PRIORITY : null;
        IssueCommand command = new IssueCommand(serviceCode, priority, CheckInRule.CHANNEL, key);
        return issueChecked(writes, service, priority, command, actor, now);
    }

    private IssueResult issueChecked(
            SiteQueue.Writes writes,
            ServiceConfig service,
            String priority,
            IssueCommand command,
            Actor actor,
            Instant now)
            throws SQLException {
        LocalDate today = state.localDay(now);
        String key = command.idempotencyKey();
        CommandChecks.requireIdempotencyKey(key);
        if (key != null) {
            Optional<TicketRecord> issued = state.issuedUnderKey(today, key);
            if (issued.isPresent()) {
                TicketRecord existing = issued.get();
                if (!existing.number().startsWith(service.prefix())) {
                    throw new QueueError(
                            ErrorCode.CONFLICT,
                            "Idempotency-Key này đã được dùng cho vé " + existing.number() + " của lĩnh vực khác.",
                            "This Idempotency-Key was already used for ticket " + existing.number()
                                    + " of another service.");
                }
                // A retried tap repeats its request; another priority under the same key is another request (a
                // repeated check-in is placed again, late after on time, and still gets its ticket).
                if (!CheckInRule.CHANNEL.equals(command.channel())
                        && !java.util.Objects.equals(existing.priority(), priority)) {
                    throw new QueueError(
                            ErrorCode.CONFLICT,
                            "Idempotency-Key này đã được dùng cho vé " + existing.number()
                                    + " với đối tượng ưu tiên khác; hãy dùng khóa mới cho yêu cầu mới.",
                            "This Idempotency-Key was used for ticket " + existing.number()
                                    + " with another priority; use a new key for a new request.");
                }
                return new IssueResult(state.view(existing), true);
            }
        }
        if (service.closed() && !CheckInRule.CHANNEL.equals(command.channel())) {
            throw new QueueError(
                    ErrorCode.SERVICE_CLOSED,
                    "Lĩnh vực " + service.name() + " đã ngừng cấp số mới. Vui lòng hỏi cán bộ hướng dẫn.",
                    "The service " + service.name() + " has stopped issuing new numbers. Please ask a staff member.");
        }
        if (!state.options().alwaysOpen() && !calendar.isIssuing(now)) {
            throw calendar.closedRefusal(now);
        }
        Allocation allocation = state.allocator().next(service, today);
        TicketRecord ticket = TicketRecord.issued(
                TicketIds.next(now),
                config.code(),
                service.code(),
                today,
                allocation.sequence(),
                allocation.number(),
                priority,
                command.channel(),
                state.nextIssueOrder(),
                state.takeBackQueueKey(),
                now,
                key);
        writes.store().insertTicket(ticket);
        state.allocator().commit(service.code(), today, allocation.sequence());
        state.put(ticket);
        if (key != null) {
            state.rememberKey(today, key, ticket.id());
        }
        Ticket view = state.view(ticket);
        events.emit(writes, EventType.TICKET_ISSUED, ticket, null, new JsonObject(), now);
        return new IssueResult(view, false);
    }

    Optional<Ticket> callNext(SiteQueue.Writes writes, int counterNumber, Actor actor, Instant now)
            throws SQLException {
        CounterConfig counter = CommandChecks.counter(config, counterNumber);
        CounterDesk desk = state.desk(counterNumber);
        officers.requireActsAt(actor, desk);
        desk.requireCanCall();
        Optional<TicketRecord> next = state.nextFor(counter, now);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(callAt(writes, next.get(), desk, actor, now));
    }

    Ticket call(SiteQueue.Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        officers.requireStaff(actor);
        CounterDesk desk = state.deskSignedInBy(actor.username())
                .orElseThrow(() -> new QueueError(
                        ErrorCode.NOT_SIGNED_IN,
                        "Bạn chưa đăng nhập quầy nào, hãy đăng nhập quầy trước khi gọi số.",
                        "You are not signed in at any counter; sign in at a counter before calling a number."));
        officers.requireServesLine(actor, ticket, desk);
        desk.requireCanCall();
        return callAt(writes, ticket, desk, actor, now);
    }

    private Ticket callAt(SiteQueue.Writes writes, TicketRecord ticket, CounterDesk desk, Actor actor, Instant now)
            throws SQLException {
        String officer = desk.officer() != null ? desk.officer() : actor.username();
        TicketRecord called = ticket.call(desk.number(), officer, now);
        state.save(writes, called);
        state.saveDesk(writes, desk.hold(called.id()));
        state.addCall(new Call(called.id(), called.number(), called.service(), desk.number(), now, called.callCount()));
        state.countCall(desk.number(), called);
        events.emit(writes, EventType.TICKET_CALLED, called, desk.number(), announcement(called, desk.number()), now);
        return state.view(called);
    }

    Ticket recall(SiteQueue.Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        officers.requireActsOn(actor, ticket);
        TicketRecord recalled = ticket.recall();
        state.save(writes, recalled);
        state.addCall(new Call(
                recalled.id(), recalled.number(), recalled.service(), recalled.counter(), now, recalled.callCount()));
        events.emit(
                writes,
                EventType.TICKET_RECALLED,
                recalled,
                recalled.counter(),
                announcement(recalled, recalled.counter()),
                now);
        return state.view(recalled);
    }

    Ticket start(SiteQueue.Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        officers.requireActsOn(actor, ticket);
        TicketRecord started = ticket.start(now);
        state.save(writes, started);
        events.emit(writes, EventType.TICKET_STARTED, started, started.counter(), new JsonObject(), now);
        return state.view(started);
    }

    Ticket complete(SiteQueue.Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        officers.requireActsOn(actor, ticket);
        TicketRecord done = ticket.complete(now);
        state.save(writes, done);
        state.releaseDeskHolding(writes, ticket);
        state.recordServiceTime(done.service(), Duration.between(done.calledAt(), done.finishedAt()));
        events.emit(writes, EventType.TICKET_COMPLETED, done, done.counter(), new JsonObject(), now);
        return state.view(done);
    }

    Ticket noShow(SiteQueue.Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        officers.requireActsOn(actor, ticket);
        TicketRecord absent = ticket.noShow(now);
        state.save(writes, absent);
        state.releaseDeskHolding(writes, ticket);
        events.emit(writes, EventType.TICKET_NO_SHOW, absent, absent.counter(), new JsonObject(), now);
        return state.view(absent);
    }

    Ticket cancel(SiteQueue.Writes writes, TicketRecord ticket, Actor actor, Instant now) throws SQLException {
        officers.requireMayHandle(actor, ticket);
        TicketRecord cancelled = ticket.cancel(now);
        state.save(writes, cancelled);
        state.releaseDeskHolding(writes, ticket);
        events.emit(writes, EventType.TICKET_CANCELLED, cancelled, cancelled.counter(), new JsonObject(), now);
        return state.view(cancelled);
    }

    Ticket transfer(SiteQueue.Writes writes, TicketRecord ticket, TransferCommand command, Actor actor, Instant now)
            throws SQLException {
        CommandChecks.requireOneDestination(command);
        String toService = ticket.service();
        if (command.service() != null) {
            toService = CommandChecks.service(config, command.service()).code();
        } else {
            CommandChecks.counter(config, command.counter());
        }
        officers.requireMayHandle(actor, ticket);
        TransferCommand.Position position =
                command.position() == null ? TransferCommand.Position.BACK : command.position();
        boolean front = position == TransferCommand.Position.FRONT;
        TicketRecord moved =
                ticket.transfer(toService, command.counter(), front ? state.frontQueueKey() : state.backQueueKey());
        state.queueKeyUsed(moved.queueKey());
        state.save(writes, moved);
        state.releaseDeskHolding(writes, ticket);
        JsonObject details = new JsonObject()
                .put("fromService", ticket.service())
                .put("fromCounter", ticket.counter())
                .put("toService", toService)
                .put("toCounter", command.counter())
                .put("position", position.name().toLowerCase(Locale.ROOT));
        state.forgetCall(moved.id());
        events.emit(writes, EventType.TICKET_TRANSFERRED, moved, command.counter(), details, now);
        return state.view(moved);
    }

    Ticket linkDossier(SiteQueue.Writes writes, TicketRecord ticket, String rawCode, Actor actor, Instant now)
            throws SQLException {
        String code = CommandChecks.normaliseDossierCode(rawCode);
        officers.requireMayLinkDossier(actor, ticket);
        TicketRecord linked = ticket.linkDossier(code);
        state.save(writes, linked);
        events.emit(
                writes,
                EventType.TICKET_DOSSIER_LINKED,
                linked,
                linked.counter(),
                new JsonObject().put("dossierCode", code),
                now);
        return state.view(linked);
    }

    Ticket rate(SiteQueue.Writes writes, TicketRecord ticket, RatingCommand command, Actor actor, Instant now)
            throws SQLException {
        NationalRating national = NationalRating.of(command.level(), command.scale());
        officers.requireMayRate(actor, ticket);
        TicketRecord rated = ticket.rate();
        state.save(writes, rated);
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
        events.emit(writes, EventType.TICKET_RATED, rated, rated.counter(), details, now);
        return state.view(rated);
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
}
