package org.xephang.bench.issue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import org.xephang.bench.BenchMain;
import org.xephang.bench.Scenario;
import org.xephang.bench.harness.ApiClient;
import org.xephang.bench.harness.Await;
import org.xephang.bench.harness.BenchCentre;
import org.xephang.bench.harness.BenchStore;
import org.xephang.bench.harness.ServerProcess;
import org.xephang.bench.harness.WalMeter;
import org.xephang.bench.latency.LatencyRecorder;
import org.xephang.bench.latency.LatencySummary;
import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * N kiosks issue tickets over HTTP as fast as the server answers (closed loop: each kiosk sends its next request when
 * the previous one is answered), for a fixed time per N. Every 2xx is durable by contract (docs/architecture.md §1.2), so
 * throughput here is durable issues per second. At the end every acknowledged ticket is checked for a duplicate id or
 * a duplicate (site, number), and every request must have been answered 2xx: a failed request (an error answer, a
 * timeout, a refused connection) makes the run exit {@link BenchMain#EXIT_CHECK_FAILED}.
 */
@Command(
        name = "issue",
        mixinStandardHelpOptions = true,
        description = "N concurrent kiosks issuing tickets over HTTP: throughput, latency, duplicate check.")
public final class IssueScenario extends Scenario {

    @Option(
            names = "--kiosks",
            split = ",",
            defaultValue = "1,8,32,128",
            description = "Concurrent kiosks, one run each (default: ${DEFAULT-VALUE}).")
    List<Integer> kiosks;

    @Option(
            names = "--duration",
            defaultValue = "10",
            description = "Seconds measured per run (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            description = "Seconds of warm-up per run, not measured (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(
            names = "--sites",
            defaultValue = "10",
            description = "Sites to spread tickets over (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(
            names = "--curve",
            defaultValue = "20",
            description = "Seconds of the JIT warm-up curve measured first, from the fresh server's start: issues per"
                    + " second at 32 kiosks, second by second (0: none; default: ${DEFAULT-VALUE}).")
    int curveSeconds;

    @Option(
            names = "--wrk",
            defaultValue = "auto",
            description = "Also drive the load with the outside tool wrk: auto (when wrk is installed), on, off"
                    + " (default: ${DEFAULT-VALUE}).")
    String wrkMode;

    @Option(
            names = "--wrk-connections",
            defaultValue = "32",
            description = "wrk's connections, each a kiosk in a closed loop (default: ${DEFAULT-VALUE}).")
    int wrkConnections;

    @Option(
            names = "--wal-window",
            defaultValue = "2",
            description = "Seconds after each run, at the same N, in which the WAL bytes and commits (fsyncs) per issue"
                    + " are counted with the WAL pinned (0: none; default: ${DEFAULT-VALUE}).")
    double walWindowSeconds;

    @Option(
            names = "--client-threads",
            defaultValue = "1",
            description =
                    "Event loops of the load generator (default: ${DEFAULT-VALUE}; the server gets the other core).")
    int clientThreads;

    @Option(
            names = "--store",
            defaultValue = "sqlite",
            description = "sqlite (default), postgresql (XEPHANG_TEST_POSTGRES_URL, else a server started from the"
                    + " machine's binaries, as bench failover does) or postgresql://HOST:PORT/DB?user=…: a new database"
                    + " on that server. The WAL window is SQLite's only.")
    String store;

    @Override
    protected int run(BenchReport report, Path workDir) throws Exception {
        return BenchStore.run(store, "issue", report, runStore -> runOn(report, workDir, runStore));
    }

    private int runOn(BenchReport report, Path workDir, BenchStore runStore) throws Exception {
        if (smoke) {
            kiosks = List.of(1, 8);
            durationSeconds = 1;
            warmupSeconds = 0.3;
            sites = 2;
            curveSeconds = 0;
            wrkMode = "off";
            walWindowSeconds = 0.5;
        }
        if (runStore.postgres()) {
            walWindowSeconds = 0; // WalMeter reads SQLite's write-ahead log; PostgreSQL's is the server's own
        }
        Optional<WrkRun> wrk = wrkMode.equals("off") ? Optional.empty() : WrkRun.find(workDir);
        if (wrk.isEmpty() && wrkMode.equals("on")) {
            report.print("CHECK FAILED: --wrk on, but wrk is not installed (apt-get install wrk)");
            return BenchMain.EXIT_CHECK_FAILED;
        }
        BenchCentre centre = new BenchCentre(sites, 17, 17, 9999, 10);
        report.parameter("kiosks", new JsonArray(kiosks));
        report.parameter("durationSeconds", durationSeconds);
        report.parameter("warmupSeconds", warmupSeconds);
        report.parameter("sites", sites);
        report.parameter("servicesPerSite", centre.services());
        Path config = centre.write(workDir.resolve("centre.yaml"));
        int maxKiosks = kiosks.stream().mapToInt(Integer::intValue).max().orElse(1);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(clientThreads));
        try (ServerProcess server = ServerProcess.start(
                        new ServerProcess.Launch(
                                        config,
                                        workDir.resolve("data"),
                                        workDir.resolve("server.log"),
                                        serverJvmOptions)
                                .pinnedTo(serverCpus)
                                .onStore(runStore.serverStore()),
                        Duration.ofSeconds(90));
                ApiClient api = new ApiClient(vertx, server.baseUri(), maxKiosks)) {
            report.print("server pid " + server.pid() + " at " + server.baseUri() + " (log " + server.logFile() + ")");
            String token = Await.result(api.login(BenchCentre.KIOSK, BenchCentre.PASSWORD), Duration.ofSeconds(30));
            ConcurrentLinkedQueue<JsonObject> acknowledged = new ConcurrentLinkedQueue<>();
            Map<String, AtomicLong> curveErrors = new ConcurrentHashMap<>();
            if (curveSeconds > 0) {
                JsonArray curve = warmUpCurve(api, token, centre, acknowledged, curveErrors);
                report.figure("warmUpCurve", curve, "issues/s in each of the first " + curveSeconds + " s: " + curve);
            }
            // wrk both before the levels (the state the first level meets) and after them (the day's held tickets):
            // its tail depends on how many tickets the server holds
            // (docs/adr/0040-young-pauses-that-grow-with-the-day.md).
            long[] wrkIssued = {0};
            long wrkFailures = 0;
            if (wrk.isPresent()) {
                wrkFailures +=
                        runWrk(wrk.get(), "wrkFirst", "first", server, token, centre, acknowledged, wrkIssued, report);
            }
            JsonArray runs = new JsonArray();
            for (int n : kiosks) {
                long held = acknowledged.size() + wrkIssued[0];
                report.print(String.format(Locale.ROOT, "N=%d starts with %,d tickets held WAITING", n, held));
                JsonObject run = runLevel(n, api, token, centre, acknowledged, server, report);
                run.put("heldTicketsAtStart", held);
                if (walWindowSeconds > 0) {
                    JsonObject wal = new JsonObject();
                    // A reader that began just after a complete checkpoint does not pin the WAL (rare): count again.
                    for (int attempt = 0; attempt < 3 && !wal.getBoolean("valid", false); attempt++) {
                        wal = walWindow(
                                n,
                                api,
                                token,
                                centre,
                                acknowledged,
                                workDir.resolve("data").resolve("xephang.db"));
                    }
                    run.put("wal", wal);
                    report.print("       " + walLine(wal));
                }
                runs.add(run);
            }
            report.figure("runs", runs, runs.size() + " runs");
            if (wrk.isPresent()) {
                wrkFailures += runWrk(wrk.get(), "wrk", "last", server, token, centre, acknowledged, wrkIssued, report);
            } else {
                report.print("wrk: not run (" + (wrkMode.equals("off") ? "--wrk off" : "not installed") + ")");
            }
            JsonObject duplicates = IssueChecks.duplicates(acknowledged);
            report.figure("duplicateCheck", duplicates, duplicates.encode());
            long heldAtEnd = acknowledged.size() + wrkIssued[0];
            report.figure(
                    "waitingTicketsPerSiteAtEnd",
                    heldAtEnd / sites,
                    heldAtEnd / sites + " (nobody is called in this scenario: every ticket stays WAITING)");
            report.figure("serverResidentMiB", server.residentKiB() / 1024);
            JsonObject failed = IssueChecks.failedRequests(runs);
            report.figure("failedRequests", failed, failed.encode());
            List<String> problems = IssueChecks.checkFailures(duplicates, failed);
            if (!curveErrors.isEmpty()) {
                problems.add("issue requests of the warm-up curve were not answered 2xx: " + curveErrors);
            }
            if (wrkFailures > 0) {
                problems.add(wrkFailures + " wrk request(s) were not answered 2xx; every request must succeed");
            }
            problems.forEach(problem -> report.print("CHECK FAILED: " + problem));
            if (failed.getLong("count") > 0) {
                report.print("(the server's log: " + server.logFile() + ")");
            }
            return problems.isEmpty() ? 0 : BenchMain.EXIT_CHECK_FAILED;
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /**
     * wrk's warm-up and measured run; the figure {@code name} carries the tickets held WAITING when it began. Returns
     * the requests not answered 2xx.
     */
    private long runWrk(
            WrkRun wrk,
            String name,
            String when,
            ServerProcess server,
            String token,
            BenchCentre centre,
            ConcurrentLinkedQueue<JsonObject> acknowledged,
            long[] wrkIssued,
            BenchReport report)
            throws Exception {
        JsonObject warm = wrk.run(server.baseUri(), token, centre, wrkConnections, 2, warmupSeconds);
        wrkIssued[0] += WrkRun.succeeded(warm);
        long heldAtStart = acknowledged.size() + wrkIssued[0];
        JsonObject result = wrk.run(server.baseUri(), token, centre, wrkConnections, 2, durationSeconds);
        wrkIssued[0] += WrkRun.succeeded(result);
        report.figure(
                name,
                result.put("connections", wrkConnections).put("heldTicketsAtStart", heldAtStart),
                String.format(
                        Locale.ROOT,
                        "wrk (%s), %d connections, %,d tickets held WAITING at its start: %s",
                        when,
                        wrkConnections,
                        heldAtStart,
                        WrkRun.line(result)));
        return WrkRun.failures(warm) + WrkRun.failures(result);
    }

    private JsonObject runLevel(
            int n,
            ApiClient api,
            String token,
            BenchCentre centre,
            ConcurrentLinkedQueue<JsonObject> acknowledged,
            ServerProcess server,
            BenchReport report)
            throws InterruptedException {
        LatencyRecorder latency = new LatencyRecorder();
        AtomicLong measuredOk = new AtomicLong();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long measureFrom = start + seconds(warmupSeconds);
        long deadline = measureFrom + seconds(durationSeconds);
        AtomicLong sequence = new AtomicLong();
        long clientCpuStart = clientCpuNanos();
        long serverCpuStart = server.cpuMillis();
        runKiosks(
                n,
                deadline,
                "the run at N=" + n,
                finished -> new IssueKiosk(
                        api,
                        token,
                        centre,
                        deadline,
                        measureFrom,
                        latency,
                        measuredOk,
                        errors,
                        acknowledged,
                        sequence,
                        finished));
        double measuredSeconds = (System.nanoTime() - measureFrom) / 1e9;
        long serverCpu = server.cpuMillis() - serverCpuStart;
        double clientCpuMillis = (clientCpuNanos() - clientCpuStart) / 1e6;
        long issuedInRun = sequence.get();
        LatencySummary summary = latency.summary();
        double throughput = measuredOk.get() / measuredSeconds;
        JsonObject errorCounts = new JsonObject();
        errors.forEach((code, count) -> errorCounts.put(code, count.get()));
        double serverCpuPerIssueMicros = issuedInRun == 0 ? 0 : serverCpu * 1000.0 / issuedInRun;
        double clientCpuPerIssueMicros = issuedInRun == 0 ? 0 : clientCpuMillis * 1000.0 / issuedInRun;
        report.print(String.format(
                Locale.ROOT,
                "N=%-4d %,9.0f issues/s  %s  server CPU %.0f µs/issue, client CPU %.0f µs/issue  errors=%s",
                n,
                throughput,
                summary.line(),
                serverCpuPerIssueMicros,
                clientCpuPerIssueMicros,
                errorCounts.encode()));
        return new JsonObject()
                .put("kiosks", n)
                .put("issuesPerSecond", Math.round(throughput))
                .put("measuredSeconds", measuredSeconds)
                .put("latency", summary.toJson())
                .put("serverCpuMicrosPerIssue", Math.round(serverCpuPerIssueMicros))
                .put("clientCpuMicrosPerIssue", Math.round(clientCpuPerIssueMicros))
                .put("errors", errorCounts);
    }

    /**
     * N kiosks for {@link #walWindowSeconds} with the server's WAL pinned ({@link WalMeter}): the bytes and commits the
     * WAL took per acknowledged issue. A separate window because a pinned WAL is not checkpointed until it ends, which
     * would flatter the timed run.
     */
    private JsonObject walWindow(
            int n,
            ApiClient api,
            String token,
            BenchCentre centre,
            ConcurrentLinkedQueue<JsonObject> acknowledged,
            Path db)
            throws Exception {
        AtomicLong ok = new AtomicLong();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        AtomicLong sequence = new AtomicLong();
        try (WalMeter meter = WalMeter.start(db)) {
            long start = System.nanoTime();
            long deadline = start + seconds(walWindowSeconds);
            runKiosks(
                    n,
                    deadline,
                    "the WAL window at N=" + n,
                    finished -> new IssueKiosk(
                            api,
                            token,
                            centre,
                            deadline,
                            start,
                            new LatencyRecorder(),
                            ok,
                            errors,
                            acknowledged,
                            sequence,
                            finished));
            JsonObject wal = meter.stop(ok.get());
            if (!errors.isEmpty()) {
                wal.put("errors", errors.toString());
            }
            return wal;
        }
    }

    static String walLine(JsonObject wal) {
        if (!wal.getBoolean("valid", false)) {
            return "WAL: not counted (the WAL was restarted during the window)";
        }
        return String.format(
                Locale.ROOT,
                "WAL %,d B/issue (%.2f pages), %.3f commits/issue (%.1f issues per commit), %.3f fsyncs/issue",
                wal.getLong("walBytesPerOp"),
                wal.getDouble("pagesPerOp"),
                wal.getDouble("commitsPerOp"),
                wal.getDouble("opsPerCommit"),
                wal.getDouble("fsyncsPerOp"));
    }

    /**
     * 32 kiosks from the fresh server's start for {@link #curveSeconds}, counting the issues answered in each second:
     * how fast the JIT brings the server to its speed.
     */
    private JsonArray warmUpCurve(
            ApiClient api,
            String token,
            BenchCentre centre,
            ConcurrentLinkedQueue<JsonObject> acknowledged,
            Map<String, AtomicLong> errors)
            throws InterruptedException {
        AtomicLongArray perSecond = new AtomicLongArray(curveSeconds);
        long start = System.nanoTime();
        long deadline = start + seconds(curveSeconds);
        AtomicLong sequence = new AtomicLong();
        runKiosks(
                32,
                deadline,
                "the warm-up curve",
                finished -> new IssueKiosk(
                                api,
                                token,
                                centre,
                                deadline,
                                start,
                                new LatencyRecorder(),
                                new AtomicLong(),
                                errors,
                                acknowledged,
                                sequence,
                                finished)
                        .countingPerSecond(perSecond, start));
        JsonArray curve = new JsonArray();
        for (int i = 0; i < perSecond.length(); i++) {
            curve.add(perSecond.get(i));
        }
        return curve;
    }

    /**
     * Sends {@code n} kiosks off (each made by {@code kiosk} with the latch it counts down once its deadline passed)
     * and waits for their last answers, at most 60 s after {@code deadline}; fails naming {@code what}.
     */
    private static void runKiosks(int n, long deadline, String what, Function<CountDownLatch, IssueKiosk> kiosk)
            throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(n);
        for (int k = 0; k < n; k++) {
            kiosk.apply(finished).next();
        }
        if (!finished.await(deadline + seconds(60) - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("kiosks still busy 60 s after the end of " + what);
        }
    }

    /** CPU time of this (load generator) process. */
    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }
}
