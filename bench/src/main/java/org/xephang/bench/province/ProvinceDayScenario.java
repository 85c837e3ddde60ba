package org.xephang.bench.province;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.xephang.api.VietnamTime;
import org.xephang.bench.BenchMain;
import org.xephang.bench.Scenario;
import org.xephang.bench.harness.BenchCentre;
import org.xephang.bench.harness.BenchStore;
import org.xephang.bench.model.DayProfile;
import org.xephang.bench.model.ErlangC;
import org.xephang.bench.model.Lognormal;
import org.xephang.bench.report.BenchReport;
import org.xephang.core.EmbeddedQueue;
import org.xephang.core.QueueService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A province's day (200 sites × 20 counters, Poisson arrivals with a morning peak, lognormal service) replayed against
 * the engine in this JVM, on a real SQLite file, as fast as it goes. Prints the wall time and events per second, checks
 * every call against FCFS, and compares the simulated waits with Erlang C per segment of the day and the wait printed
 * on each ticket with the wait it then had.
 */
@Command(
        name = "province-day",
        mixinStandardHelpOptions = true,
        description = "A province's day of arrivals replayed against the engine: speed, FCFS, waits vs Erlang C.")
public final class ProvinceDayScenario extends Scenario {

    @Option(names = "--sites", defaultValue = "200", description = "Sites (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--counters", defaultValue = "20", description = "Counters per site (default: ${DEFAULT-VALUE}).")
    int counters;

    @Option(
            names = "--services",
            defaultValue = "4",
            description = "Services per site, each with counters/services counters (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(
            names = "--tickets-per-site",
            defaultValue = "3000",
            description = "Expected tickets per site and day (default: ${DEFAULT-VALUE}).")
    int ticketsPerSite;

    @Option(
            names = "--peak-utilisation",
            defaultValue = "0.85",
            description =
                    "Counter utilisation in the peak hour; sets the mean service time (default: ${DEFAULT-VALUE}).")
    double peakUtilisation;

    @Option(
            names = "--service-cv",
            defaultValue = "0.6",
            description = "Coefficient of variation of service times (default: ${DEFAULT-VALUE}).")
    double serviceCv;

    @Option(
            names = "--in-flight",
            defaultValue = "8192",
            description = "Most commands outstanding at the engine: 4,000 counters' chains (one command each at a"
                    + " time) and the kiosks' issues (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(
            names = "--max-group",
            defaultValue = "" + EmbeddedQueue.DEFAULT_MAX_GROUP_SIZE,
            description = "Most commands in one committed group (default: the server's, ${DEFAULT-VALUE}).")
    int maxGroupSize;

    @Option(
            names = "--max-wall",
            defaultValue = "300",
            description =
                    "Stop the replay after this many seconds of wall time and report how far it got (default: ${DEFAULT-VALUE}).")
    long maxWallSeconds;

    @Option(
            names = "--store",
            defaultValue = "sqlite",
            description = "sqlite (default), postgresql (XEPHANG_TEST_POSTGRES_URL, else a server started from the"
                    + " machine's binaries, as bench failover does) or postgresql://HOST:PORT/DB?user=…: a new database"
                    + " on that server.")
    String store;

    @Override
    protected int run(BenchReport report, Path workDir) throws Exception {
        return BenchStore.run(store, "province-day", report, runStore -> runOn(report, workDir, runStore));
    }

