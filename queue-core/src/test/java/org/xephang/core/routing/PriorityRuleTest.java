package org.xephang.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.CounterConfig.ServiceOrder;
import org.xephang.core.site.PriorityRule;
import org.xephang.core.ticket.TicketRecord;

class PriorityRuleTest {

    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    static final CounterConfig COUNTER_A = new CounterConfig(1, "Quầy 1", List.of("A"), ServiceOrder.FCFS);
    static final CounterConfig COUNTER_AB = new CounterConfig(2, "Quầy 2", List.of("A", "B"), ServiceOrder.FCFS);

    final List<TicketRecord> tickets = new ArrayList<>();
    final WaitingLines lines = new WaitingLines();
    long order;

    TicketRecord issue(String service, String priority, Instant at) {
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
                at,
                null);
        tickets.add(t);
        lines.update(null, t);
        return t;
    }

    TicketRecord issue(String service, String priority) {
        return issue(service, priority, T0.plusSeconds(order));
    }

    Function<String, TicketRecord> byId() {
        return id -> tickets.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** One call at the counter under the rule, through both the plain policy and the line index (they must agree). */
    String call(CounterConfig counter, PriorityRule rule, int inRow, Instant now) {
        Optional<TicketRecord> byPolicy = RoutingPolicy.next(counter, tickets, rule, inRow, now);
        Optional<TicketRecord> byLines = lines.next(counter, byId(), rule, inRow, now);
        assertThat(byLines).isEqualTo(byPolicy);
        if (byPolicy.isEmpty()) {
            return null;
        }
        TicketRecord called = byPolicy.get().call(counter.number(), "o", now);
        lines.update(byPolicy.get(), called);
        tickets.replaceAll(x -> x.id().equals(called.id()) ? called : x);
        return called.number();
    }

    /** Calls until nothing waits, keeping the counter's priority streak as the engine does. */
    List<String> drain(CounterConfig counter, PriorityRule rule) {
        List<String> numbers = new ArrayList<>();
        int inRow = 0;
        String number;
        while ((number = call(counter, rule, inRow, T0)) != null) {
            numbers.add(number);
            boolean priority = tickets.stream()
                    .filter(t -> t.number().equals(numbers.get(numbers.size() - 1)))
                    .findFirst()
                    .orElseThrow()
                    .isPriority();
            inRow = priority ? inRow + 1 : 0;
        }
        return numbers;
    }

    @Test
    void strictPriorityCallsEveryPriorityTicketBeforeAnyNormalOne() {
        issue("A", null);
        issue("A", "elderly");
        issue("A", "elderly");
        issue("A", "elderly");
        issue("A", "elderly");
        issue("A", "elderly");

        assertThat(drain(COUNTER_A, PriorityRule.STRICT)).containsExactly("A2", "A3", "A4", "A5", "A6", "A1");
    }

    @Test
    void afterMaxInRowPriorityCallsTheWaitingNormalTicketGoesFirst() {
        issue("A", null);
        issue("A", null);
        for (int i = 0; i < 7; i++) {
            issue("A", "elderly");
        }

        assertThat(drain(COUNTER_A, new PriorityRule(2, null)))
                .containsExactly("A3", "A4", "A1", "A5", "A6", "A2", "A7", "A8", "A9");
    }

    @Test
    void eachClassKeepsItsIssueOrderUnderTheFairRule() {
        for (int i = 0; i < 20; i++) {
            issue("A", i % 3 == 0 ? null : "disabled");
        }

        List<String> called = drain(COUNTER_A, PriorityRule.DEFAULT);

        List<String> normal = tickets.stream()
                .filter(t -> !t.isPriority())
                .map(TicketRecord::number)
                .toList();
        List<String> priority = tickets.stream()
                .filter(TicketRecord::isPriority)
                .map(TicketRecord::number)
                .toList();
        assertThat(called.stream().filter(normal::contains)).containsExactlyElementsOf(normal);
        assertThat(called.stream().filter(priority::contains)).containsExactlyElementsOf(priority);
    }

    @Test
    void aNormalTicketAtTheHeadOfItsLineIsCalledWithinMaxInRowPlusOneCallsHoweverManyPriorityTicketsArrive() {
        PriorityRule rule = new PriorityRule(3, null);
        issue("A", null);
        int inRow = 0;
        int calls = 0;
        String number;
        do {
            // A new priority ticket arrives before every call: the stream never runs dry.
            issue("A", "pregnant");
            number = call(COUNTER_A, rule, inRow, T0);
            calls++;
            inRow = number.equals("A1") ? 0 : inRow + 1;
        } while (!number.equals("A1"));

        assertThat(calls).isEqualTo(rule.maxInRow() + 1);
    }

    @Test
    void aNormalTicketWaitingLongerThanTheLimitIsCalledBeforeWaitingPriorityTickets() {
        PriorityRule rule = new PriorityRule(0, Duration.ofMinutes(30));
        issue("A", null, T0);
        issue("A", "elderly", T0.plus(Duration.ofMinutes(20)));

        assertThat(call(COUNTER_A, rule, 0, T0.plus(Duration.ofMinutes(29)))).isEqualTo("A2");
        issue("A", "elderly", T0.plus(Duration.ofMinutes(29)));
        assertThat(call(COUNTER_A, rule, 1, T0.plus(Duration.ofMinutes(30)))).isEqualTo("A1");
    }

    @Test
    void theRuleComparesTheBestCandidateOfEachClassAcrossTheCountersLines() {
        issue("B", null);
        issue("A", null);
        issue("A", "elderly");
        issue("B", "elderly");

        assertThat(call(COUNTER_AB, new PriorityRule(1, null), 1, T0)).isEqualTo("B1");
        assertThat(call(COUNTER_AB, new PriorityRule(1, null), 0, T0)).isEqualTo("A3");
    }

    @Test
    void withOnlyOneClassWaitingTheRuleChangesNothing() {
        issue("A", "elderly");
        issue("A", "elderly");

        assertThat(call(COUNTER_A, new PriorityRule(1, null), 5, T0)).isEqualTo("A1");
    }

    @Test
    void badLimitsAreRefused() {
        assertThatThrownBy(() -> new PriorityRule(-1, null)).hasMessageContaining("maxInRow");
        assertThatThrownBy(() -> new PriorityRule(0, Duration.ZERO)).hasMessageContaining("normalWaitLimit");
    }
}
