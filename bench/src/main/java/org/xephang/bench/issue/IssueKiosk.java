package org.xephang.bench.issue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.xephang.bench.harness.ApiClient;
import org.xephang.bench.harness.BenchCentre;
import org.xephang.bench.latency.LatencyRecorder;

/** One kiosk: issue, wait for the answer, issue again, until the deadline. Runs on the client's event loop. */
final class IssueKiosk {
    private final ApiClient api;
    private final String token;
    private final BenchCentre centre;
    private final long deadline;
    private final long measureFrom;
    private final LatencyRecorder latency;
    private final AtomicLong measuredOk;
    private final Map<String, AtomicLong> errors;
    private final ConcurrentLinkedQueue<JsonObject> acknowledged;
    private final AtomicLong sequence;
    private final CountDownLatch finished;
    private AtomicLongArray perSecond;
    private long perSecondFrom;

    IssueKiosk(
            ApiClient api,
            String token,
            BenchCentre centre,
            long deadline,
            long measureFrom,
            LatencyRecorder latency,
            AtomicLong measuredOk,
            Map<String, AtomicLong> errors,
            ConcurrentLinkedQueue<JsonObject> acknowledged,
            AtomicLong sequence,
            CountDownLatch finished) {
        this.api = api;
        this.token = token;
        this.centre = centre;
        this.deadline = deadline;
        this.measureFrom = measureFrom;
        this.latency = latency;
        this.measuredOk = measuredOk;
        this.errors = errors;
        this.acknowledged = acknowledged;
        this.sequence = sequence;
        this.finished = finished;
    }

    /** Also counts each answered issue in the second (since {@code from}) it was answered in. */
    IssueKiosk countingPerSecond(AtomicLongArray counts, long from) {
        perSecond = counts;
        perSecondFrom = from;
        return this;
    }

    void next() {
        long sentAt = System.nanoTime();
        if (sentAt >= deadline) {
            finished.countDown();
            return;
        }
        long i = sequence.getAndIncrement();
        String site = centre.siteCode((int) (i % centre.sites()));
        String service = centre.serviceCode((int) ((i / centre.sites()) % centre.services()));
        api.issue(token, site, service, null).onComplete(result -> {
            long now = System.nanoTime();
            boolean measured = sentAt >= measureFrom;
            if (result.succeeded()) {
                acknowledged.add(result.result());
                if (perSecond != null) {
                    int second = (int) ((now - perSecondFrom) / 1_000_000_000L);
                    if (second < perSecond.length()) {
                        perSecond.incrementAndGet(second);
                    }
                }
                if (measured) {
                    latency.recordNanos(now - sentAt);
                    measuredOk.incrementAndGet();
                }
            } else {
                String code = result.cause() instanceof ApiClient.ApiException api
                        ? api.code()
                        : result.cause().getClass().getSimpleName();
                errors.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
            }
            next();
        });
    }
}
