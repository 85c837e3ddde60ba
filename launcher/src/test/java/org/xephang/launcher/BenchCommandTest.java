package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void withoutTheBenchModuleOnTheClasspathSaysHowToBuildItAndExitsTwo() {
        StringWriter err = new StringWriter();
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        // The launcher's own tests never have the bench module (it depends on the launcher, not the reverse).
        int code = cli.execute("bench", "issue", "--smoke", "--kiosks", "1,8");

        assertThat(code).isEqualTo(Xephang.EXIT_USAGE);
        assertThat(err.toString())
                .contains("bench module is not on the classpath")
                .contains("mvn -pl bench");
    }
}
