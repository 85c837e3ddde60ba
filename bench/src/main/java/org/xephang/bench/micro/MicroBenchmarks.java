package org.xephang.bench.micro;

import java.nio.file.Path;
import org.xephang.bench.Scenario;
import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Command;

@Command(name = "jmh", mixinStandardHelpOptions = true, description = "TODO")
public final class MicroBenchmarks extends Scenario {
    @Override
    protected int run(BenchReport report, Path workDir) {
        report.print("not built yet");
        return 0;
    }
}
