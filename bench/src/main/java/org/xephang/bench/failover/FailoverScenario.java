package org.xephang.bench.failover;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.xephang.api.Ticket;
import org.xephang.bench.BenchMain;
import org.xephang.bench.Scenario;
import org.xephang.bench.crash.CrashAudit;
import org.xephang.bench.crash.CrashLedger;
import org.xephang.bench.crash.OutboxAudit;
import org.xephang.bench.harness.Await;
import org.xephang.bench.harness.BenchCentre;
import org.xephang.bench.harness.RunDatabase;
import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A cluster of {@code --nodes} PostgreSQL-backed nodes, each its own JVM on 127.0.0.1; a kiosk and officers on every
 * site drive it through the typed client given every node's URL (as agents are), while a node is SIGKILLed and
 * restarted again and again. Before each kill the cluster is whole (every node up, every site served); the victim is
 * a node that owns sites (or any node, {@code --victims any}). At the end every acknowledged ticket is read back and
 * checked with {@code bench crash}'s audit ({@link CrashAudit}), the event table in PostgreSQL with its outbox audit,
 * and the takeover times (from the SIGKILL until a node serves the site again, per affected site) are summed up.
 */
@Command(
        name = "failover",
        mixinStandardHelpOptions = true,
        description = "SIGKILL the nodes of a PostgreSQL cluster under load, one at a time; then check nothing"
                + " acknowledged was lost and how long sites went unserved.")
public final class FailoverScenario extends Scenario {

