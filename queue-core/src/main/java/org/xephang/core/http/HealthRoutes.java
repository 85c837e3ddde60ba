package org.xephang.core.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.QueueService;
import org.xephang.core.clock.ClockWatch;

/**
 * The health routes for supervisors and orchestrators:
 *
 * <ul>
 *   <li>{@code /health}: as before, {@code {"status":"UP","sites":[…]}} while the server answers;
 *   <li>{@code /health/live}: liveness, 200 while the event loop answers (restart the process when it does not);
 *   <li>{@code /health/ready}: readiness, 200 when the writer commits a read of the store within the limit and the
 *       forwarder's backlog and dead letters are within their limits; otherwise 503 naming each failing check. The
 *       clocks (a jump of the system time, a site zone other than the host's) are shown as warnings, never failures.
 * </ul>
 *
 * No personal data: counts and states only.
 */
final class HealthRoutes {

    /** How often the writer is probed in the background for {@code xephang_writer_probe_age_seconds}. */
    static final Duration PROBE_EVERY = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    private final QueueService queue;
    private final MeterRegistry registry;
    private final ClockWatch clocks;
    private final Limits limits;
    /** Monotonic time of the writer's last committed probe. */
    private final AtomicLong lastProbeNanos = new AtomicLong(System.nanoTime());

    HealthRoutes(QueueService queue, MeterRegistry registry, ClockWatch clocks, Limits limits) {
        this.queue = queue;
        this.registry = registry;
        this.clocks = clocks;
        this.limits = limits;
        Gauge.builder("xephang.writer.probe.age", lastProbeNanos, last -> (System.nanoTime() - last.get()) / 1e9)
                .baseUnit("seconds")
                .description("Seconds since the writer last committed a probe (probed every 15 s; above 60 it is"
                        + " stalled)")
                .register(registry);
    }

    /** Probes the writer every {@link #PROBE_EVERY}; returns what stops it. */
    Runnable probeInBackground(Vertx vertx) {
        long timer = vertx.setPeriodic(PROBE_EVERY.toMillis(), id -> probe(vertx));
        return () -> vertx.cancelTimer(timer);
    }

