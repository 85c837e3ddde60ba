package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class VersionOptionTest {

    @Test
    void versionPrintsTheReleaseAndTheCommitTheBuildWroteIntoBuildProperties() {
        StringWriter out = new StringWriter();
        var cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--version");

        assertThat(exit).isZero();
        BuildInfo build = BuildInfo.current();
        assertThat(build.version()).isNotEqualTo(BuildInfo.UNKNOWN).doesNotContain("${");
        assertThat(out.toString())
                .startsWith("xephang " + build.version() + System.lineSeparator())
                .contains("commit " + build.commit());
    }

    @Test
    void aBuildOutsideGitReadsAsAnUnknownCommitRatherThanAnUnfilledPlaceholder() {
        Properties unfilled = new Properties();
        unfilled.setProperty("version", "1.2.3");
        unfilled.setProperty("commit", "${git.commit}");
        unfilled.setProperty("commitTime", "${git.commit.time}");

        BuildInfo build = BuildInfo.of(unfilled);

        assertThat(build).isEqualTo(new BuildInfo("1.2.3", "unknown", ""));
    }
}
