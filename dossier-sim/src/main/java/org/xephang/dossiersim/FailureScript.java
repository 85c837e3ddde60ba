package org.xephang.dossiersim;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.dossiersim.SimulatedFailure.Scope;

/**
 * The failure script: which of the next requests of each {@link Scope} fail, and how. A gate in front of each side's
 * routes plays the script; {@code POST /control/failures} and {@code DELETE /control/failures} write it over HTTP.
 * Thread-safe.
 */
final class FailureScript {

    private static final Logger LOG = LoggerFactory.getLogger(FailureScript.class);

    /** The routing-context key of {@link SimulatedFailure.Kind#SLOW_AFTER_RECORDING}'s delay for the answer. */
    static final String ANSWER_DELAY = "sim.answerDelay";

    private record ScriptedStep(SimulatedFailure failure, AtomicInteger remaining) {}

    private final Vertx vertx;
    private final Map<Scope, Deque<ScriptedStep>> script = new EnumMap<>(Scope.class);

    FailureScript(Vertx vertx) {
        this.vertx = vertx;
        for (Scope scope : Scope.values()) {
            script.put(scope, new ArrayDeque<>());
        }
    }

    /** Puts the gate of {@code scope} in front of every route under {@code path}. */
    void guard(Router router, String path, Scope scope) {
        router.route(path).handler(ctx -> gate(scope, ctx));
    }

    /** The control routes: script a failure, clear the script. */
    void mount(Router router) {
        router.post("/control/failures").handler(this::controlScript);
        router.delete("/control/failures").handler(ctx -> {
            clear();
            ctx.response().setStatusCode(204).end();
        });
    }

    /** The next {@code times} requests of {@code scope} fail this way (after any failures already scripted). */
    void add(Scope scope, SimulatedFailure failure, int times) {
        synchronized (script) {
            script.get(scope).add(new ScriptedStep(failure, new AtomicInteger(times)));
        }
    }

    void clear() {
        synchronized (script) {
            script.values().forEach(Deque::clear);
        }
    }

    int pending(Scope scope) {
        synchronized (script) {
            return script.get(scope).stream()
                    .mapToInt(step -> step.remaining().get())
                    .sum();
        }
    }

    private Optional<SimulatedFailure> next(Scope scope) {
        synchronized (script) {
            Deque<ScriptedStep> steps = script.get(scope);
            ScriptedStep head = steps.peek();
            if (head == null) {
                return Optional.empty();
            }
            if (head.remaining().decrementAndGet() <= 0) {
                steps.poll();
            }
            return Optional.of(head.failure());
        }
    }

    private void gate(Scope scope, RoutingContext ctx) {
        SimulatedFailure failure = next(scope).orElse(null);
        if (failure == null) {
            ctx.next();
            return;
        }
        LOG.debug("simulated dossier system: {} on {}", failure.kind(), ctx.normalizedPath());
        switch (failure.kind()) {
            case SERVER_ERROR -> ctx.response().setStatusCode(500).end("Internal Server Error (simulated)");
            case UNAVAILABLE ->
                ctx.response()
                        .setStatusCode(503)
                        .putHeader(
                                "Retry-After",
                                Long.toString(failure.retryAfter().toSeconds()))
                        .end("Service Unavailable (simulated)");
            case RATE_LIMITED ->
                ctx.response()
                        .setStatusCode(429)
                        .putHeader(
                                "Retry-After",
                                Long.toString(failure.retryAfter().toSeconds()))
                        .end("Too Many Requests (simulated)");
            case MALFORMED_JSON ->
                ctx.response()
                        .setStatusCode(200)
                        .putHeader("Content-Type", "application/json")
                        .end("{\"content\": [ {\"code\": ");
            case SLOW -> later(failure.delay(), ctx);
            case SLOW_AFTER_RECORDING -> {
                if (scope == Scope.WEBHOOK) {
                    ctx.put(ANSWER_DELAY, failure.delay());
                    ctx.next();
                } else {
                    later(failure.delay(), ctx);
                }
            }
            case TIMEOUT -> {
                // never answer: the client's own timeout has to fire
            }
        }
    }

    private void later(Duration delay, RoutingContext ctx) {
        vertx.setTimer(Math.max(1, delay.toMillis()), timer -> ctx.next());
    }

    private void controlScript(RoutingContext ctx) {
        JsonObject body = JsonAnswers.body(ctx);
        try {
            if (body == null) {
                throw new IllegalArgumentException("body must be JSON");
            }
            Scope scope = Scope.valueOf(body.getString("scope", "webhook").toUpperCase(Locale.ROOT));
            int times = body.getInteger("times", 1);
            add(scope, SimulatedFailure.fromJson(body), times);
            ctx.response().setStatusCode(204).end();
        } catch (IllegalArgumentException | ClassCastException e) {
            JsonAnswers.send(
                    ctx,
                    400,
                    new JsonObject()
                            .put("error", "INVALID_REQUEST")
                            .put(
                                    "message",
                                    "scope: lookup|webhook, kind: server-error|unavailable|timeout|rate-limited|slow"
                                            + "|slow-after-recording|malformed-json, times: number"));
        }
    }
}