    private Future<Void> probe(Vertx vertx) {
        Future<Void> probe;
        try {
            probe = Future.fromCompletionStage(queue.probe(), vertx.getOrCreateContext());
        } catch (RuntimeException cannotProbe) {
            probe = Future.failedFuture(cannotProbe);
        }
        return probe.timeout(limits.probeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .onSuccess(done -> lastProbeNanos.set(System.nanoTime()))
                .onFailure(failure -> LOG.warn("The writer did not commit its probe: {}", failure.toString()));
    }

    void health(RoutingContext ctx) {
        Replies.json(ctx, 200, new JsonObject().put("status", "UP").put("sites", new JsonArray(queue.siteCodes())));
    }

    void live(RoutingContext ctx) {
        Replies.json(ctx, 200, new JsonObject().put("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        probe(ctx.vertx()).onComplete(probe -> {
            JsonObject checks = new JsonObject();
            List<String> failing = new ArrayList<>();
            if (probe.succeeded()) {
                checks.put("writer", up()).put("store", up());
            } else if (probe.cause() instanceof TimeoutException) {
                failing.add("writer");
                checks.put(
                        "writer",
                        down("Bộ ghi không trả lời trong "
                                + limits.probeTimeout().toMillis() + " ms"));
                checks.put("store", new JsonObject().put("status", "UNKNOWN"));
            } else {
                failing.add("store");
                checks.put("writer", up());
                checks.put("store", down(storeFailure(probe.cause())));
            }
            checks.put("forwarder", forwarder(failing));
            checks.put("clock", clock());
            if (queue.ownsItsSites()) {
                checks.put("sites", up());
            } else {
                failing.add("sites");
                checks.put("sites", down(HttpApi.NOT_OWNER));
            }
            JsonObject body = new JsonObject()
                    .put("status", failing.isEmpty() ? "UP" : "DOWN")
                    .put("checks", checks);
            if (!failing.isEmpty()) {
                body.put("failing", new JsonArray(failing))
                        .put("message", "Máy chủ chưa sẵn sàng: " + String.join(", ", failing));
                ctx.response().putHeader("Retry-After", "5");
            }
            Replies.json(ctx, failing.isEmpty() ? 200 : 503, body);
        });
    }

    private JsonObject forwarder(List<String> failing) {
        Gauge backlog = registry.find("xephang.outbox.backlog").gauge();
        Gauge dead = registry.find("xephang.outbox.dead").gauge();
        if (backlog == null || dead == null) {
            return new JsonObject().put("status", "UP").put("detail", "không chuyển tiếp sự kiện");
        }
        long backlogCount = (long) backlog.value();
        long deadCount = (long) dead.value();
        JsonObject check = new JsonObject().put("backlog", backlogCount).put("dead", deadCount);
        List<String> problems = new ArrayList<>();
        if (backlogCount > limits.maxBacklog()) {
            problems.add(backlogCount + " sự kiện đang chờ chuyển (giới hạn " + limits.maxBacklog() + ")");
        }
        if (deadCount > limits.maxDead()) {
            problems.add(deadCount + " sự kiện chuyển thất bại (giới hạn " + limits.maxDead() + ")");
        }
        if (problems.isEmpty()) {
            return check.put("status", "UP");
        }
        failing.add("forwarder");
        return check.put("status", "DOWN").put("detail", String.join("; ", problems));
    }

    private JsonObject clock() {
        JsonObject check = new JsonObject()
                .put("status", "UP")
                .put("hostZone", clocks.hostZone().getId());
        clocks.lastJump()
                .ifPresent(jump -> check.put("status", "WARN")
                        .put("lastJumpAt", jump.at().toString())
                        .put("lastJumpSeconds", jump.by().toMillis() / 1000.0));
        if (!clocks.mismatchedZones().isEmpty()) {
            JsonObject sites = new JsonObject();
            clocks.mismatchedZones().forEach((site, zone) -> sites.put(site, zone.getId()));
            check.put("status", "WARN").put("sitesInOtherZones", sites);
        }
        return check;
    }

    /**
     * What a public readiness answer says of a failed probe: the server's own (Vietnamese) refusal, else only that the
     * store failed. A driver's text may name hosts, databases, users or SQL, and {@code /health/ready} answers anyone;
     * the writer logs the whole exception.
     */
    static String storeFailure(Throwable cause) {
        Throwable unwrapped = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                ? cause.getCause()
                : cause;
        if (unwrapped instanceof org.xephang.api.QueueError refusal) {
            return "Cơ sở dữ liệu báo lỗi: " + refusal.getMessage();
        }
        return "Cơ sở dữ liệu báo lỗi; chi tiết trong nhật ký của máy chủ.";
    }

    private static JsonObject up() {
        return new JsonObject().put("status", "UP");
    }

    private static JsonObject down(String detail) {
        return new JsonObject().put("status", "DOWN").put("detail", detail);
    }

    /**
     * When the server is not ready.
     *
     * @param probeTimeout how long the writer may take to commit the probe
     * @param maxBacklog forwarder events waiting above which the server is not ready
     * @param maxDead dead letters above which the server is not ready
     */
    record Limits(Duration probeTimeout, long maxBacklog, long maxDead) {

        Limits {
            Objects.requireNonNull(probeTimeout, "probeTimeout");
            if (probeTimeout.isNegative() || probeTimeout.isZero() || maxBacklog < 0 || maxDead < 0) {
                throw new IllegalArgumentException("readiness limits must be positive");
            }
        }

        static Limits defaults() {
            return new Limits(Duration.ofSeconds(2), 10_000, 100);
        }

        /** The defaults, overridden by XEPHANG_READY_MAX_BACKLOG and XEPHANG_READY_MAX_DEAD when set. */
        static Limits from(Map<String, String> environment) {
            Limits defaults = defaults();
            return new Limits(
                    defaults.probeTimeout(),
                    number(environment, "XEPHANG_READY_MAX_BACKLOG", defaults.maxBacklog()),
                    number(environment, "XEPHANG_READY_MAX_DEAD", defaults.maxDead()));
        }

        private static long number(Map<String, String> environment, String name, long fallback) {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got " + value, e);
            }
        }
    }
}
