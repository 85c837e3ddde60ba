package org.xephang.core.routing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.ticket.TicketRecord;

/**
 * FCFS routing over a site's tickets of the day: {@code next} (call-next) and {@code waitingAhead} (computed for every
 * issued ticket and every status read). {@code tickets} is the site's tickets in memory, a tenth of them priority, a
 * quarter already served; 4 services; the counter serves two of them. The {@code scan…} benchmarks run the rule's
 * definition over every ticket ({@link RoutingPolicy}); the {@code lines…} ones the engine's index ({@link
 * WaitingLines}), which answers the same.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingBenchmark {

    @Param({"100", "1000", "10000"})
    int tickets;

    private List<TicketRecord> day;
    private TicketRecord last;
    private CounterConfig fcfsCounter;
    private CounterConfig listedCounter;
    private WaitingLines lines;
    private Map<String, TicketRecord> byId;

    @Setup
    public void setUp() {
        day = new ArrayList<>(tickets);
        Instant at = Instant.parse("2026-11-23T01:00:00Z");
        String[] services = {"A", "B", "C", "D"};
        for (int i = 0; i < tickets; i++) {
            String service = services[i % services.length];
            TicketRecord t = TicketRecord.issued(
                    "t" + i,
                    "s001",
                    service,
                    LocalDate.of(2026, 11, 23),
                    i / 4 + 1,
                    service + (i / 4 + 1),
                    i % 10 == 0 ? "elderly" : null,
                    "kiosk",
                    i,
                    i,
                    at.plusSeconds(i),
                    null);
            if (i < tickets / 4) {
                t = t.call(1 + i % 20, "officer", at.plusSeconds(i + 60)).start(at.plusSeconds(i + 70));
                t = t.complete(at.plusSeconds(i + 300));
            }
            day.add(t);
        }
        last = day.get(day.size() - 1);
        lines = new WaitingLines();
        byId = new HashMap<>();
        for (TicketRecord t : day) {
            lines.update(byId.put(t.id(), t), t);
        }
        fcfsCounter = new CounterConfig(1, "Quầy 1", List.of("A", "B"), CounterConfig.ServiceOrder.FCFS);
        listedCounter = new CounterConfig(2, "Quầy 2", List.of("C", "A"), CounterConfig.ServiceOrder.LISTED);
    }

    @Benchmark
    public Optional<TicketRecord> scanCallNextFcfs() {
        return RoutingPolicy.next(fcfsCounter, day);
    }

    @Benchmark
    public Optional<TicketRecord> scanCallNextListed() {
        return RoutingPolicy.next(listedCounter, day);
    }

    @Benchmark
    public int scanWaitingAheadOfTheNewestTicket() {
        return RoutingPolicy.waitingAhead(last, day);
    }

    @Benchmark
    public Optional<TicketRecord> linesCallNextFcfs() {
        return lines.next(fcfsCounter, byId::get);
    }

    @Benchmark
    public Optional<TicketRecord> linesCallNextListed() {
        return lines.next(listedCounter, byId::get);
    }

    @Benchmark
    public int linesWaitingAheadOfTheNewestTicket() {
        return lines.waitingAhead(last);
    }
}