    private int runOn(BenchReport report, Path workDir, BenchStore runStore) throws Exception {
        if (smoke) {
            sites = Math.min(sites, 2);
            ticketsPerSite = Math.min(ticketsPerSite, 400);
        }
        BenchCentre centre = new BenchCentre(sites, services, counters, 9999, 2);
        DayProfile profile = DayProfile.morningPeak();
        Lognormal walk = new Lognormal(20, 0.5);
        int serversPerService = counters / services;
        double peakRate = ticketsPerSite / (double) services * 0.25 / 3600;
        double occupancyMean = peakUtilisation * serversPerService / peakRate;
        if (occupancyMean <= walk.mean() + 1) {
            throw new IllegalArgumentException(
                    "the load leaves no time to serve: lower --tickets-per-site or raise " + "--counters");
        }
        Lognormal service = new Lognormal(occupancyMean - walk.mean(), serviceCv);
        double occupancyCv = Math.sqrt(Math.pow(walk.mean() * walk.cv(), 2) + Math.pow(service.mean() * serviceCv, 2))
                / occupancyMean;
        report.parameter("sites", sites);
        report.parameter("countersPerSite", counters);
        report.parameter("servicesPerSite", services);
        report.parameter("ticketsPerSite", ticketsPerSite);
        report.parameter("peakUtilisation", peakUtilisation);
        report.parameter("meanServiceSeconds", round(service.mean()));
        report.parameter("meanWalkSeconds", walk.mean());
        report.parameter("serviceCv", serviceCv);
        report.parameter("maxInFlight", maxInFlight);
        report.parameter("maxGroupSize", maxGroupSize);
        report.print(String.format(
                Locale.ROOT,
                "%d sites × %d counters (%d per service), ~%d tickets; counter busy per ticket: %.0f s mean (walk %.0f + "
                        + "service %.0f, cv %.2f)",
                sites,
                counters,
                serversPerService,
                (long) sites * ticketsPerSite,
                occupancyMean,
                walk.mean(),
                service.mean(),
                occupancyCv));

        Path config = centre.write(workDir.resolve("province.yaml"));
        ZoneId zone = VietnamTime.ZONE;
        LocalDate date = LocalDate.of(2026, 11, 23);
        SimulatedClock clock = new SimulatedClock(date.atTime(7, 0).atZone(zone).toInstant(), zone);
        ProvinceDaySimulation.Day day = new ProvinceDaySimulation.Day(
                centre,
                ticketsPerSite,
                profile,
                walk,
                service,
                date,
                zone,
                seed,
                maxInFlight,
                Duration.ofSeconds(maxWallSeconds));
        LongAdder events = new LongAdder();
        ProvinceDaySimulation.Outcome outcome;
        long openNanos = System.nanoTime();
        try (EmbeddedQueue queue = EmbeddedQueue.openAlwaysOpen(
                config, runStore.serverStore(), workDir.resolve("data"), clock, maxGroupSize)) {
            QueueService engine = queue.service();
            report.figure("engineOpenMillis", (System.nanoTime() - openNanos) / 1_000_000);
            List<QueueService.Subscription> subscriptions = new ArrayList<>();
            for (String site : centre.siteCodes()) {
                subscriptions.add(engine.subscribe(site, e -> events.increment()));
            }
            ProvinceDaySimulation simulation = new ProvinceDaySimulation(day, engine, clock);
            simulation.signInEveryone();
            events.reset();
            outcome = simulation.run(report::print);
            subscriptions.forEach(QueueService.Subscription::close);
        }
        double wallSeconds = outcome.wallNanos() / 1e9;
        if (!outcome.finished()) {
            report.figure(
                    "stoppedEarly",
                    new JsonObject()
                            .put(
                                    "simulatedTimeReached",
                                    LocalTime.ofSecondOfDay((long) outcome.simulatedSecondReached())
                                            .toString()),
                    "the replay passed --max-wall " + maxWallSeconds + " s at simulated "
                            + LocalTime.ofSecondOfDay((long) outcome.simulatedSecondReached())
                            + "; figures below cover that part of the day");
        }
        report.figure("tickets", outcome.tickets());
        report.figure("wallSeconds", round(wallSeconds));
        report.figure("commands", outcome.commands());
        report.figure("commandsPerSecond", Math.round(outcome.commands() / wallSeconds));
        report.figure("events", events.sum());
        report.figure("eventsPerSecond", Math.round(events.sum() / wallSeconds));
        report.figure("ticketsPerSecond", Math.round(outcome.tickets() / wallSeconds));
        report.figure(
                "fcfsViolations",
                new JsonObject()
                        .put("count", outcome.fcfsViolations())
                        .put("examples", new JsonArray(outcome.violationExamples())),
                outcome.fcfsViolations()
                        + (outcome.violationExamples().isEmpty()
                                ? ""
                                : " e.g. " + outcome.violationExamples().get(0)));
        report.figure("unservedAtClose", outcome.unserved());
        compareWithErlangC(report, profile, outcome, serversPerService, occupancyMean, occupancyCv);
        estimateError(report, outcome);
        boolean clean = outcome.fcfsViolations() == 0 && (!outcome.finished() || outcome.unserved() == 0);
        return clean ? 0 : BenchMain.EXIT_CHECK_FAILED;
    }

