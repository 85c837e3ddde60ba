package org.xephang.dossiersim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xephang.api.webhook.WebhookSignature;
import org.xephang.dossiersim.SimulatedFailure.Scope;

/**
 * The receiving end of forwarded events: {@code POST /webhook} (generic) and {@code POST /o/rest/v2/bookings}
 * (OpenCPS). Checks each request's signature and idempotency key, records it (the newest {@code keepReceived}), and
 * lists the records at {@code GET /control/received}. Thread-safe.
 */
final class WebhookReceiver {

    static final String WEBHOOK_PATH = "/webhook";
    static final String OPENCPS_PATH = "/o/rest/v2/bookings";

    private final Vertx vertx;
    private final DossierSimulator.Options options;
    private final WebhookSignature signature;
    /** The newest {@code keepReceived} deliveries, oldest first; guarded by itself, as is {@link #seenKeys}. */
    private final Deque<ReceivedDelivery> received = new ArrayDeque<>();
    /** The newest {@code keepReceived} idempotency keys, in the order first seen. */
    private final Set<String> seenKeys = new LinkedHashSet<>();

    WebhookReceiver(Vertx vertx, DossierSimulator.Options options) {
        this.vertx = vertx;
        this.options = options;
        this.signature = new WebhookSignature(options.webhookSecret());
    }

    void mount(Router router, FailureScript failures) {
        failures.guard(router, WEBHOOK_PATH, Scope.WEBHOOK);
        failures.guard(router, OPENCPS_PATH, Scope.WEBHOOK);
        router.post(WEBHOOK_PATH).handler(this::receive);
        router.post(OPENCPS_PATH).handler(this::receive);
        router.get("/control/received").handler(ctx -> {
            JsonArray list = new JsonArray();
            received().forEach(d -> list.add(d.summary()));
            JsonAnswers.send(ctx, 200, new JsonObject().put("received", list));
        });
    }

    List<ReceivedDelivery> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void receive(RoutingContext ctx) {
        Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        String key = ctx.request().getHeader(WebhookSignature.IDEMPOTENCY_HEADER);
        boolean valid = signature.verify(
                ctx.request().getHeader(WebhookSignature.SIGNATURE_HEADER),
                ctx.request().getHeader(WebhookSignature.TIMESTAMP_HEADER),
                body.getBytes(),
                options.clock().instant(),
                WebhookSignature.DEFAULT_TOLERANCE);
        Map<String, String> form = new LinkedHashMap<>();
        ctx.request().formAttributes().forEach(form::put);
        boolean duplicate;
        synchronized (received) {
            duplicate = valid && key != null && !remember(key);
            received.addLast(new ReceivedDelivery(
                    ctx.normalizedPath(),
                    key,
                    ctx.request().getHeader(WebhookSignature.EVENT_TYPE_HEADER),
                    body,
                    Map.copyOf(form),
                    valid,
                    duplicate,
                    options.clock().instant()));
            while (received.size() > options.keepReceived()) {
                received.removeFirst();
            }
        }
        int status;
        JsonObject answer;
        if (!valid) {
            status = 401;
            answer = new JsonObject().put("error", "INVALID_SIGNATURE");
        } else if (key == null) {
            status = 400;
            answer = new JsonObject().put("error", "MISSING_IDEMPOTENCY_KEY");
        } else {
            status = 200;
            answer = new JsonObject().put("received", true).put("duplicate", duplicate);
        }
        Duration answerDelay = ctx.get(FailureScript.ANSWER_DELAY);
        if (answerDelay == null) {
            JsonAnswers.send(ctx, status, answer);
            return;
        }
        vertx.setTimer(Math.max(1, answerDelay.toMillis()), timer -> {
            if (!ctx.response().closed() && !ctx.response().ended()) {
                JsonAnswers.send(ctx, status, answer);
            }
        });
    }

    /** Whether {@code key} is new (then remembered, forgetting the oldest beyond the limit). Holds received's lock. */
    private boolean remember(String key) {
        if (!seenKeys.add(key)) {
            return false;
        }
        if (seenKeys.size() > options.keepReceived()) {
            Iterator<String> oldest = seenKeys.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
