package org.xephang.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        assertThat(ServerProcess.HEAP_FLOOR).startsWith("-Xms");
        assertThat(OPTIONS).contains("-XX:MaxTenuringThreshold=1").doesNotContain("GC ", "-Xms");
        for (String script : new String[] {"xephang", "dist/src/main/dist/bin/xephang"}) {
            assertThat(read(script))
                    .as(script)
                    .contains("*) heap_floor=\"" + ServerProcess.HEAP_FLOOR + " \" ;;")
                    .contains("server_opts=${XEPHANG_SERVER_JAVA_OPTS-${heap_floor}" + OPTIONS + "}");
        }
        assertThat(read("dist/src/main/dist/bin/xephang.cmd"))
                .contains("set \"SERVER_OPTS=" + ServerProcess.HEAP_FLOOR + " " + OPTIONS + "\"")
                .contains("set \"SERVER_OPTS=" + OPTIONS + "\"");
        assertThat(read("dist/src/main/deb/etc/xephang.env"))
                .contains("#   " + ServerProcess.HEAP_FLOOR + " " + OPTIONS + "\n");
    }

    @Test
    void aScenariosOwnCeilingDropsTheFloor() {
        assertThat(ServerProcess.serverJavaOptions(List.of("-XX:StartFlightRecording=filename=x.jfr")))
                .startsWith(ServerProcess.HEAP_FLOOR);
        assertThat(ServerProcess.serverJavaOptions(List.of("-Xmx320m"))).doesNotContain(ServerProcess.HEAP_FLOOR);
    }

    /** bench failover's nodes run with -Xmx320m -XX:+UseSerialGC: with G1 named and a 1 GB floor no JVM started. */
    @Test
    void aJvmStartsWithTheServersOptionsBeforeAScenariosOwnHeapAndCollector() throws Exception {
        List<String> own = List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ServerProcess.serverJavaOptions(own));
        command.addAll(own);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
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
