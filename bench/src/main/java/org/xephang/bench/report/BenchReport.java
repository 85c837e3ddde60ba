package org.xephang.bench.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The figures of one scenario run: printed for people as they come, and written as {@code <out>/<scenario>.json}
 * with the parameters and the machine, so runs can be compared.
 */
public final class BenchReport {

    private final String scenario;
    private final PrintWriter out;
    private final JsonObject json;
    private final JsonObject figures = new JsonObject();

    public BenchReport(String scenario, PrintWriter out, MachineInfo machine, boolean smoke, List<String> args) {
        this.scenario = scenario;
        this.out = out;
        this.json = new JsonObject()
                .put("scenario", scenario)
                .put("startedAt", Instant.now().toString())
                .put("smoke", smoke)
                .put("arguments", String.join(" ", args))
                .put("machine", machine.toJson())
                .put("figures", figures);
        out.println("xephang bench " + scenario + (smoke ? " (smoke)" : ""));
        out.println("machine: " + machine.line());
        out.flush();
    }

    public void parameter(String name, Object value) {
        json.put(
                "parameters", json.getJsonObject("parameters", new JsonObject()).put(name, value));
    }

    /** A figure under {@code figures.<name>}, printed as {@code name: line}. */
    public void figure(String name, Object value, String line) {
        figures.put(name, value);
        print(name + ": " + line);
    }

    public void figure(String name, Object value) {
        figure(name, value, String.valueOf(value));
    }

    /** A line for people only. */
    public void print(String line) {
        out.println(line);
        out.flush();
    }

    public JsonObject figures() {
        return figures;
    }

    /** Writes {@code <dir>/<scenario>.json} and returns its path. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(scenario + ".json");
            json.put("finishedAt", Instant.now().toString());
            Files.writeString(file, json.encodePrettily() + "\n", StandardCharsets.UTF_8);
            print("figures written to " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures to " + dir, e);
        }
    }
}
