package org.xephang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xephang.bench.report.BenchReport;
import org.xephang.bench.report.MachineInfo;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every scenario shares: {@code --smoke}, where figures go, the work directory for data and logs, the seed, and
 * JVM options for the server it starts. A scenario returns 0, or {@link BenchMain#EXIT_CHECK_FAILED} when a check of
 * its results failed.
 */
public abstract class Scenario implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(names = "--smoke", description = "A few seconds instead of the full run: keeps the scenario working in CI.")
    protected boolean smoke;

    @Option(
            names = "--out",
            defaultValue = "target/bench",
            description = "Where <scenario>.json goes (default: ${DEFAULT-VALUE}).")
    protected Path out;

    @Option(
            names = "--work",
            description = "Directory for generated configs, server data and logs (default: a new one under --out).")
    protected Path work;

    @Option(names = "--seed", defaultValue = "20261122", description = "Random seed (default: ${DEFAULT-VALUE}).")
    protected long seed;

    @Option(
            names = "--server-jvm-opt",
            description = "JVM option for the server process, repeatable (e.g. -XX:StartFlightRecording=…).")
    protected List<String> serverJvmOptions = new ArrayList<>();

    @Option(
            names = "--server-cpus",
            description = "Pin the server process to these CPUs (taskset -c), e.g. 1; run the bench itself under"
                    + " taskset -c 0 to give the load generator the other core (default: not pinned).")
    protected String serverCpus;

    /** The scenario's name as on the command line and in the JSON file name. */
    protected String name() {
        return spec.name();
    }

    @Override
    public final Integer call() throws Exception {
        Path workDir = work != null ? work : Files.createTempDirectory(created(out), name() + "-");
        Files.createDirectories(workDir);
        BenchReport report = new BenchReport(
                name(),
                spec.commandLine().getOut(),
                MachineInfo.current(workDir),
                smoke,
                spec.commandLine().getParseResult().originalArgs());
        report.parameter("work", workDir.toString());
        int code = run(report, workDir);
        report.write(out);
        return code;
    }

    private static Path created(Path dir) throws IOException {
        return Files.createDirectories(dir);
    }

    /** Runs the scenario, adding its figures to the report; returns the exit code. */
    protected abstract int run(BenchReport report, Path workDir) throws Exception;
}
