package org.xephang.bench.crash;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;

/**
 * Compares what the clients were told ({@link CrashLedger}) with what the restarted server holds:
 *
 * <ul>
 *   <li><b>lost</b>: an acknowledged ticket the server does not know, or in an earlier state than acknowledged, or in a
 *       state no sent operation could have produced;
 *   <li><b>duplicates</b>: two tickets with the same (site, number), a ticket whose number changed, or an idempotency
 *       key answered with two tickets;
 *   <li><b>double calls</b>: a ticket called by two counters (or twice), or a counter holding two tickets.
 * </ul>
 */
public final class CrashAudit {

    private static final int EXAMPLES = 20;

    public record Result(List<String> lost, List<String> duplicates, List<String> doubleCalls, int checked) {

        public boolean clean() {
            return lost.isEmpty() && duplicates.isEmpty() && doubleCalls.isEmpty();
        }

        public String line() {
            return "lost=" + lost.size() + " duplicates=" + duplicates.size() + " double_calls=" + doubleCalls.size();
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("checkedTickets", checked)
                    .put("lost", lost.size())
                    .put("duplicates", duplicates.size())
                    .put("doubleCalls", doubleCalls.size())
                    .put("lostExamples", examples(lost))
                    .put("duplicateExamples", examples(duplicates))
                    .put("doubleCallExamples", examples(doubleCalls));
        }

        private static JsonArray examples(List<String> list) {
            return new JsonArray(new ArrayList<>(list.subList(0, Math.min(EXAMPLES, list.size()))));
        }
    }

    private CrashAudit() {}

    public static Result check(CrashLedger ledger, Function<String, Optional<Ticket>> server) {
        List<String> lost = new ArrayList<>();
        List<String> duplicates = new ArrayList<>(ledger.idempotencyViolations());
        List<String> doubleCalls = new ArrayList<>();
        Map<String, String> idByNumber = new HashMap<>();
        Map<String, String> holderByCounter = new HashMap<>();
        int checked = 0;
        for (CrashLedger.Known known : ledger.tickets()) {
            checked++;
            String numberKey = known.site + "/" + known.number;
            String other = idByNumber.putIfAbsent(numberKey, known.id);
            if (other != null) {
                duplicates.add(numberKey + " given to tickets " + other + " and " + known.id);
            }
            Optional<Ticket> found = server.apply(known.id);
            if (found.isEmpty()) {
                lost.add(known.site + "/" + known.number + " (" + known.id + ") acknowledged " + known.state
                        + " is missing");
                continue;
            }
            Ticket ticket = found.get();
            if (!known.number.equals(ticket.number())) {
                duplicates.add("ticket " + known.id + " was acknowledged as " + known.number + " but is now "
                        + ticket.number());
            }
            if (!allowed(known, ticket, ledger.inDoubtCalls(known.site))) {
                lost.add(known.site + "/" + known.number + " acknowledged " + describe(known.state, known.counter)
                        + (known.pending == null ? "" : " (then " + known.pending + " unanswered)") + " but is "
                        + describe(ticket.state(), ticket.counter()));
            }
            if (ticket.state().isAtCounter() && ticket.counter() != null) {
                String counterKey = known.site + "/" + ticket.counter();
                String holder = holderByCounter.putIfAbsent(counterKey, known.id);
                if (holder != null) {
                    doubleCalls.add("counter " + counterKey + " holds both " + holder + " and " + known.id);
                }
            }
        }
        for (Map.Entry<String, List<Integer>> calls : ledger.callsByTicket().entrySet()) {
            if (calls.getValue().size() > 1) {
                Set<Integer> counters = new HashSet<>(calls.getValue());
                doubleCalls.add("ticket " + calls.getKey() + " called "
                        + calls.getValue().size() + " times by counters " + counters);
            }
        }
        return new Result(lost, duplicates, doubleCalls, checked);
    }

    /** Whether the server's state can follow from the last acknowledged state and the operation left in doubt. */
    private static boolean allowed(CrashLedger.Known known, Ticket server, List<Integer> inDoubtCalls) {
        TicketState state = server.state();
        if (state == known.state && (known.state == TicketState.WAITING || sameCounter(known, server))) {
            return true;
        }
        if (known.pending != null && state == known.pending.target && sameCounter(known, server)) {
            return true;
        }
        // An unanswered call-next may have called a waiting ticket to that counter.
        return known.state == TicketState.WAITING
                && state == TicketState.CALLED
                && server.counter() != null
                && inDoubtCalls.contains(server.counter());
    }

    private static boolean sameCounter(CrashLedger.Known known, Ticket server) {
        return known.counter == null || known.counter.equals(server.counter());
    }

    private static String describe(TicketState state, Integer counter) {
        return counter == null ? state.name() : state + "@" + counter;
    }
}
