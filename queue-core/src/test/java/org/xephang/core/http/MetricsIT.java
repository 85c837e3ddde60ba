package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics}: label sets fixed whatever clients send (issue 13 finding 6), help text on every meter. */
@Timeout(120)
class MetricsIT {

    private static final Pattern METHOD_LABEL =
            Pattern.compile("^http_server_requests_seconds_count\\{.*method=\"([^\"]*)\"");

    @TempDir
    Path dataDir;

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start(dataDir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void requestsWithRandomMethodsAddNoSeriesBeyondTheStandardMethodsAndOther() {
        Random random = new Random(13);
        for (int i = 0; i < 300; i++) {
            StringBuilder method = new StringBuilder();
            for (int c = 0; c < 8; c++) {
                method.append((char) ('A' + random.nextInt(26)));
            }
            api.send(HttpMethod.valueOf(method.toString()), "/api/v1/sites/demo/queue", null, null);
        }
        api.send(HttpMethod.GET, "/api/v1/sites/demo/queue", null, null);

        String metrics = scrape();
        Set<String> methods = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            Matcher matcher = METHOD_LABEL.matcher(line);
            if (matcher.find()) {
                methods.add(matcher.group(1));
            }
        }

        assertThat(methods)
                .contains("GET", "other")
                .allMatch(method -> ApiMetrics.KNOWN_METHODS.contains(method) || method.equals("other"))
                .hasSizeLessThanOrEqualTo(ApiMetrics.KNOWN_METHODS.size() + 1);
    }

    @Test
    void everyXephangMetricHasHelpText() {
        api.issue("A");
        api.send(
                HttpMethod.POST,
                "/api/v1/sites/demo/devices/status",
                "kiosk1",
                new JsonObject()
                        .put("device", "kiosk1/printer")
                        .put("kind", "printer")
                        .put("state", "PAPER_OUT")
                        .encode());

        String metrics = scrape();
        Set<String> typed = new TreeSet<>();
        Set<String> helped = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            String[] words = line.split(" ", 4);
            if (line.startsWith("# TYPE xephang_") || line.startsWith("# TYPE http_server_requests_seconds ")) {
                typed.add(words[2]);
            } else if (line.startsWith("# HELP ") && words.length == 4 && !words[3].isBlank()) {
                helped.add(words[2]);
            }
        }

        assertThat(typed)
                .contains("xephang_tickets_issued_total", "xephang_stream_connections", "xephang_device_state");
        assertThat(helped).containsAll(typed);
        assertThat(metrics)
                .contains("xephang_device_state{device=\"kiosk1/printer\",site=\"demo\",state=\"PAPER_OUT\"} 1");
    }

    /** Prometheus' own linter, where it is installed (CI installs it): nothing to say about our metrics. */
    @Test
    void promtoolFindsNoProblemWithOurMetrics() throws Exception {
        Path promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(promtool != null, "promtool is not installed");
        api.issue("A");
        Path scraped = dataDir.resolve("metrics.txt");
        Files.writeString(scraped, scrape());

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectInput(scraped.toFile())
                .redirectErrorStream(true)
                .start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // Micrometer's JVM meters (process_cpu_time_ns_total, system_cpu_count) have naming remarks of their own.
        assertThat(report.lines().filter(line -> line.startsWith("xephang_") || line.contains("no help text")))
                .isEmpty();
    }

    private String scrape() {
        var response = api.send(HttpMethod.GET, "/metrics", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.bodyAsString();
    }
}
