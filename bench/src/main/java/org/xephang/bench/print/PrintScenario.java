package org.xephang.bench.print;

import java.nio.file.Path;
import org.xephang.bench.Scenario;
import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Command;

@Command(name = "print", mixinStandardHelpOptions = true, description = "TODO")
public final class PrintScenario extends Scenario {
    @Override
    protected int run(BenchReport report, Path workDir) {
        report.print("not built yet");
        return 0;
    }
}
