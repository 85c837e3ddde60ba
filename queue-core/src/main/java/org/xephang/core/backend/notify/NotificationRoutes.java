package org.xephang.core.backend.notify;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.backend.lookup.ClientRateLimiter;
import org.xephang.core.notify.NotificationOffer;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.persistence.NotificationOutbox;
import org.xephang.core.persistence.NotificationStore.Message;

/**
 * The notification routes of API v1 ({@code docs/notifications.md}):
 *
 * <ul>
 *   <li>{@code POST /api/v1/tickets/{id}/notify} {@code {"phone": "0912345678", "consent": true}}: public (whoever
 *       holds the ticket id from its QR code), rate-limited per client address; 201 with the masked number.
 *   <li>{@code GET /api/v1/tickets/{id}/notify}: public; whether the ticket's site sends messages (and by which
 *       provider), whether the ticket still waits, and the number already left, masked. The phone page's form.
 *   <li>{@code GET /api/v1/sites/{site}/notifications?state=dead|pending|sent}: SUPERVISOR, ADMIN; the messages
 *       without their numbers.
 * </ul>
 *
 * The number is never logged and never answered back except masked.
 */
public final class NotificationRoutes {

    static final String PREFIX = "/api/v1";
    private static final String ROUTE_KEY = "xephang.route";
    private static final Role[] SUPERVISORS = {Role.SUPERVISOR, Role.ADMIN};
    private static final Set<String> STATES = Set.of("dead", "pending", "sent");
    private static final int LISTED = 200;
    /** Subscriptions per client address and minute, in bursts of up to 4 (a family, not a script). */
    static final int SUBSCRIPTIONS_PER_MINUTE = 12;

    /** Keeps a number for a ticket: the engine's {@code subscribeNotifications}. */
    @FunctionalInterface
    public interface Subscribe {
        CompletionStage<Void> subscribe(String ticketId, PhoneNumber phone);
    }

    /** What the phone page may offer for a ticket: the engine's {@code notificationOffer}. */
    @FunctionalInterface
    public interface Offer {
        CompletionStage<NotificationOffer> offer(String ticketId);
    }

    private final Subscribe subscribe;
    private final Offer offer;
    private final java.util.function.Function<String, NotificationOutbox> outbox;
    private final Supplier<WorkerExecutor> worker;
    private final ClientRateLimiter perClient;
    private Authenticator auth;

    public NotificationRoutes(
            Subscribe subscribe,
            Offer offer,
            java.util.function.Function<String, NotificationOutbox> outbox,
            Supplier<WorkerExecutor> worker,
            Clock clock) {
        this.subscribe = subscribe;
        this.offer = offer;
        this.outbox = outbox;
        this.worker = worker;
        this.perClient = new ClientRateLimiter(clock, SUBSCRIPTIONS_PER_MINUTE);
    }

    public void mount(Router router, Authenticator auth) {
        this.auth = auth;
        tagged(router.route(HttpMethod.POST, PREFIX + "/tickets/:id/notify"), PREFIX + "/tickets/:id/notify")
                .handler(this::subscribe);
        tagged(router.route(HttpMethod.GET, PREFIX + "/tickets/:id/notify"), PREFIX + "/tickets/:id/notify")
                .handler(this::offer);
        tagged(
                        router.route(HttpMethod.GET, PREFIX + "/sites/:site/notifications"),
                        PREFIX + "/sites/:site/notifications")
                .handler(auth.require(SUPERVISORS))
                .handler(this::list);
    }

    private static Route tagged(Route route, String template) {
        return route.setName(template).handler(ctx -> {
            ctx.put(ROUTE_KEY, template);
            ctx.next();
        });
    }

    private void subscribe(RoutingContext ctx) {
        String client = auth.clientAddress(ctx);
        Duration wait = perClient.acquire(client);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            ctx.fail(new QueueError(
                    ErrorCode.RATE_LIMITED,
                    "Quá nhiều yêu cầu đăng ký số điện thoại. Vui lòng thử lại sau ít phút.",
                    "Too many phone number registrations. Please try again in a few minutes."));
            return;
        }
        JsonObject body;
        try {
            body = ctx.body() == null || ctx.body().buffer() == null
                    ? null
                    : ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            body = null;
        }
        if (body == null) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_JSON,
                    "Nội dung yêu cầu phải là JSON {\"phone\", \"consent\"}.",
                    "The request body must be JSON {\"phone\", \"consent\"}."));
            return;
        }
        if (!Boolean.TRUE.equals(body.getValue("consent"))) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Cần đồng ý nhận tin nhắn báo lượt (consent: true) trước khi để lại số điện thoại.",
                    "Consent to turn messages (consent: true) is needed before leaving a phone number."));
            return;
        }
        PhoneNumber phone;
        try {
            phone = PhoneNumber.require(body.getValue("phone") instanceof String text ? text : null);
        } catch (QueueError invalid) {
            ctx.fail(invalid);
            return;
        }
        Future.fromCompletionStage(
                        subscribe.subscribe(ctx.pathParam("id"), phone),
                        ctx.vertx().getOrCreateContext())
                .onSuccess(v -> json(
                        ctx,
                        201,
                        new JsonObject().put("ticket", ctx.pathParam("id")).put("phone", phone.masked())))
                .onFailure(ctx::fail);
    }

    /** {@code GET /tickets/{id}/notify}: whether the phone page offers the form, and the number kept, masked. */
    private void offer(RoutingContext ctx) {
        Future.fromCompletionStage(offer.offer(ctx.pathParam("id")), ctx.vertx().getOrCreateContext())
                .onSuccess(answer -> json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("ticket", ctx.pathParam("id"))
                                .put("provider", answer.provider())
                                .put("available", answer.available())
                                .put("phone", answer.maskedPhone())))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        String state = ctx.queryParams().get("state") == null
                ? "dead"
                : ctx.queryParams().get("state");
        if (!STATES.contains(state)) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Tham số state phải là dead, pending hoặc sent.",
                    "The parameter state must be dead, pending or sent."));
            return;
        }
        String site = ctx.pathParam("site");
        NotificationOutbox running;
        try {
            running = outbox.apply(site);
        } catch (QueueError notHere) {
            ctx.fail(notHere);
            return;
        }
        WorkerExecutor executor = worker.get();
        if (running == null || executor == null) {
            ctx.fail(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Máy chủ đang khởi động. Vui lòng thử lại sau.",
                    "The server is starting. Please try again later."));
            return;
        }
        executor.executeBlocking(() -> running.list(site, state, LISTED), false)
                .onSuccess(messages -> {
                    JsonArray list = new JsonArray();
                    for (Message m : messages) {
                        list.add(new JsonObject()
                                .put("id", m.id())
                                .put("ticket", m.ticketId())
                                .put("kind", m.kind())
                                .put("provider", m.provider())
                                .put("state", m.state())
                                .put("attempts", m.attempts())
                                .put("dueAt", m.dueAt().toString())
                                .put("lastError", m.lastError()));
                    }
                    json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("site", site)
                                    .put("state", state)
                                    .put("notifications", list));
                })
                .onFailure(ctx::fail);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
