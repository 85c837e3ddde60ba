package org.xephang.bench.issue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.xephang.bench.harness.BenchCentre;

/**
 * The issue load driven by an outside tool, <a href="https://github.com/wg/wrk">wrk</a>, with the script
 * {@code org/xephang/bench/wrk/issue.lua}: the same requests as the bench's own kiosks (a kiosk token, sites and
 * services in rotation, a unique {@code Idempotency-Key} each), so the figure does not depend on our client. wrk keeps
 * its connections busy like the own client's closed loop: each connection sends its next request when the previous
 * one is answered.
 *
 * <p>Blocking: runs wrk as a child process and waits for it.
 */
final class WrkRun {

    private static final String SCRIPT = "/org/xephang/bench/wrk/issue.lua";
    private static final String RESULT_PREFIX = "wrk-result ";

    private final Path wrk;
    private final Path script;

    private WrkRun(Path wrk, Path script) {
        this.wrk = wrk;
        this.script = script;
    }

    /** wrk from the PATH with the script copied into {@code workDir}, or empty when wrk is not installed. */
    static Optional<WrkRun> find(Path workDir) throws IOException {
        Optional<Path> wrk = onPath("wrk");
        if (wrk.isEmpty()) {
            return Optional.empty();
        }
        Path script = workDir.resolve("issue.lua");
        try (InputStream in = WrkRun.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("the wrk script " + SCRIPT + " is missing from the bench jar");
            }
            Files.write(script, in.readAllBytes());
        }
        return Optional.of(new WrkRun(wrk.get(), script));
    }

    /**
     * Runs wrk once and answers its result: {@code requests}, {@code seconds}, latency percentiles in µs,
     * {@code socketErrors} and {@code byStatus} (answers per HTTP status).
     */
    JsonObject run(URI server, String token, BenchCentre centre, int connections, int threads, double seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                wrk.toString(),
                "-t" + Math.min(threads, connections),
                "-c" + connections,
                "-d" + Math.max(1, Math.round(seconds)) + "s",
                "--timeout",
                "10s",
                "-s",
                script.toString(),
                server.toString(),
                "--",
                token,
                String.valueOf(centre.sites()),
                String.valueOf(centre.services()),
                Long.toString(System.nanoTime(), 36)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Duration bound = Duration.ofSeconds(Math.round(seconds) + 60);
        if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("wrk did not finish within " + bound.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("wrk failed (exit " + process.exitValue() + "): " + output.strip());
        }
        return parse(output);
    }

    /** The {@code wrk-result} line the script's {@code done()} writes. */
    static JsonObject parse(String output) throws IOException {
        for (String line : output.split("\n")) {
            if (line.startsWith(RESULT_PREFIX)) {
                return new JsonObject(line.substring(RESULT_PREFIX.length()).strip());
            }
        }
        throw new IOException("wrk printed no result line: " + output.strip());
    }

    /** Answers that were not 2xx, plus socket errors. */
    static long failures(JsonObject result) {
        long failures = result.getLong("socketErrors", 0L);
        JsonObject byStatus = result.getJsonObject("byStatus", new JsonObject());
        for (String status : byStatus.fieldNames()) {
            if (!status.startsWith("2")) {
                failures += byStatus.getLong(status);
            }
        }
        return failures;
    }

    /** Answers that were 2xx: tickets issued. */
    static long succeeded(JsonObject result) {
        long ok = 0;
        JsonObject byStatus = result.getJsonObject("byStatus", new JsonObject());
        for (String status : byStatus.fieldNames()) {
            if (status.startsWith("2")) {
                ok += byStatus.getLong(status);
            }
        }
        return ok;
    }

    static String line(JsonObject result) {
        double rate = result.getLong("requests") / result.getDouble("seconds");
        return String.format(
                Locale.ROOT,
                "%,9.0f issues/s  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  answers %s",
                rate,
                result.getLong("p50Micros") / 1000.0,
                result.getLong("p90Micros") / 1000.0,
                result.getLong("p99Micros") / 1000.0,
                result.getLong("maxMicros") / 1000.0,
                result.getJsonObject("byStatus").encode());
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
