package org.xephang.bench.crash;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xephang.api.TicketState;
import org.xephang.bench.BenchMain;
import org.xephang.bench.Scenario;
import org.xephang.bench.harness.ApiClient;
import org.xephang.bench.harness.Await;
import org.xephang.bench.harness.BenchCentre;
import org.xephang.bench.harness.KillRounds;
import org.xephang.bench.harness.ServerProcess;
import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Kiosks issue and officers call, start and complete over HTTP while the server is killed with SIGKILL at random
 * moments and restarted on the same data. Clients behave as real ones do: a kiosk whose request got no answer retries
 * it with the same {@code Idempotency-Key}; an officer whose request got no answer reads the counter back from the
 * snapshot. At the end every acknowledged ticket is read back and checked by {@link CrashAudit}; the outbox by {@link
 * OutboxAudit}. Last, the offline-kiosk phase ({@link OfflineKioskPhase}): a kiosk issues while the server is killed
 * and uploads while it is killed again.
 */
@Command(
        name = "crash",
        mixinStandardHelpOptions = true,
        description =
                "Issue and call under load while SIGKILLing the server; then check nothing acknowledged was lost.")
public final class CrashScenario extends Scenario {

    @Mixin
    KillRounds rounds = new KillRounds(25, 2, 8);

    @Option(names = "--kiosks", defaultValue = "16", description = "Concurrent kiosks (default: ${DEFAULT-VALUE}).")
    int kioskCount;

    @Option(
            names = "--max-uptime",
            defaultValue = "2.0",
            description =
                    "Each kill comes at a random moment up to this many seconds into the load (default: ${DEFAULT-VALUE}).")
    double maxUptimeSeconds;

