package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad arguments and bad configuration end with exit code 2 and one line naming the option or key. */
class ServerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aConfigurationProblemExitsWithTwoAndOneLineNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("centre.yaml");
        Files.writeString(config, """
                sites:
                  - code: demo
                    name: Thử
                    services:
                      - { code: A, name: Đất đai, prefix: a1 }
                    counters:
                      - { number: 1, services: [A] }
                accounts: []
                """);

        int code = run(
                "server",
                "--config",
                config.toString(),
                "--port",
                "0",
                "--data",
                dir.resolve("data").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("xephang server: ").contains("sites[0].services[0]");
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingConfigurationFileOrBadPortExitsWithTwo(@TempDir Path dir) {
        assertThat(run("server", "--config", dir.resolve("missing.yaml").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--config").doesNotContain("Exception");
        assertThat(run("server", "--config", "x.yaml", "--port", "70000")).isEqualTo(2);
        assertThat(run("server")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }
}
