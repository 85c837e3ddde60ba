package org.xephang.bench.latency;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Percentiles of a latency distribution, in milliseconds. */
public record LatencySummary(long count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                micros.getTotalCount(),
                micros.getMean() / 1000.0,
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(95) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("count", count)
                .put("meanMs", round(meanMs))
                .put("p50Ms", round(p50Ms))
                .put("p95Ms", round(p95Ms))
                .put("p99Ms", round(p99Ms))
                .put("maxMs", round(maxMs));
    }

    /** One line for people: {@code p50=1.20 ms p95=… p99=… max=… (n=…)}. */
    public String line() {
        return String.format(
                Locale.ROOT,
                "p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms (n=%d)",
                p50Ms,
                p95Ms,
                p99Ms,
                maxMs,
                count);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