    private void compareWithErlangC(
            BenchReport report,
            DayProfile profile,
            ProvinceDaySimulation.Outcome outcome,
            int servers,
            double occupancyMean,
            double occupancyCv) {
        List<DayProfile.Segment> segments = profile.segments();
        double[] sum = new double[segments.size()];
        long[] count = new long[segments.size()];
        for (ProvinceDaySimulation.Served s : outcome.served()) {
            for (int i = 0; i < segments.size(); i++) {
                DayProfile.Segment seg = segments.get(i);
                if (s.arrival() >= seg.from().toSecondOfDay()
                        && s.arrival() < seg.to().toSecondOfDay()) {
                    sum[i] += s.waitSeconds();
                    count[i]++;
                }
            }
        }
        JsonArray rows = new JsonArray();
        double predictedTotal = 0;
        double predictedAcTotal = 0;
        double simulatedTotal = 0;
        long n = 0;
        report.print(
                "segment        λ/service/h   ρ     Erlang-C Wq  Allen-Cunneen Wq  simulated mean wait  (tickets)");
        for (int i = 0; i < segments.size(); i++) {
            DayProfile.Segment seg = segments.get(i);
            double lambda = seg.rate(ticketsPerSite / (double) services);
            ErlangC model = new ErlangC(lambda, 1 / occupancyMean, servers);
            double simulated = count[i] == 0 ? 0 : sum[i] / count[i];
            double wq = model.meanWaitSeconds();
            double ac = model.meanWaitSecondsAllenCunneen(occupancyCv);
            report.print(String.format(
                    Locale.ROOT,
                    "%s–%s  %8.1f   %.2f  %9.1f s  %12.1f s  %15.1f s  (%d)",
                    seg.from(),
                    seg.to(),
                    lambda * 3600,
                    model.utilisation(),
                    wq,
                    ac,
                    simulated,
                    count[i]));
            rows.add(new JsonObject()
                    .put("from", seg.from().toString())
                    .put("to", seg.to().toString())
                    .put("arrivalsPerHourPerService", round(lambda * 3600))
                    .put("utilisation", round(model.utilisation()))
                    .put("erlangCWaitSeconds", round(wq))
                    .put("allenCunneenWaitSeconds", round(ac))
                    .put("simulatedMeanWaitSeconds", round(simulated))
                    .put("tickets", count[i]));
            predictedTotal += wq * count[i];
            predictedAcTotal += ac * count[i];
            simulatedTotal += sum[i];
            n += count[i];
        }
        JsonObject overall = new JsonObject()
                .put("erlangCWaitSeconds", round(predictedTotal / Math.max(1, n)))
                .put("allenCunneenWaitSeconds", round(predictedAcTotal / Math.max(1, n)))
                .put("simulatedMeanWaitSeconds", round(simulatedTotal / Math.max(1, n)));
        report.figure("waitsBySegment", rows, rows.size() + " segments");
        report.figure(
                "waitsOverall",
                overall,
                String.format(
                        Locale.ROOT,
                        "simulated mean wait %.1f s; Erlang C %.1f s; Allen-Cunneen (M/G/c) %.1f s (stationary "
                                + "per segment: the peak's queue needs time to build and to drain)",
                        simulatedTotal / Math.max(1, n),
                        predictedTotal / Math.max(1, n),
                        predictedAcTotal / Math.max(1, n)));
    }

    private static void estimateError(BenchReport report, ProvinceDaySimulation.Outcome outcome) {
        double absolute = 0;
        double signed = 0;
        long n = 0;
        double[] errors = new double[outcome.served().size()];
        for (ProvinceDaySimulation.Served s : outcome.served()) {
            if (s.estimatedWaitSeconds() != null) {
                double error = s.estimatedWaitSeconds() - s.waitSeconds();
                errors[(int) n] = Math.abs(error);
                absolute += Math.abs(error);
                signed += error;
                n++;
            }
        }
        if (n == 0) {
            report.figure("printedEstimate", new JsonObject().put("tickets", 0), "no ticket carried an estimate");
            return;
        }
        double[] used = Arrays.copyOf(errors, (int) n);
        Arrays.sort(used);
        double meanActual = outcome.served().stream()
                .mapToDouble(ProvinceDaySimulation.Served::waitSeconds)
                .average()
                .orElse(0);
        JsonObject json = new JsonObject()
                .put("tickets", n)
                .put("meanAbsoluteErrorSeconds", round(absolute / n))
                .put("meanSignedErrorSeconds", round(signed / n))
                .put("p90AbsoluteErrorSeconds", round(used[(int) (0.9 * (n - 1))]))
                .put("meanActualWaitSeconds", round(meanActual));
        report.figure(
                "printedEstimate",
                json,
                String.format(
                        Locale.ROOT,
                        "mean absolute error %.1f s (bias %+.1f s, p90 %.1f s) against a mean wait of %.1f s, over %d "
                                + "tickets",
                        absolute / n,
                        signed / n,
                        used[(int) (0.9 * (n - 1))],
                        meanActual,
                        n));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
