package org.xephang.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xephang.launcher.Xephang;
import picocli.CommandLine;

class BenchCommandDelegationTest {

    /** An entry of picocli's command list: two spaces, the name, then its description (or the end of the line). */
    private static final Pattern COMMAND_ENTRY = Pattern.compile("  ([a-z][a-z-]*)(?:\\s{2,}|$)");

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
        assertThat(listedCommands(out.toString()))
                .as(out.toString())
                .containsExactlyInAnyOrder(
                        "issue",
                        "call-latency",
                        "province-day",
                        "crash",
                        "failover",
                        "print",
                        "startup",
                        "jmh",
                        "help");
    }

    /** The names in the help's "Commands:" section: the first word of each entry (descriptions are indented more). */
    private static List<String> listedCommands(String help) {
        List<String> names = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.lines().toList()) {
            if (line.startsWith("Commands:")) {
                inCommands = true;
                continue;
            }
            if (!inCommands || line.isBlank()) {
                continue;
            }
            Matcher entry = COMMAND_ENTRY.matcher(line);
            if (entry.lookingAt()) {
                names.add(entry.group(1));
            } else if (!line.startsWith("   ")) {
                inCommands = false; // the next section
            }
        }
        return names;
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
