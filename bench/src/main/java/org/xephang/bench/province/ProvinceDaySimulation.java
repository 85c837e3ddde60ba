package org.xephang.bench.province;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.bench.harness.BenchCentre;
import org.xephang.bench.model.DayProfile;
import org.xephang.bench.model.Lognormal;
import org.xephang.bench.model.PoissonArrivals;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.IssueResult;
import org.xephang.core.QueueService;

/**
 * A day of a province replayed against a {@link QueueService} as fast as it goes: a discrete-event simulation whose
 * commands are submitted to the engine as the simulated day unfolds, with at most {@code maxInFlight} commands
 * outstanding (so group commit has work to batch). Arrivals are submitted at once; a counter's commands (call, start,
 * complete, the next call) form a chain, each sent when the previous one is answered, so the replay never waits for a
 * commit while other counters have work. FCFS is checked in the engine's own order: within a service, the numbers
 * called must strictly increase, and a call must find a ticket whenever the simulation has one waiting. Waits are
 * measured in simulated time (call − arrival); the engine's clock follows the submissions (it may trail the event being
 * applied by the in-flight window).
 *
 * <p>Counters serve one service each ({@link BenchCentre}); a counter is busy from its call through a walk time
 * (lognormal, mean 20 s) and the service time (lognormal) to the finish, then calls the next waiting ticket.
 */
final class ProvinceDaySimulation {

    /** Parameters of the day. */
    record Day(
            BenchCentre centre,
            int ticketsPerSite,
            DayProfile profile,
            Lognormal walk,
            Lognormal service,
            LocalDate date,
            ZoneId zone,
            long seed,
            int maxInFlight,
            Duration maxWall) {}

    /** What happened to one ticket in simulated time, and what the engine estimated at issue. */
    record Served(int hourOfArrival, double arrival, double called, Long estimatedWaitSeconds) {
        double waitSeconds() {
            return called - arrival;
        }
    }

    /** The outcome of the replay. */
    record Outcome(
            long tickets,
            long commands,
            long wallNanos,
            long fcfsViolations,
            List<String> violationExamples,
            List<Served> served,
            long unserved,
            boolean finished,
            double simulatedSecondReached) {}

    private enum Kind {
        ARRIVAL,
        START,
        FINISH
    }

    private record Event(double time, long seq, Kind kind, int site, int service, int counter)
            implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int byTime = Double.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    /** An issue sent to the engine and the simulated moment the citizen arrived. */
    private static final class Issued {
        final double arrival;
        final CompletableFuture<IssueResult> result;

        Issued(double arrival, CompletableFuture<IssueResult> result) {
            this.arrival = arrival;
            this.result = result;
        }
    }

    /** A counter: its chain of commands, ending with the ticket it holds (null id: none), and its current call. */
    private static final class Counter {
        CompletableFuture<String> chain = CompletableFuture.completedFuture(null);
        Issued expected;
        double calledAt;
    }

    /** A call in simulated time, with the issue whose estimate it is compared with (resolved after the replay). */
    private record Call(int hourOfArrival, double arrival, double called, CompletableFuture<IssueResult> issue) {}

    private final Day day;
    private final QueueService engine;
    private final SimulatedClock clock;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final Semaphore inFlight;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong commands = new AtomicLong();
    private final SplittableRandom random;
    private final List<Call> calls = new ArrayList<>();
    /** Written by the chains' continuations (the engine's thread), read after the replay. */
    private final List<String> violations = new ArrayList<>();

    private final AtomicLong violationCount = new AtomicLong();
    /** Per site and service: the last number sequence called, in the engine's order. */
    private final Map<String, Integer> lastCalled = new ConcurrentHashMap<>();

    private long issued;
    private long seq;

    /** Per site, per service: issued tickets not yet called, in issue order. */
    private final List<List<ArrayDeque<Issued>>> waiting = new ArrayList<>();
    /** Per site, per service: idle counters. */
    private final List<List<ArrayDeque<Integer>>> idle = new ArrayList<>();
    /** Per site, per counter (1-based). */
    private final List<Counter[]> counters = new ArrayList<>();

