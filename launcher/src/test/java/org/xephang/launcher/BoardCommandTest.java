package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BoardCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aConfigurationWithProblemsExitsWithCodeTwoNamingEachKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("board.json");
        Files.writeString(config, "{\"port\": -1}");

        assertThat(run("board", "--server", "http://127.0.0.1:1", "--config", config.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("site: is required").contains("port: must be 0 to 65535");
    }

    @Test
    void anUnknownLedUriExitsWithCodeTwo(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("board.json");
        Files.writeString(
                config,
                "{\"site\": \"demo\", \"port\": 0, \"leds\": {\"counters\": [{\"counter\": 1, \"uri\": \"nope:x\"}]}}");

        assertThat(run("board", "--server", "http://127.0.0.1:1", "--config", config.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("leds:").contains("nope:x");
    }

    @Test
    void anUnreadableCaFileExitsWithCodeTwoNamingTheOption(@TempDir Path dir) {
        int code = run(
                "board",
                "--config",
                dir.resolve("board.json").toString(),
                "--ca-file",
                dir.resolve("no-such-ca.pem").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--ca-file: cannot read").contains("no-such-ca.pem");
    }

    @Test
    void aMissingFileExitsWithCodeTwo(@TempDir Path dir) {
        assertThat(run(
                        "board",
                        "--server",
                        "http://127.0.0.1:1",
                        "--config",
                        dir.resolve("none.json").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot read");
    }

    @Test
    void anUnknownKeyExitsWithCodeTwoNamingIt(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("board.json");
        Files.writeString(config, "{\"site\": \"demo\", \"port\": 0, \"speeker\": true}");

        assertThat(run("board", "--server", "http://127.0.0.1:1", "--config", config.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("speeker: unknown key");
    }
}
