package org.xephang.bench.crash;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xephang.api.TicketState;

/**
 * What the clients of the crash run know: every acknowledged ticket with the last acknowledged state, the operation
 * sent for it that never got an answer (the server died), every acknowledged call and which counter made it, and the
 * ticket number each idempotency key was answered with. Not thread-safe: the load runs on one event loop.
 */
public final class CrashLedger {

    /** An operation on a ticket that was sent but not answered: it may or may not have happened. */
    public enum Pending {
        START(TicketState.SERVING),
        COMPLETE(TicketState.DONE);

        final TicketState target;

        Pending(TicketState target) {
            this.target = target;
        }
    }

    /** One ticket as the clients saw it acknowledged. */
    public static final class Known {
        final String id;
        final String site;
        final String number;
        TicketState state;
        Integer counter;
        Pending pending;

        Known(String id, String site, String number) {
            this.id = id;
            this.site = site;
            this.number = number;
            this.state = TicketState.WAITING;
        }
    }

    private final Map<String, Known> tickets = new LinkedHashMap<>();
    private final Map<String, List<Integer>> callsByTicket = new HashMap<>();
    private final Map<String, String> ticketByKey = new HashMap<>();
    private final Map<String, List<Integer>> inDoubtCallsBySite = new HashMap<>();
    private final List<String> idempotencyViolations = new ArrayList<>();

    /** An acknowledged issue (201 new or 200 replayed) for an idempotency key. */
    public void issued(String idempotencyKey, String id, String site, String number) {
        String earlier = ticketByKey.putIfAbsent(idempotencyKey, id);
        if (earlier != null && !earlier.equals(id)) {
            idempotencyViolations.add("key " + idempotencyKey + " answered with ticket " + earlier + " then " + id);
        }
        Known known = tickets.get(id);
        if (known == null) {
            tickets.put(id, new Known(id, site, number));
        } else if (!known.number.equals(number)) {
            idempotencyViolations.add("ticket " + id + " answered as " + known.number + " then " + number);
        }
    }

    /** An acknowledged call-next at {@code counter} that returned ticket {@code id}. */
    public void called(String id, String site, String number, int counter) {
        Known known = tickets.computeIfAbsent(id, i -> new Known(i, site, number));
        callsByTicket.computeIfAbsent(id, i -> new ArrayList<>()).add(counter);
        known.state = TicketState.CALLED;
        known.counter = counter;
        known.pending = null;
    }

    /** A call-next at {@code counter} that got no answer: some waiting ticket of the site may now be called there. */
    public void callInDoubt(String site, int counter) {
        inDoubtCallsBySite.computeIfAbsent(site, s -> new ArrayList<>()).add(counter);
    }

    /**
     * After a restart the counter's officer finds {@code id} at the counter (from the snapshot): the in-doubt call
     * happened. Counted as a call by that counter.
     */
    public void foundAtCounter(String id, String site, String number, int counter, TicketState state) {
        Known known = tickets.computeIfAbsent(id, i -> new Known(i, site, number));
        if (!Objects.equals(known.counter, counter) || known.state == TicketState.WAITING) {
            callsByTicket.computeIfAbsent(id, i -> new ArrayList<>()).add(counter);
        }
        known.state = state;
        known.counter = counter;
        known.pending = null;
    }

    public void sent(String id, Pending pending) {
        tickets.get(id).pending = pending;
    }

    public void acknowledged(String id, TicketState state) {
        Known known = tickets.get(id);
        known.state = state;
        known.pending = null;
    }

    /** The ids of every ticket the clients know, in the order they learnt of them. */
    public java.util.List<String> ticketIds() {
        return tickets.keySet().stream().toList();
    }

    public Collection<Known> tickets() {
        return tickets.values();
    }

    Map<String, List<Integer>> callsByTicket() {
        return callsByTicket;
    }

    /** The counters that made an unanswered call-next, per site. */
    List<Integer> inDoubtCalls(String site) {
        return inDoubtCallsBySite.getOrDefault(site, List.of());
    }

    List<String> idempotencyViolations() {
        return idempotencyViolations;
    }
}
