package org.xephang.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xephang.api.TicketState;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.CounterConfig.ServiceOrder;
import org.xephang.core.ticket.TicketRecord;

/** The indexed lines answer exactly what {@link RoutingPolicy} answers by scanning every ticket. */
class WaitingLinesTest {

    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    static final List<String> SERVICES = List.of("A", "B", "C");
    static final List<CounterConfig> COUNTERS = List.of(
            new CounterConfig(1, "Quầy 1", List.of("A"), ServiceOrder.FCFS),
            new CounterConfig(2, "Quầy 2", List.of("A", "B"), ServiceOrder.FCFS),
            new CounterConfig(3, "Quầy 3", List.of("C", "B", "A"), ServiceOrder.LISTED),
            new CounterConfig(4, "Quầy 4", List.of("C"), ServiceOrder.FCFS));

    final Map<String, TicketRecord> tickets = new LinkedHashMap<>();
    final WaitingLines lines = new WaitingLines();
    long order;
    long minKey;
    long maxKey;

    void put(TicketRecord ticket) {
        lines.update(tickets.put(ticket.id(), ticket), ticket);
    }

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
                ++maxKey,
                T0.plusSeconds(order),
                null);
        put(t);
        return t;
    }

    @Test
    void randomDaysOfIssuesCallsTransfersAndCancelsAgreeWithTheScanningRules() {
        Random random = new Random(20261206);
        for (int day = 0; day < 40; day++) {
            tickets.clear();
            lines.clear();
            for (int step = 0; step < 400; step++) {
                act(random);
                assertAgreement();
            }
        }
    }

    private void act(Random random) {
        int action = random.nextInt(10);
        List<TicketRecord> waiting = tickets.values().stream()
                .filter(t -> t.state() == TicketState.WAITING)
                .toList();
        if (action < 4 || waiting.isEmpty()) {
            issue(SERVICES.get(random.nextInt(SERVICES.size())), random.nextInt(4) == 0 ? "elderly" : null);
        } else if (action < 7) {
            CounterConfig counter = COUNTERS.get(random.nextInt(COUNTERS.size()));
            lines.next(counter, tickets::get).ifPresent(t -> put(t.call(counter.number(), "o", T0)));
        } else if (action < 9) {
            TicketRecord t = waiting.get(random.nextInt(waiting.size()));
            boolean front = random.nextBoolean();
            long key = front ? --minKey : ++maxKey;
            if (random.nextBoolean()) {
                put(t.transfer(SERVICES.get(random.nextInt(SERVICES.size())), null, key));
            } else {
                put(t.transfer(
                        t.service(),
                        COUNTERS.get(random.nextInt(COUNTERS.size())).number(),
                        key));
            }
        } else {
            put(waiting.get(random.nextInt(waiting.size())).cancel(T0));
        }
    }

    private void assertAgreement() {
        for (CounterConfig counter : COUNTERS) {
            assertThat(lines.next(counter, tickets::get))
                    .as("next at counter %d", counter.number())
                    .isEqualTo(RoutingPolicy.next(counter, tickets.values()));
        }
        WaitingLines.Frozen frozen = lines.freeze();
        for (TicketRecord t : tickets.values()) {
            if (t.state() == TicketState.WAITING) {
                int expected = RoutingPolicy.waitingAhead(t, tickets.values());
                assertThat(lines.waitingAhead(t)).as("ahead of %s", t.number()).isEqualTo(expected);
                assertThat(frozen.waitingAhead(t))
                        .as("frozen ahead of %s", t.number())
                        .isEqualTo(expected);
            }
        }
        for (String service : SERVICES) {
            List<TicketRecord> waiting = tickets.values().stream()
                    .filter(t -> t.state() == TicketState.WAITING && t.service().equals(service))
                    .toList();
            assertThat(lines.waiting(service)).isEqualTo(waiting.size());
            assertThat(frozen.waiting(service)).isEqualTo(waiting.size());
            assertThat(lines.waitingPriority(service))
                    .isEqualTo(waiting.stream().filter(TicketRecord::isPriority).count());
        }
    }

    @Test
    void aFrozenCopyKeepsItsStateWhileTheLinesMoveOn() {
        TicketRecord a1 = issue("A", null);
        TicketRecord a2 = issue("A", null);
        WaitingLines.Frozen before = lines.freeze();

        put(a1.call(1, "o", T0));
        TicketRecord a0 = issue("A", "elderly");

        assertThat(before.waitingAhead(a2)).isEqualTo(1);
        assertThat(before.waiting("A")).isEqualTo(2);
        assertThat(lines.waitingAhead(a2)).isEqualTo(1); // the priority ticket a0 now stands ahead instead of a1
        assertThat(lines.waitingAhead(a0)).isZero();
        assertThat(lines.freeze().waiting("A")).isEqualTo(2);
    }

    @Test
    void everyFrozenCopyKeepsItsAnswersWhileIssuesCallsTransfersAndCancelsGoOn() {
        Random random = new Random(20261207);
        for (int day = 0; day < 20; day++) {
            tickets.clear();
            lines.clear();
            List<WaitingLines.Frozen> copies = new ArrayList<>();
            List<List<TicketRecord>> waitingThen = new ArrayList<>();
            List<List<Integer>> answers = new ArrayList<>();
            for (int step = 0; step < 300; step++) {
                act(random);
                if (step % 7 == 0) {
                    WaitingLines.Frozen frozen = lines.freeze();
                    List<TicketRecord> waiting = tickets.values().stream()
                            .filter(t -> t.state() == TicketState.WAITING)
                            .toList();
                    copies.add(frozen);
                    waitingThen.add(waiting);
                    answers.add(answersOf(frozen, waiting));
                }
            }
            for (int i = 0; i < copies.size(); i++) {
                assertThat(answersOf(copies.get(i), waitingThen.get(i)))
                        .as("day %d, copy %d read after the lines moved on", day, i)
                        .isEqualTo(answers.get(i));
            }
        }
    }

    /** Each waiting ticket's place, then each service's counts, as a frozen copy answers them. */
    private static List<Integer> answersOf(WaitingLines.Frozen frozen, List<TicketRecord> waiting) {
        List<Integer> answers = new ArrayList<>();
        waiting.forEach(t -> answers.add(frozen.waitingAhead(t)));
        for (String service : SERVICES) {
            answers.add(frozen.waiting(service));
            answers.add(frozen.waitingPriority(service));
        }
        return answers;
    }

    @Test
    void freezingALongLineAfterOneIssueAllocatesLittleWhateverTheLineHolds() {
        for (int i = 0; i < 50_000; i++) {
            issue("A", null);
        }
        lines.freeze();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        List<TicketRecord> issued = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // warm up
            issued.add(issue("A", null));
            lines.freeze();
        }
        long before = threads.getThreadAllocatedBytes(thread);
        int rounds = 1000;
        for (int i = 0; i < rounds; i++) {
            TicketRecord t = issued.get(i % issued.size());
            lines.update(null, t.withQueueKey(++maxKey)); // the line grows at its back, as issues do
            lines.freeze();
        }
        long perRound = (threads.getThreadAllocatedBytes(thread) - before) / rounds;

        // A copy of the line's keys would be 8 B × 50,000 = 400 KB per freeze; sharing them costs a few small objects.
        assertThat(perRound).as("bytes allocated per issue and freeze").isLessThan(4_000);
        assertThat(lines.waiting("A")).isEqualTo(50_000 + 200 + rounds);
    }

    @Test
    void aTicketThatIsNotInItsLineIsAnErrorNotASilentMiscount() {
        TicketRecord a1 = issue("A", null);
        TicketRecord stranger = a1.transfer("B", null, 99);

        assertThatThrownBy(() -> lines.update(stranger, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in its line");
    }

    @Test
    void heavyLinesStayInOrderWhenTicketsLeaveFromTheMiddle() {
        List<TicketRecord> issued = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            issued.add(issue("A", null));
        }
        for (int i = 1; i < 1000; i += 2) {
            put(issued.get(i).cancel(T0));
        }

        assertThat(lines.waiting("A")).isEqualTo(500);
        assertThat(lines.waitingAhead(issued.get(998))).isEqualTo(499);
        assertThat(lines.next(COUNTERS.get(0), tickets::get)).contains(issued.get(0));
    }
}
