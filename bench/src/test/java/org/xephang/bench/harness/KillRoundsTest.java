package org.xephang.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xephang.bench.crash.CrashScenario;
import org.xephang.bench.failover.FailoverScenario;
import picocli.CommandLine;

class KillRoundsTest {

    @Test
    void eachHarnessKeepsItsOwnDefaultsAndShowsThemInItsHelp() {
        CommandLine crash = new CommandLine(new CrashScenario());
        CommandLine failover = new CommandLine(new FailoverScenario());
        crash.parseArgs();
        failover.parseArgs();

        assertThat(crash.getCommandSpec().findOption("--kills").<Integer>getValue())
                .isEqualTo(25);
        assertThat(crash.getCommandSpec().findOption("--sites").<Integer>getValue())
                .isEqualTo(2);
        assertThat(crash.getCommandSpec().findOption("--counters").<Integer>getValue())
                .isEqualTo(8);
        assertThat(failover.getCommandSpec().findOption("--kills").<Integer>getValue())
                .isEqualTo(10);
        assertThat(failover.getCommandSpec().findOption("--sites").<Integer>getValue())
                .isEqualTo(20);
        assertThat(failover.getCommandSpec().findOption("--counters").<Integer>getValue())
                .isEqualTo(2);
        assertThat(crash.getUsageMessage()).contains("SIGKILLs (default: 25)");
        assertThat(failover.getUsageMessage()).contains("SIGKILLs (default: 10)");
    }

    @Test
    void theOptionsGivenOnTheCommandLineWin() {
        CommandLine crash = new CommandLine(new CrashScenario());
        crash.parseArgs("--kills", "3", "--sites", "1", "--counters", "4");

        assertThat(crash.getCommandSpec().findOption("--kills").<Integer>getValue())
                .isEqualTo(3);
        assertThat(crash.getCommandSpec().findOption("--sites").<Integer>getValue())
                .isEqualTo(1);
        assertThat(crash.getCommandSpec().findOption("--counters").<Integer>getValue())
                .isEqualTo(4);
    }
}
