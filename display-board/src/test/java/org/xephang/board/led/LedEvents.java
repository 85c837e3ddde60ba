package org.xephang.board.led;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.xephang.api.CounterState;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;

/** Builds the snapshots and events the LED tests feed in. */
final class LedEvents {

    private static final Instant AT = Instant.parse("2026-11-22T01:15:00Z");
    private long seq = 10;

    static Ticket ticket(String number, TicketState state, Integer counter) {
        return new Ticket(
                "id-" + number,
                "demo",
                number,
                "HT",
                null,
                "kiosk",
                state,
                AT,
                AT,
                null,
                null,
                counter,
                1,
                null,
                null,
                null,
                null);
    }

    QueueEvent event(EventType type, Ticket ticket, Integer counter) {
        return new QueueEvent("e" + seq, ++seq, type, AT, "demo", ticket, counter, new JsonObject());
    }

    QueueEvent call(String number, int counter) {
        return event(EventType.TICKET_CALLED, ticket(number, TicketState.CALLED, counter), counter);
    }

    QueueEvent complete(String number, int counter) {
        return event(EventType.TICKET_COMPLETED, ticket(number, TicketState.DONE, counter), counter);
    }

    /** Counter 1 serving A001 (called second), counter 2 serving B002 (called first), counter 3 free. */
    QueueSnapshot snapshot() {
        return new QueueSnapshot(
                seq,
                "demo",
                AT,
                List.of(),
                List.of(
                        counter(1, ticket("A001", TicketState.SERVING, 1)),
                        counter(2, ticket("B002", TicketState.CALLED, 2)),
                        counter(3, null)),
                List.of(
                        new QueueSnapshot.Call("id-A001", "A001", "HT", 1, AT, 1),
                        new QueueSnapshot.Call("id-B002", "B002", "HT", 2, AT, 1)));
    }

    private static QueueSnapshot.CounterView counter(int number, Ticket ticket) {
        return new QueueSnapshot.CounterView(
                number, "Quầy " + number, CounterState.OPEN, null, null, "officer" + number, List.of("HT"), ticket);
    }
}
