package org.xephang.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The server as its own process parses its options as xephang server does: bad ones end with 2 and one line. */
class QueueServerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = QueueServerMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void anUnknownOptionEndsWithTwoAndOneLineNamingIt() {
        int code = run("--config", "centre.yaml", "--colour", "blue");

        assertThat(code).isEqualTo(QueueServerMain.EXIT_USAGE);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("xephang server: ").contains("--colour");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingConfigurationEndsWithTwoNamingTheOption() {
        int code = run("--port", "0");

        assertThat(code).isEqualTo(QueueServerMain.EXIT_USAGE);
        assertThat(err.toString()).startsWith("xephang server: ").contains("--config");
    }

    @Test
    void aPortOutOfRangeEndsWithTwoNamingIt(@TempDir Path dir) {
        int code = run("--config", dir.resolve("centre.yaml").toString(), "--port", "70000");

        assertThat(code).isEqualTo(QueueServerMain.EXIT_USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("xephang server: --port must be a number from 0 to 65535, got 70000");
    }

    @Test
    void aConfigurationFileThatIsNotThereEndsWithTwoNamingIt(@TempDir Path dir) {
        int code = run(
                "--config",
                dir.resolve("nowhere.yaml").toString(),
                "--data",
                dir.resolve("data").toString());

        assertThat(code).isEqualTo(QueueServerMain.EXIT_USAGE);
        assertThat(err.toString().strip()).startsWith("xephang server: --config: no such file");
    }

    @Test
    void clusterOptionsWithoutClusterEndWithTwoNamingThem(@TempDir Path dir) {
        int code = run("--config", dir.resolve("centre.yaml").toString(), "--cluster-port", "5702");

        assertThat(code).isEqualTo(QueueServerMain.EXIT_USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("xephang server: --cluster-host, --cluster-port, --cluster-members and --cluster-hold-back"
                        + " need --cluster");
    }

    @Test
    void aNegativeHoldBackEndsWithTwoNamingIt(@TempDir Path dir) {
        int code = run("--config", dir.resolve("centre.yaml").toString(), "--cluster", "--cluster-hold-back", "-1");

        assertThat(code).isEqualTo(QueueServerMain.EXIT_USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("xephang server: --cluster-hold-back must be a number of seconds from 0 to 3600, got -1");
    }

    @Test
    void aBadClusterMemberEndsWithTwoNamingIt(@TempDir Path dir) {
        int code = run(
                "--config",
                dir.resolve("centre.yaml").toString(),
                "--cluster",
                "--cluster-members",
                "10.0.0.1:5701,10.0.0.2:port");

        assertThat(code).isEqualTo(QueueServerMain.EXIT_USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("xephang server: --cluster-members: \"10.0.0.2:port\" is not host:port");
    }
}
