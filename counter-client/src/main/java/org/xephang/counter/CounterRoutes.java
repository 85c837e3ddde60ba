package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.WaitingTicket;

/**
 * The counter agent's HTTP face: the officer page and the JSON API it talks to. The page's session token travels in
 * the {@code X-Session} header (or the {@code session} query parameter for the event stream). Relative paths only,
 * so the router works mounted at {@code /counter/} or at the root of a standalone agent.
 */
final class CounterRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(CounterRoutes.class);
    private static final Set<String> ACTIONS = Set.of(
            "call-next",
            "call",
            "recall",
            "start",
            "complete",
            "no-show",
            "transfer",
            "dossier",
            "pause",
            "resume",
            "reprint");

    private final CounterAgent agent;
    private final DeskPageEvents events;
    private final TicketReprinter reprinter;

    CounterRoutes(CounterAgent agent, DeskPageEvents events, TicketReprinter reprinter) {
        this.agent = agent;
        this.events = events;
        this.reprinter = reprinter;
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route("/").handler(CounterRoutes::withTrailingSlash);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.route("/api/*").handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            // The agent's state lives on its own context: carry on there, whichever event loop took the request.
            agent.context().runOnContext(v -> ctx.next());
        });
        router.post("/api/session").handler(this::signIn);
        router.delete("/api/session").handler(ctx -> reply(ctx, agent.signOut(session(ctx))));
        router.get("/api/desk")
                .handler(ctx -> reply(ctx, agent.counterOf(session(ctx)).map(agent::deskView)));
        router.get("/api/events").handler(this::events);
        router.get("/api/waiting").handler(this::waiting);
        router.post("/api/actions/:action").handler(this::act);
        router.post("/api/keypad").handler(this::keypadKey);
        router.route("/api/*").handler(ctx -> ctx.fail(new QueueError(ErrorCode.NOT_FOUND, "Không có đường dẫn này")));
        router.route("/api/*").failureHandler(this::failure);
        router.route("/*")
                .handler(StaticHandler.create("org/xephang/counter/page")
                        .setCachingEnabled(false)
                        .setDefaultContentEncoding("UTF-8"));
        return router;
    }

    private void signIn(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        Integer counter;
        try {
            counter = Integer.valueOf(String.valueOf(body.getValue("counter")).strip());
        } catch (NumberFormatException e) {
            ctx.fail(new QueueError(ErrorCode.INVALID_REQUEST, "Vui lòng chọn quầy"));
            return;
        }
        reply(ctx, agent.signIn(body.getString("username"), body.getString("password"), counter));
    }

    private void events(RoutingContext ctx) {
        agent.counterOf(ctx.queryParams().get("session")).onComplete(found -> {
            if (found.failed()) {
                ctx.fail(found.cause());
            } else {
                events.open(found.result(), ctx.response(), agent.deskView(found.result()));
            }
        });
    }

    /**
     * The tickets waiting for the session's counter: its fields' common lines and the tickets transferred to it, in
     * the server's order (field, then position).
     */
    private void waiting(RoutingContext ctx) {
        reply(ctx, agent.counterOf(session(ctx)).compose(number -> {
            CounterAgent.Desk desk = agent.desk(number).orElseThrow();
            List<String> fields = desk.view == null ? List.of() : desk.view.services();
            return desk.officer
                    .waiting()
                    .map(tickets -> new JsonObject()
                            .put(
                                    "tickets",
                                    new JsonArray(tickets.stream()
                                            .filter(t -> t.counter() != null
                                                    ? t.counter() == number
                                                    : fields.contains(t.service()))
                                            .map(WaitingTicket::toJson)
                                            .toList())));
        }));
    }

    private void act(RoutingContext ctx) {
        String action = ctx.pathParam("action");
        if (!ACTIONS.contains(action)) {
            ctx.fail(new QueueError(ErrorCode.NOT_FOUND, "Không có thao tác " + action));
            return;
        }
        JsonObject body = ctx.body().length() <= 0 ? new JsonObject() : body(ctx); // -1: no body at all
        if (body == null) {
            return;
        }
        if (action.equals("reprint")) {
            reply(
                    ctx,
                    agent.ticketToReprint(session(ctx), body.getString("number"))
                            .compose(ticket -> reprinter.reprint(ticket, agent.site())));
            return;
        }
        reply(ctx, agent.act(session(ctx), action, body));
    }

    /** A key of the counter's USB HID rating keypad, read by the page: {@code {"key": "1"}}. */
    private void keypadKey(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        reply(ctx, agent.keypadKey(session(ctx), body.getString("key")));
    }

    /** {@code /counter} → {@code /counter/}: the page's relative URLs (api/…) need the trailing slash. */
    private static void withTrailingSlash(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.endsWith("/")) {
            ctx.next();
        } else {
            String query = ctx.request().query();
            ctx.redirect(path + "/" + (query == null ? "" : "?" + query));
        }
    }

    private static String session(RoutingContext ctx) {
        return ctx.request().getHeader("X-Session");
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                ctx.fail(new QueueError(ErrorCode.INVALID_JSON, "Thiếu nội dung JSON"));
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            ctx.fail(new QueueError(ErrorCode.INVALID_JSON, "Nội dung không phải JSON hợp lệ"));
            return null;
        }
    }

    private static void reply(RoutingContext ctx, Future<JsonObject> answer) {
        answer.onComplete(done -> {
            if (done.succeeded()) {
                json(ctx, 200, done.result());
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    /** The one place that writes error answers: see {@link PageFailures}. */
    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof QueueError error) {
            json(ctx, error.code().httpStatus(), error.toJson());
        } else if (ctx.statusCode() == 413) {
            json(ctx, 413, new QueueError(ErrorCode.PAYLOAD_TOO_LARGE, "Nội dung quá lớn").toJson());
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            json(ctx, ctx.statusCode(), new QueueError(ErrorCode.INVALID_REQUEST, "Yêu cầu không hợp lệ").toJson());
        } else if (failure == null) {
            LOG.error("{}: page request {} failed with status {}", where(ctx), ctx.normalizedPath(), ctx.statusCode());
            json(ctx, 500, PageFailures.errorFor(null).toJson());
        } else if (PageFailures.isLostConnection(failure)) {
            LOG.warn(
                    "{}: page request {} failed, queue server unreachable: {}",
                    where(ctx),
                    ctx.normalizedPath(),
                    failure.toString());
            json(ctx, 503, PageFailures.errorFor(failure).toJson());
        } else {
            LOG.error("{}: page request {} failed unexpectedly", where(ctx), ctx.normalizedPath(), failure);
            json(ctx, 500, PageFailures.errorFor(failure).toJson());
        }
    }

    /** "counter 3" for the request's page session, for logs. */
    private String where(RoutingContext ctx) {
        String token = session(ctx);
        return agent.logName(token != null ? token : ctx.queryParams().get("session"));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
