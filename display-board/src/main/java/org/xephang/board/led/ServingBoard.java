package org.xephang.board.led;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Ticket;

/**
 * Which number each counter is serving, and in which order the counters were called, kept from a site's snapshot and
 * events: what the LED displays mirror. Pure; not thread-safe (used from one event-stream context).
 */
final class ServingBoard {

    /** A counter holding a ticket (CALLED or SERVING); {@code order} grows with each call, so newest is largest. */
    record Serving(int counter, String ticketId, String number, long order) {}

    private final Map<Integer, Serving> byCounter = new HashMap<>();
    private long order;

    /** Replaces everything with the snapshot's counters; the snapshot's last calls give the call order. */
    void reset(QueueSnapshot snapshot) {
        byCounter.clear();
        order = 0;
        List<QueueSnapshot.Call> newestFirst = snapshot.lastCalls();
        Map<String, Integer> callRank = new HashMap<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            callRank.putIfAbsent(newestFirst.get(i).ticketId(), newestFirst.size() - i);
        }
        for (QueueSnapshot.CounterView counter : snapshot.counters()) {
            Ticket ticket = counter.ticket();
            if (ticket != null && ticket.state().isAtCounter()) {
                long rank = callRank.getOrDefault(ticket.id(), 0);
                byCounter.put(counter.number(), new Serving(counter.number(), ticket.id(), ticket.number(), rank));
            }
        }
        order = newestFirst.size();
    }

    /** Applies one event; returns whether what the displays show changed. */
    boolean apply(QueueEvent event) {
        Ticket ticket = event.ticket();
        Integer counter = event.counter() != null ? event.counter() : ticket == null ? null : ticket.counter();
        switch (event.type()) {
            case TICKET_CALLED, TICKET_RECALLED -> {
                if (ticket == null || counter == null) {
                    return false;
                }
                byCounter.values().removeIf(s -> s.ticketId().equals(ticket.id()));
                byCounter.put(counter, new Serving(counter, ticket.id(), ticket.number(), ++order));
                return true;
            }
            case TICKET_COMPLETED, TICKET_NO_SHOW, TICKET_CANCELLED, TICKET_TRANSFERRED -> {
                return ticket != null
                        && byCounter.values().removeIf(s -> s.ticketId().equals(ticket.id()));
            }
            case COUNTER_SIGNED_OUT -> {
                return counter != null && byCounter.remove(counter) != null;
            }
            default -> {
                return false;
            }
        }
    }

    /** The number being served at a counter, if any. */
    Optional<String> numberAt(int counter) {
        return Optional.ofNullable(byCounter.get(counter)).map(Serving::number);
    }

    /** The counters holding a ticket, most recently called first, at most {@code max}. */
    List<Serving> newestFirst(int max) {
        List<Serving> all = new ArrayList<>(byCounter.values());
        all.sort(Comparator.comparingLong(Serving::order).reversed().thenComparingInt(Serving::counter));
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }
}