    @Option(
            names = "--offline-tickets",
            defaultValue = "20",
            description = "Tickets a kiosk issues while the server is killed, in the offline-kiosk phase at the end"
                    + " (0: no such phase; default: ${DEFAULT-VALUE}).")
    int offlineTickets;

    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    @Override
    protected int run(BenchReport report, Path workDir) throws Exception {
        if (smoke) {
            rounds.smoke(3, 1, 4);
            maxUptimeSeconds = Math.min(maxUptimeSeconds, 0.6);
            kioskCount = Math.min(kioskCount, 4);
            offlineTickets = Math.min(offlineTickets, 8);
        }
        BenchCentre centre = rounds.centre(4);
        rounds.report(report);
        report.parameter("kiosks", kioskCount);
        report.parameter("maxUptimeSeconds", maxUptimeSeconds);
        Path config = centre.write(workDir.resolve("centre.yaml"));
        Path dataDir = workDir.resolve("data");
        ServerProcess.Launch launch =
                new ServerProcess.Launch(config, dataDir, workDir.resolve("server.log"), serverJvmOptions);
        SplittableRandom random = new SplittableRandom(seed);
        CrashLedger ledger = new CrashLedger();
        List<KioskActor> kiosks = new ArrayList<>();
        for (int k = 0; k < kioskCount; k++) {
            kiosks.add(new KioskActor(k, centre));
        }
        List<OfficerActor> officers = new ArrayList<>();
        for (String site : centre.siteCodes()) {
            for (int c = 1; c <= rounds.counters(); c++) {
                officers.add(new OfficerActor(site, c, centre.officer(site, c)));
            }
        }
        // One event loop: every callback touching the ledger and the actors runs on it, so they need no locks.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        long loadNanos = 0;
        JsonArray startups = new JsonArray();
        try {
            for (int round = 0; round <= rounds.kills(); round++) {
                boolean last = round == rounds.kills();
                try (ServerProcess server = ServerProcess.start(launch, Duration.ofSeconds(90));
                        ApiClient api = new ApiClient(vertx, server.baseUri(), kioskCount + officers.size() + 8)) {
                    startups.add(server.startupTime().toMillis());
                    Round current = new Round(vertx, api, ledger, kiosks.size() + officers.size());
                    Await.result(current.prepare(kiosks, officers, centre), Duration.ofSeconds(60));
                    if (last) {
                        Await.result(current.resolveInDoubtIssues(kiosks), Duration.ofSeconds(60));
                        CrashAudit.Result audit = CrashReadBack.audit(api, ledger);
                        report.figure("crashCheck", audit.toJson(), audit.line());
                        report.print(audit.line());
                        server.close();
                        OutboxAudit.Result outbox = OutboxAudit.check(dataDir, ledger);
                        report.figure("outboxCheck", outbox.toJson(), outbox.line());
                        report.print(outbox.line());
                        report.figure("kills", rounds.kills());
                        report.figure("acknowledgedTickets", ledger.tickets().size());
                        report.figure("loadSeconds", Math.round(loadNanos / 1e7) / 100.0);
                        report.figure("startupMillis", startups);
                        report.figure("clientErrors", errorCounts());
                        boolean offlineClean = true;
                        if (offlineTickets > 0) {
                            OfflineKioskPhase.Result offline = OfflineKioskPhase.run(
                                    workDir, serverJvmOptions, offlineTickets, random, report::print);
                            report.figure("offlineKioskCheck", offline.toJson(), offline.line());
                            report.print(offline.line());
                            offlineClean = offline.clean();
                        }
                        return audit.clean() && outbox.clean() && offlineClean ? 0 : BenchMain.EXIT_CHECK_FAILED;
                    }
                    long uptime = (long) (random.nextDouble(0.05, 1.0) * maxUptimeSeconds * 1e9);
                    long started = System.nanoTime();
                    current.start(kiosks, officers);
                    TimeUnit.NANOSECONDS.sleep(uptime);
                    server.kill();
                    loadNanos += System.nanoTime() - started;
                    current.stop();
                    if (!current.awaitIdle(Duration.ofSeconds(30))) {
                        throw new IllegalStateException("clients still busy 30 s after SIGKILL in round " + round);
                    }
                    report.print(String.format(
                            "kill %2d after %4d ms of load: %d tickets acknowledged so far",
                            round + 1, uptime / 1_000_000, ticketsOnLoop(vertx, ledger)));
                }
            }
            throw new IllegalStateException("unreachable: the last round returns");
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private JsonObject errorCounts() {
        JsonObject json = new JsonObject();
        errors.forEach((code, count) -> json.put(code, count.get()));
        return json;
    }

    private static int ticketsOnLoop(Vertx vertx, CrashLedger ledger) throws Exception {
        Promise<Integer> size = Promise.promise();
        vertx.runOnContext(v -> size.complete(ledger.tickets().size()));
        return Await.result(size.future(), Duration.ofSeconds(10));
    }

    private void count(Throwable failure) {
        String code = failure instanceof ApiClient.ApiException e
                ? e.code()
                : failure.getClass().getSimpleName();
        errors.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    /** A request that got no HTTP answer (the server died): its outcome is unknown. */
    private static boolean inDoubt(Throwable failure) {
        return !(failure instanceof ApiClient.ApiException);
    }

    /** One server lifetime: tokens, the running flag, and the latch the actors count down when they stop. */
    private final class Round {
        final Vertx vertx;
        final ApiClient api;
        final CrashLedger ledger;
        final CountDownLatch idle;
        volatile boolean running;
        String kioskToken;

        Round(Vertx vertx, ApiClient api, CrashLedger ledger, int actors) {
            this.vertx = vertx;
            this.api = api;
            this.ledger = ledger;
            this.idle = new CountDownLatch(actors);
        }

        /** Logs everyone in, signs officers in, and reads each counter back from the snapshots. */
        Future<Void> prepare(List<KioskActor> kiosks, List<OfficerActor> officers, BenchCentre centre) {
            Promise<Void> ready = Promise.promise();
            vertx.runOnContext(v -> {
                Future<Void> logins = api.login(BenchCentre.KIOSK, BenchCentre.PASSWORD)
                        .map(token -> {
                            kioskToken = token;
                            return null;
                        });
                for (OfficerActor officer : officers) {
                    logins = logins.compose(x -> api.login(officer.username, BenchCentre.PASSWORD))
                            .compose(token -> {
                                officer.token = token;
                                return api.signIn(token, officer.site, officer.counter)
                                        .recover(e -> {
                                            count(e);
                                            return Future.succeededFuture();
                                        });
                            });
                }
                logins.compose(x -> {
                            Future<Void> resync = Future.succeededFuture();
                            for (String site : centre.siteCodes()) {
                                resync = resync.compose(y -> api.snapshot(site).map(snapshot -> {
                                    officers.stream()
                                            .filter(o -> o.site.equals(site))
                                            .forEach(o -> o.resync(snapshot, ledger));
                                    return null;
                                }));
                            }
                            return resync;
                        })
                        .onComplete(ready);
            });
            return ready.future();
        }

        /** Retries every unanswered issue once with its key, so the ledger knows every ticket that exists. */
        Future<Void> resolveInDoubtIssues(List<KioskActor> kiosks) {
            Promise<Void> done = Promise.promise();
            vertx.runOnContext(v -> {
                List<Future<Void>> retries = new ArrayList<>();
                for (KioskActor kiosk : kiosks) {
                    if (kiosk.pendingKey != null) {
                        retries.add(kiosk.issue(this).mapEmpty());
                    }
                }
                Future.all(retries).<Void>mapEmpty().onComplete(done);
            });
            return done.future();
        }

        void start(List<KioskActor> kiosks, List<OfficerActor> officers) {
            running = true;
            vertx.runOnContext(v -> {
                kiosks.forEach(k -> k.loop(this));
                officers.forEach(o -> o.loop(this));
            });
        }

        void stop() {
            running = false;
        }

        boolean awaitIdle(Duration timeout) throws InterruptedException {
            return idle.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void later(Runnable step) {
            vertx.setTimer(10, t -> step.run());
        }
    }

    /** A kiosk issuing with idempotency keys; an unanswered request is retried with the same key. */
    private final class KioskActor {
        final int index;
        final BenchCentre centre;
        long sequence;
        String pendingKey;
        String pendingSite;
        String pendingService;

        KioskActor(int index, BenchCentre centre) {
            this.index = index;
            this.centre = centre;
        }

        void loop(Round round) {
            if (!round.running) {
                round.idle.countDown();
                return;
            }
            issue(round).onComplete(r -> {
                if (r.failed() && inDoubt(r.cause())) {
                    round.idle.countDown();
                } else if (r.failed()) {
                    round.later(() -> loop(round));
                } else {
                    loop(round);
                }
            });
        }

        Future<JsonObject> issue(Round round) {
            if (pendingKey == null) {
                long i = sequence++;
                pendingKey = "crash-" + index + "-" + i + "-" + UUID.randomUUID();
                pendingSite = centre.siteCode((int) ((index + i) % centre.sites()));
                pendingService = centre.serviceCode((int) ((i + index) % centre.services()));
            }
            String key = pendingKey;
            String site = pendingSite;
            return round.api
                    .issue(round.kioskToken, site, pendingService, key)
                    .onSuccess(ticket -> {
                        round.ledger.issued(key, ticket.getString("id"), site, ticket.getString("number"));
                        pendingKey = null;
                    })
                    .onFailure(e -> {
                        count(e);
                        if (!inDoubt(e)) {
                            pendingKey = null;
                        }
                    });
        }
    }

    /** An officer at one counter: call next, start, complete, again. */
    private final class OfficerActor {
        final String site;
        final int counter;
        final String username;
        String token;
        String current;
        TicketState state;

        OfficerActor(String site, int counter, String username) {
            this.site = site;
            this.counter = counter;
            this.username = username;
        }

        void resync(JsonObject snapshot, CrashLedger ledger) {
            current = null;
            state = null;
            for (Object item : snapshot.getJsonArray("counters", new JsonArray())) {
                JsonObject view = (JsonObject) item;
                JsonObject ticket = view.getJsonObject("ticket");
                if (view.getInteger("number") == counter && ticket != null) {
                    current = ticket.getString("id");
                    state = TicketState.valueOf(ticket.getString("state"));
                    ledger.foundAtCounter(current, site, ticket.getString("number"), counter, state);
                }
            }
        }

        void loop(Round round) {
            if (!round.running) {
                round.idle.countDown();
                return;
            }
            Future<?> step;
            if (current == null) {
                step = round.api
                        .callNext(token, site, counter)
                        .onSuccess(called -> called.ifPresent(t -> {
                            current = t.getString("id");
                            state = TicketState.CALLED;
                            round.ledger.called(current, site, t.getString("number"), counter);
                        }));
                step = step.onFailure(e -> {
                    if (inDoubt(e)) {
                        round.ledger.callInDoubt(site, counter);
                    }
                });
            } else {
                String id = current;
                boolean starting = state == TicketState.CALLED;
                round.ledger.sent(id, starting ? CrashLedger.Pending.START : CrashLedger.Pending.COMPLETE);
                step = round.api
                        .ticketAction(token, id, starting ? "start" : "complete")
                        .onSuccess(t -> {
                            round.ledger.acknowledged(id, starting ? TicketState.SERVING : TicketState.DONE);
                            state = starting ? TicketState.SERVING : null;
                            current = starting ? id : null;
                        });
            }
            step.onComplete(r -> {
                if (r.failed()) {
                    count(r.cause());
                    if (inDoubt(r.cause())) {
                        round.idle.countDown();
                        return;
                    }
                    // Refused (409 …): read the counter back, as an officer's screen would.
                    round.api
                            .snapshot(site)
                            .onSuccess(s -> resync(s, round.ledger))
                            .onComplete(x -> round.later(() -> loop(round)));
                } else if (current == null && r.result() instanceof Optional<?> called && called.isEmpty()) {
                    round.later(() -> loop(round));
                } else {
                    loop(round);
                }
            });
        }
    }
}
