package org.xephang.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.xephang.launcher.Xephang;
import picocli.CommandLine;

class BenchCommandDelegationTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int xephang(String... args) {
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void xephangBenchHelpReachesTheBenchModuleAndListsEveryScenario() {
        int code = xephang("bench", "--help");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("issue", "call-latency", "province-day", "crash", "print", "startup", "jmh");
    }

    @Test
    void optionsAfterTheScenarioArePassedThroughAndBadOnesExitTwo() {
        int code = xephang("bench", "issue", "--no-such-option");

        assertThat(code).isEqualTo(BenchMain.EXIT_USAGE);
        assertThat(err.toString()).contains("--no-such-option");
    }

    @Test
    void aMissingScenarioIsABadArgument() {
        int code = xephang("bench");

        assertThat(code).isEqualTo(BenchMain.EXIT_USAGE);
        assertThat(err.toString()).contains("name a scenario");
    }
}