    ProvinceDaySimulation(Day day, QueueService engine, SimulatedClock clock) {
        this.day = day;
        this.engine = engine;
        this.clock = clock;
        this.inFlight = new Semaphore(day.maxInFlight());
        this.random = new SplittableRandom(day.seed());
        BenchCentre centre = day.centre();
        for (int s = 0; s < centre.sites(); s++) {
            List<ArrayDeque<Issued>> queues = new ArrayList<>();
            List<ArrayDeque<Integer>> idleCounters = new ArrayList<>();
            for (int k = 0; k < centre.services(); k++) {
                queues.add(new ArrayDeque<>());
                idleCounters.add(new ArrayDeque<>());
            }
            Counter[] siteCounters = new Counter[centre.counters() + 1];
            for (int c = 1; c <= centre.counters(); c++) {
                siteCounters[c] = new Counter();
                idleCounters.get(centre.serviceOfCounter(c)).add(c);
            }
            waiting.add(queues);
            idle.add(idleCounters);
            counters.add(siteCounters);
        }
    }

    /** Signs an officer in at every counter (before the clock starts). */
    void signInEveryone() throws Exception {
        BenchCentre centre = day.centre();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int s = 0; s < centre.sites(); s++) {
            String site = centre.siteCode(s);
            for (int c = 1; c <= centre.counters(); c++) {
                all.add(track(engine.signIn(site, c, officer(site, c))));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }

    /**
     * Replays the day; stops early (outcome not finished) when the wall time passes {@code maxWall}. Prints progress
     * every 10 s of wall time.
     */
    Outcome run(Consumer<String> progress) throws Exception {
        BenchCentre centre = day.centre();
        for (int s = 0; s < centre.sites(); s++) {
            SplittableRandom siteRandom = random.split();
            for (double t : PoissonArrivals.day(day.profile(), day.ticketsPerSite(), siteRandom)) {
                events.add(new Event(t, seq++, Kind.ARRIVAL, s, siteRandom.nextInt(centre.services()), 0));
            }
        }
        long started = System.nanoTime();
        long deadline = started + day.maxWall().toNanos();
        long nextProgress = started + TimeUnit.SECONDS.toNanos(10);
        boolean finished = true;
        double reached = 0;
        long processed = 0;
        Event event;
        while ((event = events.poll()) != null) {
            failIfEngineFailed();
            reached = event.time();
            if ((++processed & 1023) == 0) {
                long now = System.nanoTime();
                if (now > deadline) {
                    finished = false;
                    break;
                }
                if (now > nextProgress) {
                    nextProgress = now + TimeUnit.SECONDS.toNanos(10);
                    progress.accept(String.format(
                            Locale.ROOT,
                            "… %.0f s: simulated %s, %d commands (%.0f/s), %d tickets called",
                            (now - started) / 1e9,
                            LocalTime.ofSecondOfDay((long) reached),
                            commands.get(),
                            commands.get() / ((now - started) / 1e9),
                            calls.size()));
                }
            }
            clock.set(instantOf(event.time()));
            switch (event.kind()) {
                case ARRIVAL -> arrive(event);
                case START -> start(event);
                case FINISH -> finish(event);
            }
        }
        inFlight.acquire(day.maxInFlight());
        inFlight.release(day.maxInFlight());
        long wall = System.nanoTime() - started;
        failIfEngineFailed();
        long unserved = 0;
        for (List<ArrayDeque<Issued>> site : waiting) {
            for (ArrayDeque<Issued> queue : site) {
                unserved += queue.size();
            }
        }
        List<Served> served = new ArrayList<>(calls.size());
        for (Call call : calls) {
            served.add(new Served(
                    call.hourOfArrival(),
                    call.arrival(),
                    call.called(),
                    call.issue().get().ticket().estimatedWaitSeconds()));
        }
        List<String> examples;
        synchronized (violations) {
            examples = List.copyOf(violations);
        }
        return new Outcome(
                issued, commands.get(), wall, violationCount.get(), examples, served, unserved, finished, reached);
    }

    private void arrive(Event event) throws InterruptedException {
        String site = day.centre().siteCode(event.site());
        String service = day.centre().serviceCode(event.service());
        CompletableFuture<IssueResult> issue =
                track(engine.issue(site, new IssueCommand(service, null, "kiosk", null), KIOSK));
        waiting.get(event.site()).get(event.service()).add(new Issued(event.time(), issue));
        issued++;
        Integer free = idle.get(event.site()).get(event.service()).poll();
        if (free != null) {
            call(event.site(), free, event.time());
        }
    }

    /** Calls the next ticket at a counter whose service has one waiting (once the counter's last command is done). */
    private void call(int siteIndex, int counterNumber, double now) throws InterruptedException {
        String site = day.centre().siteCode(siteIndex);
        Counter counter = counters.get(siteIndex)[counterNumber];
        int service = day.centre().serviceOfCounter(counterNumber);
        counter.expected = waiting.get(siteIndex).get(service).poll();
        counter.calledAt = now;
        Actor officer = officer(site, counterNumber);
        String line = site + "/" + service;
        counter.chain = chain(
                counter.chain,
                held -> engine.callNext(site, counterNumber, officer).thenApply(called -> {
                    checkFcfs(line, counterNumber, called);
                    return called.map(Ticket::id).orElse(null);
                }));
        events.add(new Event(now + day.walk().sample(random), seq++, Kind.START, siteIndex, service, counterNumber));
    }

    /** In the engine's order: each call of a service finds a ticket, with a higher number than the call before. */
    private void checkFcfs(String line, int counter, Optional<Ticket> called) {
        if (called.isEmpty()) {
            violation(line + " counter " + counter + " found nothing while a ticket waited");
            return;
        }
        String number = called.get().number();
        int sequence = sequenceOf(number);
        Integer before = lastCalled.put(line, sequence);
        if (before != null && before >= sequence) {
            violation(line + " counter " + counter + " called " + number + " after number " + before);
        }
    }

    /**
     * The digits of a number ("A012" → 12). Runs on the engine's writer thread (the chains' continuations), so it
     * compiles no regular expression per call.
     */
    static int sequenceOf(String number) {
        int sequence = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                sequence = sequence * 10 + (c - '0');
            }
        }
        return sequence;
    }

    private void violation(String example) {
        violationCount.incrementAndGet();
        synchronized (violations) {
            if (violations.size() < 20) {
                violations.add(example);
            }
        }
    }

    private void start(Event event) throws InterruptedException {
        String site = day.centre().siteCode(event.site());
        Counter counter = counters.get(event.site())[event.counter()];
        calls.add(new Call(
                (int) (counter.expected.arrival / 3600),
                counter.expected.arrival,
                counter.calledAt,
                counter.expected.result));
        Actor officer = officer(site, event.counter());
        counter.chain = chain(
                counter.chain,
                id -> id == null
                        ? CompletableFuture.completedFuture(null)
                        : engine.start(id, officer).thenApply(started -> id));
        events.add(new Event(
                event.time() + day.service().sample(random),
                seq++,
                Kind.FINISH,
                event.site(),
                event.service(),
                event.counter()));
    }

    private void finish(Event event) throws InterruptedException {
        String site = day.centre().siteCode(event.site());
        Counter counter = counters.get(event.site())[event.counter()];
        Actor officer = officer(site, event.counter());
        counter.chain = chain(
                counter.chain,
                id -> id == null
                        ? CompletableFuture.completedFuture(null)
                        : engine.complete(id, officer).thenApply(done -> null));
        if (!waiting.get(event.site()).get(event.service()).isEmpty()) {
            call(event.site(), event.counter(), event.time());
        } else {
            idle.get(event.site()).get(event.service()).add(event.counter());
        }
    }

    /** The next command of a counter's chain: sent when the previous one is answered; counts as in flight until then. */
    private <T> CompletableFuture<T> chain(
            CompletableFuture<String> previous, Function<String, CompletionStage<T>> next) throws InterruptedException {
        inFlight.acquire();
        commands.incrementAndGet();
        CompletableFuture<T> future = previous.thenCompose(next);
        future.whenComplete((value, error) -> {
            inFlight.release();
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
        return future;
    }

    private <T> CompletableFuture<T> track(CompletionStage<T> stage) throws InterruptedException {
        inFlight.acquire();
        commands.incrementAndGet();
        CompletableFuture<T> future = stage.toCompletableFuture();
        future.whenComplete((value, error) -> {
            inFlight.release();
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
        return future;
    }

    private void failIfEngineFailed() {
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("the engine refused a command of the replay: " + error, error);
        }
    }

    private Instant instantOf(double secondOfDay) {
        return day.date().atStartOfDay(day.zone()).toInstant().plusNanos((long) (secondOfDay * 1e9));
    }

    private static final Actor KIOSK = new Actor(BenchCentre.KIOSK, Role.KIOSK);

    private Actor officer(String site, int counter) {
        return new Actor(day.centre().officer(site, counter), Role.OFFICER);
    }
}
