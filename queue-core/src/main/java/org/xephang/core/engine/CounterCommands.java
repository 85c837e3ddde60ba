package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.xephang.api.EventType;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.core.Actor;
import org.xephang.core.counter.CounterDesk;

/**
 * The commands on a site's counters: sign in, sign out, pause, resume. Calling the next ticket is a
 * {@link TicketCommands} command.
 */
final class CounterCommands {

    private final SiteState state;
    private final SiteEvents events;
    private final OfficerRule officers;

    CounterCommands(SiteState state, SiteEvents events, OfficerRule officers) {
        this.state = state;
        this.events = events;
        this.officers = officers;
    }

    CounterView pause(SiteQueue.Writes writes, int counterNumber, String reason, Actor actor, Instant now)
            throws SQLException {
        CounterDesk desk = deskAt(counterNumber);
        officers.requireActsAt(actor, desk);
        CounterDesk paused = desk.pause(reason, now);
        state.saveDesk(writes, paused);
        events.emit(
                writes,
                EventType.COUNTER_PAUSED,
                null,
                counterNumber,
                new JsonObject().put("reason", paused.pauseReason()),
                now);
        return state.counterView(paused);
    }

    CounterView resume(SiteQueue.Writes writes, int counterNumber, Actor actor, Instant now) throws SQLException {
        CounterDesk desk = deskAt(counterNumber);
        officers.requireActsAt(actor, desk);
        CounterDesk resumed = desk.resume();
        state.saveDesk(writes, resumed);
        events.emit(writes, EventType.COUNTER_RESUMED, null, counterNumber, new JsonObject(), now);
        return state.counterView(resumed);
    }

    /**
     * Signs the actor in at a counter. Signing in again at the same counter changes nothing; an officer signed in
     * elsewhere is first signed out there (refused while that counter holds a ticket).
     */
    CounterView signIn(SiteQueue.Writes writes, int counterNumber, Actor actor, Instant now) throws SQLException {
        CommandChecks.counter(state.config(), counterNumber);
        officers.requireStaff(actor);
        CounterDesk desk = state.desk(counterNumber);
        if (actor.username().equals(desk.officer())) {
            return state.counterView(desk);
        }
        CounterDesk signedIn = desk.signIn(actor.username());
        Optional<CounterDesk> elsewhere = state.desks().stream()
                .filter(d -> d.number() != counterNumber && actor.username().equals(d.officer()))
                .findFirst();
        if (elsewhere.isPresent()) {
            CounterDesk left = elsewhere.get().signOut();
            state.saveDesk(writes, left);
            events.emit(
                    writes,
                    EventType.COUNTER_SIGNED_OUT,
                    null,
                    left.number(),
                    new JsonObject().put("officer", actor.username()),
                    now);
        }
        state.saveDesk(writes, signedIn);
        events.emit(
                writes,
                EventType.COUNTER_SIGNED_IN,
                null,
                counterNumber,
                new JsonObject().put("officer", actor.username()),
                now);
        return state.counterView(signedIn);
    }

    CounterView signOut(SiteQueue.Writes writes, int counterNumber, Actor actor, Instant now) throws SQLException {
        CounterDesk desk = deskAt(counterNumber);
        officers.requireActsAt(actor, desk);
        CounterDesk left = desk.signOut();
        state.saveDesk(writes, left);
        events.emit(
                writes,
                EventType.COUNTER_SIGNED_OUT,
                null,
                counterNumber,
                new JsonObject().put("officer", desk.officer()),
                now);
        return state.counterView(left);
    }

    /** The desk of a configured counter (an unknown number is refused). */
    private CounterDesk deskAt(int counterNumber) {
        CommandChecks.counter(state.config(), counterNumber);
        return state.desk(counterNumber);
    }
}
