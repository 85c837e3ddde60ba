package org.xephang.core.routing;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.xephang.api.TicketState;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.CounterConfig.ServiceOrder;
import org.xephang.core.site.PriorityRule;
import org.xephang.core.ticket.TicketRecord;

/**
 * FCFS routing (docs/architecture.md §6.4): which WAITING ticket a counter calls next. Pure and stateless.
 *
 * <p>A counter's candidates are the WAITING tickets transferred to it, and the WAITING tickets of the services it
 * serves that were not transferred to a specific counter. Among them:
 *
 * <ol>
 *   <li>priority tickets first, then the others;
 *   <li>with {@link ServiceOrder#LISTED}, then by the position of the ticket's service in the counter's list (tickets
 *       transferred to this counter count as its first service);
 *   <li>then by queue key: the server's issue sequence, or the position a transfer gave (front or back). Never a wall
 *       clock.
 * </ol>
 *
 * A site's {@link PriorityRule} may let a normal ticket go before the waiting priority tickets, so that a steady
 * stream of priority tickets cannot starve the normal line; the order within each class stays as above.
 */
public final class RoutingPolicy {

    private RoutingPolicy() {}

    /** The ticket the counter calls next under strict priority, if any waits. */
    public static Optional<TicketRecord> next(CounterConfig counter, Collection<TicketRecord> tickets) {
        return tickets.stream().filter(t -> isCandidate(counter, t)).min(order(counter));
    }

    /**
     * The ticket the counter calls next under the site's priority rule, if any waits.
     *
     * @param priorityCallsInRow the counter's priority calls since its last normal call
     * @param now the time of the call
     */
    public static Optional<TicketRecord> next(
            CounterConfig counter,
            Collection<TicketRecord> tickets,
            PriorityRule rule,
            int priorityCallsInRow,
            Instant now) {
        Comparator<TicketRecord> order = order(counter);
        TicketRecord priority = null;
        TicketRecord normal = null;
        for (TicketRecord ticket : tickets) {
            if (!isCandidate(counter, ticket)) {
                continue;
            }
            if (ticket.isPriority()) {
                priority = priority == null || order.compare(ticket, priority) < 0 ? ticket : priority;
            } else {
                normal = normal == null || order.compare(ticket, normal) < 0 ? ticket : normal;
            }
        }
        if (priority == null || normal == null) {
            return Optional.ofNullable(priority != null ? priority : normal);
        }
        return Optional.of(rule.normalGoesFirst(normal.issuedAt(), priorityCallsInRow, now) ? normal : priority);
    }

    /** Whether the counter may call this ticket by call-next. */
    public static boolean isCandidate(CounterConfig counter, TicketRecord ticket) {
        if (ticket.state() != TicketState.WAITING) {
            return false;
        }
        if (ticket.assignedCounter() != null) {
            return ticket.assignedCounter() == counter.number();
        }
        return counter.services().contains(ticket.service());
    }

    /** The calling order of a counter's candidates. */
    public static Comparator<TicketRecord> order(CounterConfig counter) {
        Comparator<TicketRecord> priorityFirst = Comparator.comparing(t -> !t.isPriority());
        if (counter.order() == ServiceOrder.LISTED) {
            priorityFirst = priorityFirst.thenComparingInt(
                    t -> t.assignedCounter() != null ? -1 : counter.services().indexOf(t.service()));
        }
        return priorityFirst.thenComparingLong(TicketRecord::queueKey);
    }

    /**
     * How many WAITING tickets of the same queue come before this one: the same counter for a ticket transferred to a
     * counter, otherwise the same service among tickets not transferred to a counter; priority first, then queue key.
     * Tickets of other services that share counters are not counted (see {@link WaitEstimator}).
     */
    public static int waitingAhead(TicketRecord ticket, Collection<TicketRecord> tickets) {
        Comparator<TicketRecord> order = Comparator.<TicketRecord, Boolean>comparing(t -> !t.isPriority())
                .thenComparingLong(TicketRecord::queueKey);
        int ahead = 0;
        for (TicketRecord other : tickets) {
            if (other.state() == TicketState.WAITING
                    && !other.id().equals(ticket.id())
                    && sameQueue(ticket, other)
                    && order.compare(other, ticket) < 0) {
                ahead++;
            }
        }
        return ahead;
    }

    private static boolean sameQueue(TicketRecord a, TicketRecord b) {
        if (a.assignedCounter() != null || b.assignedCounter() != null) {
            return a.assignedCounter() != null && a.assignedCounter().equals(b.assignedCounter());
        }
        return a.service().equals(b.service());
    }
}
