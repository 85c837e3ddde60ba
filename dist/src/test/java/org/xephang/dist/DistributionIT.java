package org.xephang.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux tarball as a technician gets it: unpacked into an empty folder, its {@code bin/xephang} runs with the
 * bundled runtime (no Maven, no source tree, no JAVA_HOME) and its example configuration starts a server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DistributionIT {

    /** bcrypt of "install-test-Qm7r" (the password .ci/install-test uses too). */
    private static final String TEST_PASSWORD_HASH = "$2a$10$LWz6f3Eomdq1w20vu6Ip3.rWjDYxN6hrqXJ11AvV0mGlOF4qitZOC";

    private static Path home;

    @BeforeAll
    static void unpackTheTarball() throws Exception {
        assumeTrue(
                !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win"),
                "the tarball is the Linux distribution");
        String built = System.getProperty("xephang.dist.tarball");
        assumeTrue(built != null, "run by failsafe after the package phase (dist/pom.xml passes the tarball)");
        Path tarball = Path.of(built);
        assertThat(tarball).as("built by the package phase").exists();
        Path work = Path.of(System.getProperty("xephang.dist.work"));
        if (Files.exists(work)) {
            run(List.of("rm", "-rf", work.toString()), Path.of("."));
        }
        Files.createDirectories(work);
        run(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString()), work);
        try (var entries = Files.list(work)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void theLauncherOfTheTarballPrintsItsVersionWithTheBundledRuntime() throws Exception {
        List<String> out = run(List.of(home.resolve("bin/xephang").toString(), "--version"), home);

        assertThat(out.get(0)).startsWith("xephang ").doesNotContain("unknown", "dev");
        assertThat(out).anyMatch(line -> line.startsWith("commit "));
        assertThat(out).anyMatch(line -> line.startsWith("Java 17"));
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("bin/xephang.cmd")).doesNotExist();
    }

    @Test
    void theServerStartsFromTheExampleConfigurationAndAnswersHealth(@TempDir Path data) throws Exception {
        Process server = startServer(data, Map.of());
        try {
            String url = listeningUrl(server);
            HttpResponse<String> health = get(url + "/health");
            HttpResponse<String> ready = get(url + "/health/ready");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
            assertThat(ready.statusCode()).isEqualTo(200);
        } finally {
            stop(server);
        }
    }

    /**
     * A technician's own heap ceiling and collector in XEPHANG_JAVA_OPTS (the env file's example) meet the server's
     * defaults: the JVM refused to start with their 1 GB floor above a 256 MB ceiling, or with a second collector.
     */
    @Test
    void theServerStartsUnderTheTechniciansOwnHeapCeilingAndCollector(@TempDir Path data) throws Exception {
        Process server = startServer(data, Map.of("XEPHANG_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC"));
        try {
            assertThat(get(listeningUrl(server) + "/health").statusCode()).isEqualTo(200);
        } finally {
            stop(server);
        }
    }

    @Test
    void withJsonLogsEveryLogLineIsOneJsonObject(@TempDir Path data) throws Exception {
        Process server = startServer(data, Map.of("XEPHANG_LOG_FORMAT", "json"));
        try {
            listeningUrl(server);
        } finally {
            stop(server);
        }
        List<String> lines = Files.readAllLines(data.resolve("stderr.log"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            JsonObject entry = new JsonObject(line);
            assertThat(entry.getString("level")).isNotBlank();
            assertThat(entry.getString("formattedMessage")).isNotBlank();
        });
        assertThat(lines).anyMatch(line -> line.contains("Queue engine open"));
    }

    /**
     * The example centre with every demo password replaced, as a technician does before starting a real server (which
     * may refuse the demo ones).
     */
    private static Path centreWithOwnPasswords(Path data) throws IOException {
        String example = Files.readString(home.resolve("examples/centre.yaml"), StandardCharsets.UTF_8);
        Path centre = data.resolve("centre.yaml");
        Files.writeString(
                centre,
                example.replaceAll(
                        "passwordHash: \"[^\"]*\"",
                        Matcher.quoteReplacement("passwordHash: \"" + TEST_PASSWORD_HASH + "\"")),
                StandardCharsets.UTF_8);
        return centre;
    }

    private static Process startServer(Path data, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/xephang").toString(),
                        "server",
                        "--config",
                        centreWithOwnPasswords(data).toString(),
                        "--data",
                        data.resolve("db").toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0")
                .directory(data.toFile())
                .redirectError(data.resolve("stderr.log").toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Reads the server's output until it prints its address; the test's timeout bounds the wait. */
    private static String listeningUrl(Process server) throws Exception {
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    seen.append(line).append('\n');
                    int at = line.indexOf("listening on ");
                    if (at >= 0) {
                        // Keep draining so the server never blocks on a full pipe.
                        Thread drain = new Thread(() -> lines.lines().forEach(ignored -> {}), "server-output");
                        drain.setDaemon(true);
                        drain.start();
                        return line.substring(at + "listening on ".length()).strip();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("server output unreadable", e);
            }
            throw new IllegalStateException("server exited before listening:\n" + seen);
        });
        return url.get(60, TimeUnit.SECONDS);
    }

    private static List<String> run(List<String> command, Path dir) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        List<String> out = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(out::add);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", command)
                .isTrue();
        assertThat(process.exitValue())
                .as("%s exit code, output %s", command, out)
                .isZero();
        return out;
    }
}
