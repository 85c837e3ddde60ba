package org.xephang.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.CounterConfig.ServiceOrder;
import org.xephang.core.ticket.TicketRecord;

class RoutingPolicyTest {

    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    static final CounterConfig COUNTER_A = new CounterConfig(1, "Quầy 1", List.of("A"), ServiceOrder.FCFS);
    static final CounterConfig COUNTER_AB = new CounterConfig(2, "Quầy 2", List.of("A", "B"), ServiceOrder.FCFS);
    static final CounterConfig COUNTER_BA_LISTED =
            new CounterConfig(3, "Quầy 3", List.of("B", "A"), ServiceOrder.LISTED);

    final List<TicketRecord> tickets = new ArrayList<>();
    long order;

    TicketRecord issue(String service, String priority) {
        order++;
        TicketRecord t = TicketRecord.issued(
                "t" + order,
                "s1",
                service,
                LocalDate.of(2026, 11, 23),
                (int) order,
                service + order,
                priority,
                "kiosk",
                order,
                order,
                T0.plusSeconds(order),
                null);
        tickets.add(t);
        return t;
    }

    void replace(TicketRecord t) {
        tickets.replaceAll(x -> x.id().equals(t.id()) ? t : x);
    }

    String next(CounterConfig counter) {
        return RoutingPolicy.next(counter, tickets).map(TicketRecord::number).orElse(null);
    }

    /** Calls next repeatedly (the ticket leaves the queue each time) and lists the numbers in calling order. */
    List<String> drain(CounterConfig counter) {
        List<String> numbers = new ArrayList<>();
        Optional<TicketRecord> next;
        while ((next = RoutingPolicy.next(counter, tickets)).isPresent()) {
            numbers.add(next.get().number());
            replace(next.get().call(counter.number(), "o", T0));
        }
        return numbers;
    }

    @Test
    void callNextTakesTicketsInIssueOrder() {
        issue("A", null);
        issue("A", null);
        issue("A", null);

        assertThat(drain(COUNTER_A)).containsExactly("A1", "A2", "A3");
    }

    @Test
    void callNextTakesPriorityTicketsFirstInIssueOrder() {
        issue("A", null);
        issue("A", "elderly");
        issue("A", null);
        issue("A", "pregnant");

        assertThat(drain(COUNTER_A)).containsExactly("A2", "A4", "A1", "A3");
    }

    @Test
    void aCounterOnlyTakesTicketsOfItsServices() {
        issue("B", null);
        issue("A", null);

        assertThat(next(COUNTER_A)).isEqualTo("A2");
        assertThat(next(COUNTER_AB)).isEqualTo("B1");
    }

    @Test
    void aCounterServingSeveralServicesMergesThemInIssueOrder() {
        issue("B", null);
        issue("A", null);
        issue("B", null);

        assertThat(drain(COUNTER_AB)).containsExactly("B1", "A2", "B3");
    }

    @Test
    void aListedCounterServesItsFirstServiceBeforeTheOthersButPriorityStillFirst() {
        issue("A", null);
        issue("B", null);
        issue("A", "disabled");
        issue("B", null);

        assertThat(drain(COUNTER_BA_LISTED)).containsExactly("A3", "B2", "B4", "A1");
    }

    @Test
    void calledTicketsAreNotCandidates() {
        TicketRecord first = issue("A", null);
        issue("A", null);
        replace(first.call(1, "o", T0));

        assertThat(next(COUNTER_AB)).isEqualTo("A2");
    }

    @Test
    void aTicketTransferredToTheFrontIsCalledFirst() {
        issue("A", null);
        issue("A", null);
        TicketRecord late = issue("A", null);
        replace(late.transfer("A", null, -1));

        assertThat(drain(COUNTER_A)).containsExactly("A3", "A1", "A2");
    }

    @Test
    void aTicketTransferredToTheBackIsCalledLast() {
        TicketRecord first = issue("A", null);
        issue("A", null);
        issue("A", null);
        replace(first.transfer("A", null, 100));

        assertThat(drain(COUNTER_A)).containsExactly("A2", "A3", "A1");
    }

    @Test
    void aTicketTransferredToACounterIsCalledOnlyByThatCounter() {
        TicketRecord b = issue("B", null);
        replace(b.transfer("B", 1, 50));

        assertThat(next(COUNTER_AB)).isNull();
        assertThat(next(COUNTER_A)).isEqualTo("B1");
    }

    @Test
    void aTicketTransferredToAListedCounterComesBeforeItsServices() {
        issue("B", null);
        TicketRecord other = issue("D", null);
        replace(other.transfer("D", 3, 100));

        assertThat(next(COUNTER_BA_LISTED)).isEqualTo("D2");
    }

    @Test
    void waitingAheadCountsTheSameQueuePriorityFirst() {
        TicketRecord a1 = issue("A", null);
        issue("B", null);
        TicketRecord a3 = issue("A", null);
        TicketRecord a4 = issue("A", "elderly");

        assertThat(RoutingPolicy.waitingAhead(a1, tickets)).isEqualTo(1);
        assertThat(RoutingPolicy.waitingAhead(a3, tickets)).isEqualTo(2);
        assertThat(RoutingPolicy.waitingAhead(a4, tickets)).isZero();
    }

    @Test
    void emptyQueueGivesNothing() {
        assertThat(RoutingPolicy.next(COUNTER_A, tickets)).isEmpty();
    }
}
