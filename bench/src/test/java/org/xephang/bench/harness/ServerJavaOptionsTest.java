package org.xephang.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server's garbage-collector options are the same wherever a server starts: {@code ./xephang server}, the
 * installed {@code bin/xephang server} (Linux and Windows), the packaged env file's note, and the servers bench starts
 * (docs/adr/0040-young-pauses-that-grow-with-the-day.md).
 */
@Timeout(30)
class ServerJavaOptionsTest {

    static final String OPTIONS = String.join(" ", ServerProcess.SERVER_JAVA_OPTIONS);

    static String read(String path) throws IOException {
        return Files.readString(Path.of("..").resolve(path), StandardCharsets.UTF_8);
    }

    @Test
    void benchStartsItsServersWithTheOptionsTheLaunchersGiveTheServer() throws IOException {
        assertThat(OPTIONS).contains("-Xms").contains("-XX:MaxTenuringThreshold=1");
        assertThat(read("xephang")).contains("server_opts=${XEPHANG_SERVER_JAVA_OPTS-" + OPTIONS + "}");
        assertThat(read("dist/src/main/dist/bin/xephang"))
                .contains("server_opts=${XEPHANG_SERVER_JAVA_OPTS-" + OPTIONS + "}");
        assertThat(read("dist/src/main/dist/bin/xephang.cmd")).contains("set \"SERVER_OPTS=" + OPTIONS + "\"");
        assertThat(read("dist/src/main/deb/etc/xephang.env")).contains("#   " + OPTIONS + "\n");
    }

    @Test
    void onlyTheServerCommandGetsThemAndTheUsersOwnOptionsComeAfter() throws IOException {
        for (String script : new String[] {"xephang", "dist/src/main/dist/bin/xephang"}) {
            String text = read(script);
            assertThat(text).as(script).contains("if [ \"${1:-}\" = server ]; then");
            assertThat(text)
                    .as(script)
                    .containsPattern("exec \"?\\$?\\{?java\"?\\}? \\$server_opts \\$\\{XEPHANG_JAVA_OPTS:-\\}");
        }
    }
}
