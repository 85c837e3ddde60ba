package org.xephang.dossiersim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xephang.api.webhook.WebhookSignature;

/**
 * A simulated SMS brandname gateway ({@code POST /sms/send}, key {@value #API_KEY} in {@code X-Api-Key}) and Zalo ZNS
 * endpoint ({@code POST /zns/template}, token {@value #ACCESS_TOKEN} in {@code access_token}, templates 231456 and
 * 231457) for the notification tests and the demo ({@code docs/notifications.md}): checks the key or token and the
 * template, records every message, marks repeats of an idempotency key, and plays a script of failures (429 with
 * {@code Retry-After}, 500, no answer at all). It also plays the gateway's other direction: {@link #deliverInbound}
 * posts an SMS a citizen sent to the server's inbound webhook, signed as the gateway would. Thread-safe.
 */
public final class MessagingSimulator {

    public static final String SMS_PATH = "/sms/send";
    public static final String ZNS_PATH = "/zns/template";
    public static final String API_KEY = "sim-sms-key";
    public static final String ACCESS_TOKEN = "sim-zalo-token";
    public static final Set<String> TEMPLATES = Set.of("231456", "231457");

    /** One request the simulator took. */
    public record Received(
            String provider, String key, String phone, String textOrTemplate, JsonObject body, boolean repeat) {}

    /** What the next scripted requests get instead of a normal answer. */
    public enum Failure {
        RATE_LIMITED,
        SERVER_ERROR,
        NO_ANSWER
    }

    private final Deque<Failure> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final Set<String> seenKeys = new HashSet<>();
    private HttpServer server;
    private HttpClient client;
    private int retryAfterSeconds = 1;
    private int attempts;

    public static Future<MessagingSimulator> start(Vertx vertx) {
        MessagingSimulator simulator = new MessagingSimulator();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.post(SMS_PATH).handler(simulator::sms);
        router.post(ZNS_PATH).handler(simulator::zns);
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .map(server -> {
                    simulator.server = server;
                    simulator.client = vertx.createHttpClient();
                    return simulator;
                });
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public Future<Void> close() {
        return client.close().eventually(() -> server.close());
    }

    /** What the server answered an inbound SMS: its status and body. */
    public record InboundAnswer(int status, String body) {}

    /**
     * Posts one SMS a citizen sent ({@code from}, {@code text}) to the server's inbound webhook {@code url}, as the
     * gateway does: {@code {"id", "from", "text"}}, signed with {@code secret} at {@code timestampSeconds} ({@code
     * X-Xephang-Timestamp}, {@code X-Xephang-Signature}, docs/notifications.md).
     */
    public Future<InboundAnswer> deliverInbound(
            String url, String secret, long timestampSeconds, String id, String from, String text) {
        JsonObject message = new JsonObject().put("from", from).put("text", text);
        if (id != null) {
            message.put("id", id);
        }
        byte[] body = message.encode().getBytes(StandardCharsets.UTF_8);
        return deliverSigned(url, body, timestampSeconds, new WebhookSignature(secret).sign(timestampSeconds, body));
    }

    /** Posts {@code body} with the given signature as it is: to replay a message, or to send a forged one. */
    public Future<InboundAnswer> deliverSigned(String url, byte[] body, long timestampSeconds, String signature) {
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url))
                .compose(request -> request.putHeader("Content-Type", "application/json")
                        .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestampSeconds))
                        .putHeader(WebhookSignature.SIGNATURE_HEADER, signature)
                        .send(Buffer.buffer(body))
                        .compose(response -> response.body()
                                .map(answer -> new InboundAnswer(response.statusCode(), answer.toString()))));
    }

    /** The next {@code times} requests fail this way (after those already scripted). */
    public synchronized void fail(Failure failure, int times) {
        for (int i = 0; i < times; i++) {
            script.add(failure);
        }
    }

    public synchronized void retryAfterSeconds(int seconds) {
        retryAfterSeconds = seconds;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The first copy of every message: what the citizens' phones show. */
    public synchronized List<Received> delivered() {
        return received.stream().filter(r -> !r.repeat()).toList();
    }

    /** The provider recovers: the rest of the script is dropped. */
    public synchronized void clearScript() {
        script.clear();
    }

    /** Every request that reached the simulator, failed or not. */
    public synchronized int attempts() {
        return attempts;
    }

    private synchronized Failure nextFailure() {
        attempts++;
        return script.poll();
    }

    /** True when a scripted failure answered (or swallowed) the request. */
    private boolean playScript(RoutingContext ctx) {
        Failure failure = nextFailure();
        if (failure == null) {
            return false;
        }
        switch (failure) {
            case RATE_LIMITED ->
                ctx.response()
                        .setStatusCode(429)
                        .putHeader("Retry-After", Integer.toString(retryAfterSecondsNow()))
                        .end("Too Many Requests (simulated)");
            case SERVER_ERROR -> ctx.response().setStatusCode(500).end("Internal Server Error (simulated)");
            case NO_ANSWER -> {
                // never answer: the sender's own timeout has to fire
            }
        }
        return true;
    }

    private synchronized int retryAfterSecondsNow() {
        return retryAfterSeconds;
    }

    private void sms(RoutingContext ctx) {
        if (playScript(ctx)) {
            return;
        }
        if (!API_KEY.equals(ctx.request().getHeader("X-Api-Key"))) {
            answer(ctx, 401, new JsonObject().put("code", "401").put("message", "invalid api key"));
            return;
        }
        JsonObject body = json(ctx);
        if (body == null || body.getString("to") == null || body.getString("message") == null) {
            answer(ctx, 400, new JsonObject().put("code", "400").put("message", "to and message are required"));
            return;
        }
        boolean repeat =
                record("sms", body.getString("requestId"), body.getString("to"), body.getString("message"), body);
        answer(ctx, 200, new JsonObject().put("code", "00").put("duplicate", repeat));
    }

    private void zns(RoutingContext ctx) {
        if (playScript(ctx)) {
            return;
        }
        if (!ACCESS_TOKEN.equals(ctx.request().getHeader("access_token"))) {
            answer(ctx, 200, new JsonObject().put("error", -124).put("message", "Access token is invalid"));
            return;
        }
        JsonObject body = json(ctx);
        if (body == null || !TEMPLATES.contains(body.getString("template_id"))) {
            answer(ctx, 200, new JsonObject().put("error", -1124).put("message", "Template id is invalid"));
            return;
        }
        boolean repeat = record(
                "zalo", body.getString("tracking_id"), body.getString("phone"), body.getString("template_id"), body);
        answer(
                ctx,
                200,
                new JsonObject()
                        .put("error", 0)
                        .put("message", "Success")
                        .put(
                                "data",
                                new JsonObject()
                                        .put("msg_id", "sim-" + received().size())));
    }

    private synchronized boolean record(String provider, String key, String phone, String content, JsonObject body) {
        boolean repeat = key != null && !seenKeys.add(key);
        received.add(new Received(provider, key, phone, content, body, repeat));
        return repeat;
    }

    private static JsonObject json(RoutingContext ctx) {
        try {
            return ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }

    private static void answer(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }
}
