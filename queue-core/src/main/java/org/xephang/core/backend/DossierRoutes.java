package org.xephang.core.backend;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.function.Supplier;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.backend.forward.OutboxForwarder;
import org.xephang.core.backend.lookup.DossierLookup;
import org.xephang.core.persistence.Outbox.DeliveryState;
import org.xephang.core.persistence.Outbox.Entry;

/**
 * The dossier routes of API v1: {@code GET /api/v1/dossiers/{code}} (public, rate-limited per client address), {@code
 * GET /api/v1/sites/{site}/outbox?state=dead|pending|delivered&limit=N} and {@code POST
 * /api/v1/sites/{site}/outbox/{eventId}/retry} (SUPERVISOR, ADMIN). Errors go to the API's failure handler as {@link
 * QueueError}s; a rate-limited answer carries {@code Retry-After}.
 */
public final class DossierRoutes {

    static final String PREFIX = "/api/v1";
    /** The key H2's metrics read the route template from (ApiMetrics.ROUTE_KEY). */
    private static final String ROUTE_KEY = "xephang.route";

    private static final Role[] SUPERVISORS = {Role.SUPERVISOR, Role.ADMIN};
    private static final int DEFAULT_LIMIT = 100;

    private final DossierLookup lookup;
    private final Supplier<OutboxForwarder> forwarder;
    private final Supplier<QueueService> queue;

    /**
     * @param forwarder the running forwarder, or a supplier of null while there is none (the outbox routes then answer
     *     503)
     * @param queue the queue, to refuse unknown sites; may supply null
     */
    public DossierRoutes(DossierLookup lookup, Supplier<OutboxForwarder> forwarder, Supplier<QueueService> queue) {
        this.lookup = lookup;
        this.forwarder = forwarder;
        this.queue = queue;
    }

    /** Adds the routes to the API router, guarding the supervisor ones with {@code auth}. */
    public void mount(Router router, Authenticator auth) {
        tagged(router.route(HttpMethod.GET, PREFIX + "/dossiers/:code"), PREFIX + "/dossiers/:code")
                .handler(this::lookup);
        tagged(router.route(HttpMethod.GET, PREFIX + "/sites/:site/outbox"), PREFIX + "/sites/:site/outbox")
                .handler(auth.require(SUPERVISORS))
                .handler(this::listOutbox);
        tagged(
                        router.route(HttpMethod.POST, PREFIX + "/sites/:site/outbox/:eventId/retry"),
                        PREFIX + "/sites/:site/outbox/:eventId/retry")
                .handler(auth.require(SUPERVISORS))
                .handler(this::retry);
    }

    private static Route tagged(Route route, String template) {
        return route.setName(template).handler(ctx -> {
            ctx.put(ROUTE_KEY, template);
            ctx.next();
        });
    }

    private void lookup(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        lookup.lookup(ctx.pathParam("code"), client)
                .onSuccess(answer -> json(ctx, 200, answer))
                .onFailure(failure -> {
                    if (failure instanceof QueueError error && error.code() == ErrorCode.RATE_LIMITED) {
                        Object seconds = error.toJson().getValue("retryAfterSeconds");
                        if (seconds != null) {
                            ctx.response().putHeader("Retry-After", seconds.toString());
                        }
                    }
                    ctx.fail(failure);
                });
    }

    private void listOutbox(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        OutboxForwarder running = runningForwarder(ctx, site);
        if (running == null) {
            return;
        }
        String stateText = ctx.queryParams().get("state") == null
                ? "dead"
                : ctx.queryParams().get("state");
        DeliveryState state;
        try {
            state = DeliveryState.valueOf(stateText.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Tham số state phải là dead, pending hoặc delivered.",
                    "The parameter state must be dead, pending or delivered."));
            return;
        }
        int limit = DEFAULT_LIMIT;
        String limitText = ctx.queryParams().get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException notANumber) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                ctx.fail(new QueueError(
                        ErrorCode.INVALID_REQUEST,
                        "Tham số limit phải là số từ 1 đến 1000.",
                        "The parameter limit must be a number from 1 to 1000."));
                return;
            }
        }
        running.list(site, state, limit)
                .onSuccess(entries -> {
                    JsonArray events = new JsonArray();
                    entries.forEach(entry -> events.add(describe(entry)));
                    json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("site", site)
                                    .put("state", state.name().toLowerCase(Locale.ROOT))
                                    .put("events", events));
                })
                .onFailure(ctx::fail);
    }

    private void retry(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        OutboxForwarder running = runningForwarder(ctx, site);
        if (running == null) {
            return;
        }
        String eventId = ctx.pathParam("eventId");
        running.retry(site, eventId)
                .onSuccess(v ->
                        json(ctx, 200, new JsonObject().put("eventId", eventId).put("state", "pending")))
                .onFailure(ctx::fail);
    }

    private OutboxForwarder runningForwarder(RoutingContext ctx, String site) {
        QueueService service = queue.get();
        if (service != null && !service.siteCodes().contains(site)) {
            ctx.fail(new QueueError(
                    ErrorCode.UNKNOWN_SITE, "Không có điểm phục vụ \"" + site + "\".", "No site \"" + site + "\"."));
            return null;
        }
        OutboxForwarder running = forwarder.get();
        if (running == null) {
            ctx.fail(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Chưa bật chuyển sự kiện sang hệ thống hồ sơ.",
                    "Forwarding events to the dossier system is not enabled."));
        }
        return running;
    }

    /** One outbox event for the supervisor page: what, when, how it failed; no personal data is in events. */
    static JsonObject describe(Entry entry) {
        JsonObject ticket = entry.payload().getJsonObject("ticket");
        return new JsonObject()
                .put("eventId", entry.eventId())
                .put("seq", entry.seq())
                .put("type", entry.type())
                .put("at", entry.at().toString())
                .put("state", entry.state().name().toLowerCase(Locale.ROOT))
                .put("attempts", entry.attempts())
                .put("nextAttemptAt", entry.nextAttemptAt().toString())
                .put("lastError", entry.lastError())
                .put("ticketNumber", ticket == null ? null : ticket.getString("number"))
                .put("counter", entry.payload().getValue("counter"));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.toBuffer());
    }
}
