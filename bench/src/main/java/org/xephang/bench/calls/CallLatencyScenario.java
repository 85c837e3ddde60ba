package org.xephang.bench.calls;

import java.nio.file.Path;
import org.xephang.bench.Scenario;
import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Command;

@Command(name = "call-latency", mixinStandardHelpOptions = true, description = "TODO")
public final class CallLatencyScenario extends Scenario {
    @Override
    protected int run(BenchReport report, Path workDir) {
        report.print("not built yet");
        return 0;
    }
}
