package org.xephang.bench.calls;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.xephang.bench.BenchMain;
import org.xephang.bench.Scenario;
import org.xephang.bench.harness.ApiClient;
import org.xephang.bench.harness.Await;
import org.xephang.bench.harness.BenchCentre;
import org.xephang.bench.harness.ServerProcess;
import org.xephang.bench.latency.LatencyRecorder;
import org.xephang.bench.latency.LatencySummary;
import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Thousands of WebSocket subscribers (boards, phones) on one site's event stream while officers call at a steady
 * rate: the time from sending {@code call-next} to the {@code ticket.called} event arriving at each subscriber, and the
 * server's memory with all of them connected. Each counter has at most one call in flight, so an event is matched to
 * its request by counter.
 */
@Command(
        name = "call-latency",
        mixinStandardHelpOptions = true,
        description =
                "WebSocket subscribers; officers calling at a steady rate: call request → event at every subscriber.")
public final class CallLatencyScenario extends Scenario {

    @Option(
            names = "--subscribers",
            defaultValue = "5000",
            description = "WebSocket subscribers (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(
            names = "--rate",
            defaultValue = "10",
            description = "Calls per second over all counters (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "20", description = "Seconds of calling (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            description = "Seconds of calling at the same rate before measuring, so that the server's JIT compilation"
                    + " is not counted as CPU per message (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(
            names = "--counters",
            defaultValue = "20",
            description = "Counters calling in turn (default: ${DEFAULT-VALUE}).")
    int counters;

    @Override
    protected int run(BenchReport report, Path workDir) throws Exception {
        if (smoke) {
            subscribers = Math.min(subscribers, 50);
            durationSeconds = Math.min(durationSeconds, 2);
            counters = Math.min(counters, 4);
            rate = Math.min(rate, 10);
        }
        int calls = (int) Math.ceil(rate * durationSeconds);
        int warmupCalls = (int) Math.ceil(rate * warmupSeconds);
        report.parameter("subscribers", subscribers);
        report.parameter("warmupSeconds", warmupSeconds);
        report.parameter("callsPerSecond", rate);
        report.parameter("durationSeconds", durationSeconds);
        report.parameter("counters", counters);
        BenchCentre centre = new BenchCentre(1, 1, counters, 9999, 10);
        Path config = centre.write(workDir.resolve("centre.yaml"));
        Vertx vertx = Vertx.vertx();
        WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(subscribers + 16)
                .setConnectTimeout(30_000)
                .setMaxMessageSize(1 << 20));
        try (ServerProcess server = ServerProcess.start(
                        new ServerProcess.Launch(
                                        config,
                                        workDir.resolve("data"),
                                        workDir.resolve("server.log"),
                                        serverJvmOptions)
                                .pinnedTo(serverCpus),
                        Duration.ofSeconds(90));
                ApiClient api = new ApiClient(vertx, server.baseUri(), 64)) {
            long idleKiB = server.residentKiB();
            String site = centre.siteCode(0);
            String kiosk = Await.result(api.login(BenchCentre.KIOSK, BenchCentre.PASSWORD), Duration.ofSeconds(30));
            List<String> officerTokens = new ArrayList<>();
            for (int c = 1; c <= counters; c++) {
                String token =
                        Await.result(api.login(centre.officer(site, c), BenchCentre.PASSWORD), Duration.ofSeconds(30));
                Await.result(api.signIn(token, site, c), Duration.ofSeconds(30));
                officerTokens.add(token);
            }
            issueAhead(api, kiosk, site, centre.serviceCode(0), warmupCalls + calls + counters);

            AtomicLongArray sentAt = new AtomicLongArray(counters + 1);
            LatencyRecorder latency = new LatencyRecorder();
            AtomicLong delivered = new AtomicLong();
            AtomicLong otherEvents = new AtomicLong();
            List<WebSocket> connected =
                    connect(sockets, server, site, subscribers, sentAt, latency, delivered, otherEvents);
            long connectedKiB = server.residentKiB();
            report.print(String.format(
                    Locale.ROOT,
                    "%d subscribers connected; server RSS %d MiB (idle %d MiB)",
                    connected.size(),
                    connectedKiB / 1024,
                    idleKiB / 1024));

            String[] holding = new String[counters + 1];
            if (warmupCalls > 0) {
                CallStats warm = callSteadily(vertx, api, site, officerTokens, warmupCalls, sentAt, holding);
                long warmExpected = warm.succeeded * (long) connected.size();
                long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (delivered.get() < warmExpected && System.nanoTime() < warmUntil) {
                    Thread.sleep(50);
                }
                report.print(String.format(
                        Locale.ROOT,
                        "warm-up: %d calls in %.0f s, %d of %d deliveries; not counted below",
                        warm.succeeded,
                        warmupSeconds,
                        delivered.get(),
                        warmExpected));
                latency.reset();
                delivered.set(0);
                otherEvents.set(0);
            }
            long serverCpuStart = server.cpuMillis();
            long[] serverSplitStart = server.cpuMillisUserSystem();
            long clientCpuStart = clientCpuNanos();
            long messagesBefore = delivered.get() + otherEvents.get();
            long wallStart = System.nanoTime();
            CallStats stats = callSteadily(vertx, api, site, officerTokens, calls, sentAt, holding);
            long expected = stats.succeeded * (long) connected.size();
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (delivered.get() < expected && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            long endKiB = server.residentKiB();
            long serverCpu = server.cpuMillis() - serverCpuStart;
            long[] serverSplit = server.cpuMillisUserSystem();
            long serverUser = serverSplit[0] - serverSplitStart[0];
            long serverSystem = serverSplit[1] - serverSplitStart[1];
            long clientCpu = (clientCpuNanos() - clientCpuStart) / 1_000_000;
            double wallMillis = (System.nanoTime() - wallStart) / 1e6;
            long messages = delivered.get() + otherEvents.get() - messagesBefore;
            double serverMicrosPerMessage = messages == 0 ? 0 : serverCpu * 1000.0 / messages;
            report.figure(
                    "cpuMillisWhileCalling",
                    new JsonObject()
                            .put("server", serverCpu)
                            .put("serverUser", serverUser)
                            .put("serverSystem", serverSystem)
                            .put("loadGenerator", clientCpu)
                            .put("wall", Math.round(wallMillis))
                            .put("serverShareOfOneCore", Math.round(serverCpu / wallMillis * 1000) / 1000.0)
                            .put("messages", messages)
                            .put("serverMicrosPerMessage", Math.round(serverMicrosPerMessage * 10) / 10.0)
                            .put("serverCpus", serverCpus),
                    String.format(
                            Locale.ROOT,
                            "server %d ms (user %d, system %d; %.0f %% of one core over %.1f s%s), load generator %d"
                                    + " ms; %,d WebSocket messages: server CPU %.1f µs per message",
                            serverCpu,
                            serverUser,
                            serverSystem,
                            100.0 * serverCpu / wallMillis,
                            wallMillis / 1000,
                            serverCpus == null ? "" : ", pinned to CPU " + serverCpus,
                            clientCpu,
                            messages,
                            serverMicrosPerMessage));
            LatencySummary summary = latency.summary();
            report.figure("subscribersConnected", connected.size());
            report.figure(
                    "calls",
                    stats.succeeded,
                    stats.succeeded + " calls (" + stats.skipped
                            + " ticks skipped: the counter's previous call still in flight, " + stats.failed
                            + " failed)");
            report.figure("callToEvent", summary.toJson(), summary.line());
            report.figure(
                    "deliveries",
                    new JsonObject().put("expected", expected).put("received", delivered.get()),
                    delivered.get() + " of " + expected + " expected ticket.called deliveries");
            report.figure(
                    "serverResidentMiB",
                    new JsonObject()
                            .put("idle", idleKiB / 1024)
                            .put("connected", connectedKiB / 1024)
                            .put("end", endKiB / 1024),
                    String.format(
                            Locale.ROOT,
                            "idle %d, with %d subscribers %d, at the end %d",
                            idleKiB / 1024,
                            connected.size(),
                            connectedKiB / 1024,
                            endKiB / 1024));
            for (WebSocket socket : connected) {
                socket.close();
            }
            boolean complete = connected.size() == subscribers && delivered.get() == expected && stats.failed == 0;
            return complete ? 0 : BenchMain.EXIT_CHECK_FAILED;
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void issueAhead(ApiClient api, String token, String site, String service, int count)
            throws Exception {
        List<Future<JsonObject>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(api.issue(token, site, service, null));
            if (batch.size() == 64 || i == count - 1) {
                Await.result(Future.all(batch), Duration.ofSeconds(60));
                batch.clear();
            }
        }
    }

    private static List<WebSocket> connect(
            WebSocketClient client,
            ServerProcess server,
            String site,
            int count,
            AtomicLongArray sentAt,
            LatencyRecorder latency,
            AtomicLong delivered,
            AtomicLong otherEvents)
            throws Exception {
        List<WebSocket> sockets = new ArrayList<>();
        String path = "/api/v1/sites/" + site + "/events";
        for (int done = 0; done < count; ) {
            int batch = Math.min(200, count - done);
            List<Future<WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                Promise<Void> snapshot = Promise.promise();
                Future<WebSocket> socket = client.connect(server.port(), "127.0.0.1", path)
                        .onSuccess(ws -> ws.textMessageHandler(text -> {
                            long now = System.nanoTime();
                            if (!snapshot.future().isComplete()) {
                                snapshot.tryComplete();
                            } else if (text.contains("\"ticket.called\"")) {
                                int counter = counterOf(text);
                                if (counter > 0 && counter < sentAt.length()) {
                                    latency.recordNanos(now - sentAt.get(counter));
                                    delivered.incrementAndGet();
                                }
                            } else {
                                otherEvents.incrementAndGet();
                            }
                        }));
                opening.add(socket.compose(ws -> snapshot.future().map(ws)));
            }
            Await.result(Future.all(opening), Duration.ofSeconds(60));
            opening.forEach(f -> sockets.add(f.result()));
            done += batch;
        }
        return sockets;
    }

    /**
     * The counter of a {@code ticket.called} event without parsing the whole JSON (5,000 subscribers share the
     * load generator's cores with the server): the event's and its ticket's {@code "counter"} are the same number.
     */
    static int counterOf(String eventJson) {
        int key = eventJson.indexOf("\"counter\":");
        if (key < 0) {
            return -1;
        }
        int i = key + "\"counter\":".length();
        while (i < eventJson.length() && eventJson.charAt(i) == ' ') {
            i++;
        }
        int value = 0;
        int digits = 0;
        while (i < eventJson.length() && Character.isDigit(eventJson.charAt(i))) {
            value = value * 10 + (eventJson.charAt(i++) - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    private record CallStats(long succeeded, long skipped, long failed) {}

    /**
     * One call every 1/rate seconds, counters in turn; a counter first marks its previous ticket ({@code holding}, by
     * counter, kept across runs) as no-show.
     */
    private CallStats callSteadily(
            Vertx vertx,
            ApiClient api,
            String site,
            List<String> tokens,
            int calls,
            AtomicLongArray sentAt,
            String[] holding)
            throws InterruptedException {
        AtomicLong succeeded = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicInteger ticks = new AtomicInteger();
        boolean[] busy = new boolean[tokens.size() + 1];
        CountDownLatch finished = new CountDownLatch(calls);
        long periodMs = Math.max(1, Math.round(1000 / rate));
        vertx.setPeriodic(periodMs, timer -> {
            int tick = ticks.getAndIncrement();
            if (tick >= calls) {
                vertx.cancelTimer(timer);
                return;
            }
            int counter = 1 + tick % tokens.size();
            if (busy[counter]) {
                skipped.incrementAndGet();
                finished.countDown();
                return;
            }
            busy[counter] = true;
            String token = tokens.get(counter - 1);
            Future<?> before = holding[counter] == null
                    ? Future.succeededFuture()
                    : api.ticketAction(token, holding[counter], "no-show");
            before.compose(x -> {
                        sentAt.set(counter, System.nanoTime());
                        return api.callNext(token, site, counter);
                    })
                    .onComplete(result -> {
                        busy[counter] = false;
                        if (result.succeeded() && result.result().isPresent()) {
                            holding[counter] = result.result().get().getString("id");
                            succeeded.incrementAndGet();
                        } else {
                            holding[counter] = result.succeeded() ? null : holding[counter];
                            failed.incrementAndGet();
                        }
                        finished.countDown();
                    });
        });
        if (!finished.await((long) (calls / rate + 60), TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still unanswered 60 s after the end");
        }
        return new CallStats(succeeded.get(), skipped.get(), failed.get());
    }
}
