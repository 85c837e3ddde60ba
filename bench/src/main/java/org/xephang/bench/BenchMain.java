package org.xephang.bench;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.bench.calls.CallLatencyScenario;
import org.xephang.bench.crash.CrashScenario;
import org.xephang.bench.failover.FailoverScenario;
import org.xephang.bench.issue.IssueScenario;
import org.xephang.bench.micro.MicroBenchmarks;
import org.xephang.bench.print.PrintScenario;
import org.xephang.bench.province.ProvinceDayScenario;
import org.xephang.bench.startup.StartupScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code xephang bench <scenario> [options]}: the benchmarks and the fault harness (issue 8). The launcher's {@code
 * BenchCommand} finds this class on the classpath and calls {@link #run}; the launcher does not depend on this module
 * (this module depends on it).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Đo hiệu năng và thử chịu lỗi / benchmarks and fault harness.",
            "Each scenario prints its figures and writes them to <out>/<scenario>.json; --smoke runs it in seconds."
        },
        subcommands = {
            IssueScenario.class,
            CallLatencyScenario.class,
            ProvinceDayScenario.class,
            CrashScenario.class,
            FailoverScenario.class,
            PrintScenario.class,
            StartupScenario.class,
            MicroBenchmarks.class,
            CommandLine.HelpCommand.class
        })
public final class BenchMain implements Runnable {

    /** Exit code when a scenario ran but its checks failed (lost tickets, duplicates, missing events). */
    public static final int EXIT_CHECK_FAILED = 1;

    /** Exit code for bad arguments, as for every xephang command. */
    public static final int EXIT_USAGE = 2;

    private static final Logger log = LoggerFactory.getLogger(BenchMain.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs {@code bench} with these arguments, printing to {@code out}/{@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("xephang bench: " + e.getMessage());
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            log.error("xephang bench {} failed", command.getCommandName(), e);
            command.getErr().println("xephang bench " + command.getCommandName() + ": " + e);
            return EXIT_CHECK_FAILED;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a scenario; see xephang bench --help");
    }
}