    @Option(names = "--nodes", defaultValue = "3", description = "Server nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--sites", defaultValue = "20", description = "Sites (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--kills", defaultValue = "10", description = "SIGKILLs (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(
            names = "--counters",
            defaultValue = "2",
            description = "Counters per site, one officer each (default: ${DEFAULT-VALUE}).")
    int counters;

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "PostgreSQL server to create the run's database on (postgresql://HOST:PORT/DB?user=…);"
                    + " default: XEPHANG_TEST_POSTGRES_URL, else one started from /usr/lib/postgresql/*/bin.")
    String store;

    @Option(
            names = "--victims",
            defaultValue = "owners",
            description = "Which node a kill picks at random: owners (a node that owns sites) or any"
                    + " (default: ${DEFAULT-VALUE}).")
    String victims;

    @Option(
            names = "--load-seconds",
            defaultValue = "3",
            description = "Load on the whole cluster before each kill, at most (default: ${DEFAULT-VALUE}).")
    double loadSeconds;

    @Option(
            names = "--pause-ms",
            defaultValue = "50",
            description = "Each device's pause between two requests (default: ${DEFAULT-VALUE}).")
    long pauseMillis;

    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    @Override
    protected int run(BenchReport report, Path workDir) throws Exception {
        if (smoke) {
            nodes = Math.min(nodes, 2);
            sites = Math.min(sites, 3);
            kills = Math.min(kills, 2);
            loadSeconds = Math.min(loadSeconds, 1.5);
        }
        if (nodes < 2
                || sites < 1
                || kills < 0
                || counters < 2
                || !List.of("owners", "any").contains(victims)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "need --nodes >= 2, --sites >= 1, --kills >= 0, --counters >= 2, --victims owners|any");
        }
        BenchCentre centre = new BenchCentre(sites, 2, counters, 9999, 10);
        report.parameter("nodes", nodes);
        report.parameter("sites", sites);
        report.parameter("kills", kills);
        report.parameter("countersPerSite", counters);
        report.parameter("victims", victims);
        Path config = centre.write(workDir.resolve("centre.yaml"));
        List<String> jvm = serverJvmOptions.isEmpty()
                ? List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                : serverJvmOptions;
        String database =
                "xephang_failover_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100000;
        SplittableRandom random = new SplittableRandom(seed);
        try (RunDatabase db = RunDatabase.create(store, database)) {
            report.print("PostgreSQL: " + db.location());
            ClusterNodes cluster = new ClusterNodes(nodes, config, db.location().storeUrl(), workDir, jvm);
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            Context context = vertx.getOrCreateContext();
            FailoverLoad load = null;
            TakeoverProbe probe = null;
            try {
                long started = System.nanoTime();
                cluster.startAll();
                report.print(String.format(
                        "%d nodes up in %.1f s: %s", nodes, (System.nanoTime() - started) / 1e9, cluster.urls()));
                probe = new TakeoverProbe(vertx, context, urls(cluster));
                probe.start(centre.siteCodes());
                awaitWhole(cluster, probe, context, Duration.ofSeconds(120));
                load = new FailoverLoad(vertx, context, centre, cluster.urls(), pauseMillis);
                Await.result(load.prepare(), Duration.ofSeconds(120));
                load.start();
                List<Long> killTimes = new ArrayList<>();
                JsonArray connections = new JsonArray();
                List<java.util.Set<String>> killedSites = new ArrayList<>();
                JsonArray killed = new JsonArray();
                for (int k = 1; k <= kills; k++) {
                    awaitWhole(cluster, probe, context, Duration.ofSeconds(120));
                    TimeUnit.MILLISECONDS.sleep((long) (random.nextDouble(0.5, 1.0) * loadSeconds * 1000));
                    connections.add(connections(db));
                    Map<String, Integer> owners = siteOwners(db, cluster);
                    List<Integer> candidates = victims.equals("owners") ? owners(db, cluster) : all(cluster);
                    int victim = candidates.get(random.nextInt(candidates.size()));
                    java.util.Set<String> victimSites = new java.util.TreeSet<>();
                    owners.forEach((site, node) -> {
                        if (node == victim) {
                            victimSites.add(site);
                        }
                    });
                    killedSites.add(victimSites);
                    long at = System.nanoTime();
                    cluster.kill(victim);
                    killTimes.add(at);
                    killed.add(victim + 1);
                    report.print(String.format(
                            "kill %2d: node %d (of %s owning sites), %d tickets acknowledged so far",
                            k,
                            victim + 1,
                            candidates.stream().map(n -> n + 1).toList(),
                            onContext(context, load::tickets)));
                    cluster.restart(victim);
                }
                awaitWhole(cluster, probe, context, Duration.ofSeconds(120));
                TimeUnit.MILLISECONDS.sleep((long) (loadSeconds * 1000));
                Await.result(load.stop(), Duration.ofSeconds(120));
                Await.result(load.resolveInDoubtIssues(), Duration.ofSeconds(120));
                CrashLedger ledger = load.ledger();
                Map<String, Optional<Ticket>> seen = Await.result(load.readBack(), Duration.ofMinutes(5));
                CrashAudit.Result audit = onContext(context, () -> CrashAudit.check(ledger, seen::get));
                errors.putAll(load.errors());
                Map<String, List<TakeoverProbe.Outage>> outages = onContext(context, probe::outages);
                Map<String, List<long[]>> servedProbes = onContext(context, probe::servedProbes);
                probe.stop();
                probe = null;
                load.close();
                load = null;
                cluster.close();
                OutboxAudit.Result outbox;
                try (Connection connection = db.location().connect()) {
                    outbox = OutboxAudit.check(connection, ledger);
                }
                java.util.concurrent.atomic.AtomicInteger unserved = new java.util.concurrent.atomic.AtomicInteger();
                List<Long> takeovers = TakeoverProbe.servedAgainMillis(
                        killTimes, killedSites, servedProbes, TimeUnit.SECONDS.toNanos(30), unserved);
                Collections.sort(takeovers);
                List<Long> outageSamples =
                        TakeoverProbe.takeoverMillis(killTimes, outages, TimeUnit.SECONDS.toNanos(30));
                Collections.sort(outageSamples);
                String line = "kills=" + kills + " " + audit.line() + " outbox_problems="
                        + outbox.problems().size()
                        + " takeover_p50=" + seconds(percentile(takeovers, 50)) + " takeover_p99="
                        + seconds(percentile(takeovers, 99));
                report.figure("crashCheck", audit.toJson(), audit.line());
                report.figure("outboxCheck", outbox.toJson(), outbox.line());
                report.figure("kills", kills);
                report.figure("killedNodes", killed);
                report.figure("takeoverMillis", new JsonArray(new ArrayList<>(takeovers)));
                report.figure("takeoverSitesNotServedAgainBeforeTheNextKill", unserved.get());
                report.figure("outageMillis", new JsonArray(new ArrayList<>(outageSamples)));
                report.figure("postgresqlConnectionsBeforeEachKill", connections);
                report.figure(
                        "slowTakeovers",
                        new JsonArray(new ArrayList<>(
                                TakeoverProbe.slowSamples(killTimes, outages, TimeUnit.SECONDS.toNanos(30), 5_000))));
                report.figure("takeoverP50Millis", percentile(takeovers, 50));
                report.figure("takeoverP99Millis", percentile(takeovers, 99));
                report.figure("clientErrors", errorCounts());
                report.print(outbox.line());
                report.print(line);
                boolean clean = audit.clean() && outbox.clean();
                if (clean) {
                    db.dropOnClose();
                }
                return clean ? 0 : BenchMain.EXIT_CHECK_FAILED;
            } finally {
                if (probe != null) {
                    probe.stop();
                }
                if (load != null) {
                    load.close();
                }
                cluster.close();
                vertx.close().await(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Whether a run finds a PostgreSQL server without {@code --store} (the variable, or the binaries). */
    public static boolean postgresqlAvailable() {
        return RunDatabase.available(null);
    }

    private static List<URI> urls(ClusterNodes cluster) {
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            urls.add(cluster.url(i));
        }
        return urls;
    }

    private static List<Integer> all(ClusterNodes cluster) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            all.add(i);
        }
        return all;
    }

    /** The nodes holding a live lease of some site now (site_lease in PostgreSQL); every node when none does. */
    private static List<Integer> owners(RunDatabase db, ClusterNodes cluster) throws SQLException {
        TreeSet<Integer> owners = new TreeSet<>();
        try (Connection connection = db.location().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT owner FROM site_lease")) {
            while (rows.next()) {
                int node = cluster.nodeOfOwner(rows.getString(1));
                if (node >= 0) {
                    owners.add(node);
                }
            }
        }
        return owners.isEmpty() ? all(cluster) : new ArrayList<>(owners);
    }

    /** Each site's owner now (site_lease), as the cluster's node index. */
    private static Map<String, Integer> siteOwners(RunDatabase db, ClusterNodes cluster) throws SQLException {
        Map<String, Integer> owners = new java.util.TreeMap<>();
        try (Connection connection = db.location().connect();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT site, owner FROM site_lease WHERE expires_at > ?")) {
            statement.setLong(1, System.currentTimeMillis());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    owners.put(rows.getString(1), cluster.nodeOfOwner(rows.getString(2)));
                }
            }
        }
        return owners;
    }

    /** The run database's connections from the nodes now (pg_stat_activity, application name xephang). */
    private static long connections(RunDatabase db) throws SQLException {
        try (Connection connection = db.location().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = 'xephang'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Waits until every node is up and every site served. */
    private static void awaitWhole(ClusterNodes cluster, TakeoverProbe probe, Context context, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean up = true;
            for (int i = 0; i < cluster.size(); i++) {
                up &= cluster.alive(i);
            }
            if (up && onContext(context, probe::allServed)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster was not whole again within " + timeout.toSeconds()
                        + " s (every node up, every site served); see the node logs in the work folder");
            }
            TimeUnit.MILLISECONDS.sleep(TakeoverProbe.PERIOD_MS);
        }
    }

    static <T> T onContext(Context context, Supplier<T> read) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> result.complete(read.get()));
        return Await.result(result.future(), Duration.ofSeconds(30));
    }

    /** The {@code p}th percentile of sorted values (nearest rank), or -1 when there is none. */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String seconds(long millis) {
        return millis < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private JsonObject errorCounts() {
        JsonObject json = new JsonObject();
        new java.util.TreeMap<>(errors).forEach((code, count) -> json.put(code, count.get()));
        return json;
    }
}
