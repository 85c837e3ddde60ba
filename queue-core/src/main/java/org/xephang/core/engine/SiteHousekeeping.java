package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.EventType;
import org.xephang.api.TicketState;
import org.xephang.core.counter.CounterDesk;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.TicketRecord;

/**
 * What time does to a site without a command: the day rollover and the expiry of calls not answered in time. Runs
 * before every command of the site and from the engine's minute check, on the writer thread.
 */
final class SiteHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(SiteHousekeeping.class);

    private final SiteState state;
    private final SiteEvents events;

    SiteHousekeeping(SiteState state, SiteEvents events) {
        this.state = state;
        this.events = events;
    }

    /** Whether {@link #rollover} has work at this instant (safe from any thread). */
    boolean needsRollover(Instant now) {
        return state.staleCheckPending() || !state.calendar().localDay(now).equals(state.currentDay());
    }

    /**
     * At the first command of a new local day (and once after each load): tickets of earlier days still open are
     * cancelled (their numbers belong to a finished day), counters holding them are freed, and finished old tickets
     * leave memory.
     */
    void rollover(SiteQueue.Writes writes, Instant now) throws SQLException {
        LocalDate today = state.calendar().localDay(now);
        boolean newDay = !today.equals(state.currentDay());
        if (!newDay && !state.staleCheckPending()) {
            return;
        }
        state.dayChecked(today);
        for (TicketRecord t : state.ticketsNow()) {
            if (!t.localDay().isBefore(today)) {
                continue;
            }
            if (t.state().isOpen()) {
                state.releaseDeskHolding(writes, t);
                TicketRecord cancelled = t.cancel(now);
                state.save(writes, cancelled);
                events.emit(
                        writes,
                        EventType.TICKET_CANCELLED,
                        cancelled,
                        null,
                        new JsonObject().put("reason", "hết ngày"),
                        now);
            }
            state.forget(t.id());
        }
        if (newDay) {
            state.forgetEarlierDays(today);
            LOG.info("Site {}: new local day {}", state.config().code(), today);
        }
    }

    /**
     * With {@code calledTimeoutMinutes} configured: every CALLED ticket not started in time leaves its counter and goes
     * back to WAITING at the front of its queue ({@code ticket.transferred}, {@code "reason":"hết thời gian chờ tại
     * quầy"}); one already called {@value SiteConfig#MAX_CALLS_BEFORE_NO_SHOW} times becomes NO_SHOW instead.
     */
    void expireCalls(SiteQueue.Writes writes, Instant now) throws SQLException {
        Integer minutes = state.config().calledTimeoutMinutes();
        if (minutes == null) {
            return;
        }
        for (CounterDesk desk : List.copyOf(state.desks())) {
            TicketRecord t =
                    desk.ticketId() == null ? null : state.find(desk.ticketId()).orElse(null);
            if (t == null
                    || t.state() != TicketState.CALLED
                    || t.calledAt().plusSeconds(minutes * 60L).isAfter(now)) {
                continue;
            }
            state.releaseDeskHolding(writes, t);
            if (t.callCount() >= SiteConfig.MAX_CALLS_BEFORE_NO_SHOW) {
                TicketRecord absent = t.noShow(now);
                state.save(writes, absent);
                events.emit(
                        writes,
                        EventType.TICKET_NO_SHOW,
                        absent,
                        absent.counter(),
                        new JsonObject().put("reason", "hết thời gian chờ tại quầy"),
                        now);
                continue;
            }
            TicketRecord back = t.transfer(t.service(), null, state.frontQueueKey());
            state.queueKeyUsed(back.queueKey());
            state.save(writes, back);
            JsonObject details = new JsonObject()
                    .put("fromService", t.service())
                    .put("fromCounter", t.counter())
                    .put("toService", t.service())
                    .put("toCounter", null)
                    .put("position", "front")
                    .put("reason", "hết thời gian chờ tại quầy");
            state.forgetCall(back.id());
            events.emit(writes, EventType.TICKET_TRANSFERRED, back, null, details, now);
        }
    }
}
