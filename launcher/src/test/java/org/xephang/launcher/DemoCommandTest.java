package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void theDemoListensOnThisMachineOnlyUnlessAHostIsGiven() {
        String defaultHost = Xephang.commandLine()
                .getSubcommands()
                .get("demo")
                .getCommandSpec()
                .findOption("--host")
                .defaultValue();

        assertThat(defaultHost).isEqualTo("127.0.0.1");
    }

    @Test
    void aHostBeyondThisMachineWarnsThatTheDemoAccountsAreExposed() {
        assertThat(DemoCommand.exposureWarning("127.0.0.1")).isEmpty();
        assertThat(DemoCommand.exposureWarning("localhost")).isEmpty();
        assertThat(DemoCommand.exposureWarning("0.0.0.0"))
                .hasValueSatisfying(
                        warning -> assertThat(warning).contains("demo").contains("0.0.0.0"));
        assertThat(DemoCommand.exposureWarning("192.168.1.10")).isPresent();
    }
}
