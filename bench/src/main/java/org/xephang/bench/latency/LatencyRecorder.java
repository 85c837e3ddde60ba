package org.xephang.bench.latency;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies from any number of threads (wait-free for writers) into an HdrHistogram with microsecond
 * resolution, 3 significant digits, up to one hour; longer values are clamped to one hour and counted.
 */
public final class LatencyRecorder {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);

    public void recordNanos(long nanos) {
        recordMicros(TimeUnit.NANOSECONDS.toMicros(nanos));
    }

    public void recordMicros(long micros) {
        recorder.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
    }

    /** Everything recorded so far. Call from one thread at a time (the scenario's reporting thread). */
    public synchronized LatencySummary summary() {
        total.add(recorder.getIntervalHistogram());
        return LatencySummary.of(total);
    }

    /** Drops everything recorded so far (after a warm-up). */
    public synchronized void reset() {
        recorder.reset();
        total.reset();
    }
}
