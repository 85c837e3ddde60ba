package org.xephang.core.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;
import org.xephang.core.ticket.TicketRecord;

/**
 * The engine's ticket UPDATE (every call, start, complete…) on the real schema, with {@code events} rows already in
 * the event table (a busy site after a few days, or a province after one). Each iteration is rolled back, so the
 * database stays the same. Shows whether the cost of a state change grows with the history.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TicketStoreBenchmark {

    @Param({"0", "20000", "200000"})
    int events;

    private Path dir;
    private Connection connection;
    private QueueStore store;
    private TicketRecord waiting;
    private TicketRecord called;
    private boolean flip;

    @Setup
    public void setUp() throws IOException, SQLException {
        dir = Files.createTempDirectory("xephang-store-bench");
        connection = SqliteStore.open(dir).connect();
        connection.setAutoCommit(false);
        store = new QueueStore(connection);
        Instant at = Instant.parse("2026-11-23T01:00:00Z");
        int tickets = Math.max(1, events / 4);
        for (int i = 0; i < tickets; i++) {
            TicketRecord t = TicketRecord.issued(
                    "t" + i,
                    "s001",
                    "A",
                    LocalDate.of(2026, 11, 23),
                    i + 1,
                    "A" + (i + 1),
                    null,
                    "kiosk",
                    i,
                    i,
                    at,
                    null);
            store.insertTicket(t);
            waiting = t;
        }
        for (int e = 0; e < events; e++) {
            TicketRecord t = waiting;
            store.insertEvent(new QueueEvent(
                    UUID.randomUUID().toString(),
                    e + 1,
                    EventType.TICKET_ISSUED,
                    at,
                    "s001",
                    t.toApi(null, null, "http://127.0.0.1/t/" + t.id()),
                    null,
                    null));
        }
        connection.commit();
        called = waiting.call(3, "officer3", at.plusSeconds(60));
    }

    @Benchmark
    public TicketRecord updateTicketState() throws SQLException {
        flip = !flip;
        TicketRecord next = flip ? called : waiting;
        store.updateTicket(next);
        return next;
    }

    @TearDown(Level.Iteration)
    public void rollBack() throws SQLException {
        connection.rollback();
    }

    @TearDown
    public void close() throws SQLException, IOException {
        connection.close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
