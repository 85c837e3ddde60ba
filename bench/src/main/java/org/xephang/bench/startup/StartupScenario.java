package org.xephang.bench.startup;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.xephang.bench.Scenario;
import org.xephang.bench.harness.BenchCentre;
import org.xephang.bench.harness.ServerProcess;
import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time from starting the server JVM to its {@code listening on} line, and its resident memory once idle. The first
 * start is on an empty data directory; later starts reopen the same database.
 */
@Command(
        name = "startup",
        mixinStandardHelpOptions = true,
        description = "Start-up time to ready and idle memory of xephang server.")
public final class StartupScenario extends Scenario {

    @Option(names = "--runs", defaultValue = "5", description = "Starts (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--settle",
            defaultValue = "5",
            description = "Seconds idle before reading the memory (default: ${DEFAULT-VALUE}).")
    double settleSeconds;

    @Override
    protected int run(BenchReport report, Path workDir) throws Exception {
        if (smoke) {
            runs = 1;
            settleSeconds = 0.5;
        }
        Path config = new BenchCentre(1, 8, 9, 999, 10).write(workDir.resolve("centre.yaml"));
        report.parameter("runs", runs);
        report.parameter("settleSeconds", settleSeconds);
        long[] startupMillis = new long[runs];
        long[] residentMiB = new long[runs];
        JsonArray each = new JsonArray();
        for (int i = 0; i < runs; i++) {
            try (ServerProcess server = ServerProcess.start(
                    new ServerProcess.Launch(
                            config, workDir.resolve("data"), workDir.resolve("server.log"), serverJvmOptions),
                    Duration.ofSeconds(90))) {
                Thread.sleep((long) (settleSeconds * 1000));
                startupMillis[i] = server.startupTime().toMillis();
                residentMiB[i] = server.residentKiB() / 1024;
                each.add(
                        new JsonObject().put("startupMillis", startupMillis[i]).put("idleResidentMiB", residentMiB[i]));
                report.print(String.format(
                        Locale.ROOT,
                        "start %d: ready in %d ms, idle RSS %d MiB",
                        i + 1,
                        startupMillis[i],
                        residentMiB[i]));
            }
        }
        report.figure("runs", each, each.size() + " starts");
        report.figure("startupMillisMedian", median(startupMillis));
        report.figure("idleResidentMiBMedian", median(residentMiB));
        return 0;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
