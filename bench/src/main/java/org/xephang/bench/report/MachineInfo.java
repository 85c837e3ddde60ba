package org.xephang.bench.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on: cores, memory, JDK, the disk holding the data, and how busy the machine was. */
public record MachineInfo(
        int cores, long memoryMiB, String jdk, String os, String cpuModel, String disk, String loadAverage) {

    public static MachineInfo current(Path dataDir) {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                memTotalMiB(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                readCpuModel(),
                disk(dataDir),
                firstLine(Path.of("/proc/loadavg")));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("cores", cores)
                .put("memoryMiB", memoryMiB)
                .put("jdk", jdk)
                .put("os", os)
                .put("cpu", cpuModel)
                .put("disk", disk)
                .put("loadAverageAtStart", loadAverage);
    }

    public String line() {
        return cores + " cores (" + cpuModel + "), " + memoryMiB + " MiB, " + jdk + ", " + os + ", disk " + disk
                + ", load average at start " + loadAverage;
    }

    private static long memTotalMiB() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    private static String readCpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown cpu";
    }

    private static String disk(Path dataDir) {
        try {
            Path existing = dataDir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return "unknown";
            }
            FileStore store = Files.getFileStore(existing);
            return store.name() + " (" + store.type() + ", " + store.getTotalSpace() / (1L << 30) + " GiB)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String firstLine(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "unknown" : lines.get(0).trim();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
