package org.xephang.bench.province;

import java.nio.file.Path;
import org.xephang.bench.Scenario;
import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Command;

@Command(name = "province-day", mixinStandardHelpOptions = true, description = "TODO")
public final class ProvinceDayScenario extends Scenario {
    @Override
    protected int run(BenchReport report, Path workDir) {
        report.print("not built yet");
        return 0;
    }
}
