package org.xephang.bench.micro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xephang bench jmh [REGEX…]}: the JMH microbenchmarks, each in a forked JVM from this classpath: the ESC/POS
 * encoder's in this package, and those of queue-core's internals (routing, the ticket store), which live in queue-core's
 * test tree beside what they measure and reach this classpath as its benchmarks jar. Results go to {@code
 * <out>/jmh.json} in JMH's JSON format.
 */
@Command(
        name = "jmh",
        mixinStandardHelpOptions = true,
        description = "JMH microbenchmarks: FCFS routing, the ticket store and the ESC/POS encoder.")
public final class MicroBenchmarks implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "REGEX", description = "Benchmarks to run (default: all of ours).")
    List<String> include = new ArrayList<>();

    @Option(names = "--smoke", description = "One short iteration each, no warm-up: checks they run.")
    boolean smoke;

    @Option(
            names = "--out",
            defaultValue = "target/bench",
            description = "Where jmh.json goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("jmh.json").toString())
                .jvmArgsPrepend("-Dfile.encoding=UTF-8");
        Files.createDirectories(out);
        if (include.isEmpty()) {
            options.include("org\\.xephang\\..*Benchmark\\..*");
        }
        include.forEach(options::include);
        if (smoke) {
            options.warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200))
                    .param("tickets", "100")
                    .param("mode", "text")
                    .param("events", "1000");
        }
        // JMH prints its progress to the standard output itself (the same stream as this command's out).
        Collection<RunResult> results = new Runner(options.build()).run();
        spec.commandLine().getOut().println("jmh: " + results.size() + " results written to " + out + "/jmh.json");
        return results.isEmpty() ? 1 : 0;
    }
}
