package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;

/**
 * The agent's HTTP face: the page (static files) and the small JSON API the page talks to. Relative paths only, so
 * the router works mounted at {@code /kiosk/} or at the root of a standalone agent.
 */
final class KioskRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(KioskRoutes.class);
    private static final int MAX_PIN_FAILURES = 5;

    private final KioskAgent agent;
    private final PageEvents events;
    private final ScanReader scans;
    private final String kioskId;
    private int pinFailures;
    private Instant pinLockedUntil = Instant.MIN;

    KioskRoutes(KioskAgent agent, PageEvents events, ScanReader scans) {
        this.agent = agent;
        this.events = events;
        this.scans = scans;
        this.kioskId = agent.kioskId();
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route("/").handler(KioskRoutes::withTrailingSlash);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.route("/api/*").handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            // The agent's state lives on its own context: carry on there, whichever event loop took the request.
            agent.context().runOnContext(v -> ctx.next());
        });
        router.get("/api/events").handler(events::open);
        router.get("/api/state").handler(ctx -> json(ctx, 200, agent.state()));
        router.post("/api/tickets").handler(this::issue);
        router.get("/api/tickets/:id").handler(this::ticket);
        router.post("/api/tickets/:id/reprint").handler(this::reprint);
        router.get("/api/tickets/:id/print").handler(this::printOutcome);
        router.get("/api/tickets/:id/qr.svg").handler(this::qr);
        router.get("/api/dossiers/:code").handler(this::dossier);
        router.post("/api/scans").handler(this::scan);
        router.post("/api/settings/unlock").handler(this::unlock);
        router.route("/api/*").handler(ctx -> fail(ctx, new QueueError(ErrorCode.NOT_FOUND, "Không có đường dẫn này")));
        router.route("/api/*").failureHandler(this::failure);
        router.route("/*")
                .handler(StaticHandler.create("org/xephang/kiosk/page")
                        .setCachingEnabled(false)
                        .setDefaultContentEncoding("UTF-8"));
        return router;
    }

    private void issue(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        String service = body.getString("service");
        if (service == null || service.isBlank()) {
            fail(ctx, new QueueError(ErrorCode.INVALID_REQUEST, "Chưa chọn lĩnh vực"));
            return;
        }
        reply(ctx, 201, agent.issue(service, blankToNull(body.getString("priority")), body.getString("requestId")));
    }

    private void ticket(RoutingContext ctx) {
        reply(ctx, 200, agent.freshTicket(ctx.pathParam("id")).map(Ticket::toJson));
    }

    private void reprint(RoutingContext ctx) {
        reply(ctx, 200, agent.reprint(ctx.pathParam("id")).map(PrintOutcome::toJson));
    }

    private void printOutcome(RoutingContext ctx) {
        PrintOutcome outcome = agent.printOutcome(ctx.pathParam("id"));
        if (outcome == null) {
            fail(ctx, new QueueError(ErrorCode.UNKNOWN_TICKET, "Vé này không được in tại ki-ốt này"));
        } else {
            json(ctx, 200, outcome.toJson());
        }
    }

    private void qr(RoutingContext ctx) {
        agent.ticket(ctx.pathParam("id")).onComplete(found -> {
            if (found.failed()) {
                ctx.fail(found.cause());
            } else if (found.result().statusUrl() == null) {
                fail(ctx, new QueueError(ErrorCode.NOT_FOUND, "Vé chưa có đường dẫn tra cứu"));
            } else {
                ctx.response()
                        .putHeader("Content-Type", "image/svg+xml")
                        .putHeader("Cache-Control", "max-age=86400")
                        .end(QrCodeSvg.of(found.result().statusUrl()));
            }
        });
    }

    private void dossier(RoutingContext ctx) {
        reply(ctx, 200, agent.dossier(ctx.pathParam("code")));
    }

    private void scan(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        json(ctx, 200, scans.read(body.getString("payload", "")));
    }

    private void unlock(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        Instant now = Instant.now();
        if (now.isBefore(pinLockedUntil)) {
            fail(ctx, new QueueError(ErrorCode.RATE_LIMITED, "Nhập sai mã PIN quá nhiều lần. Vui lòng đợi 1 phút."));
            return;
        }
        if (!agent.settingsPinMatches(body.getString("pin"))) {
            if (++pinFailures >= MAX_PIN_FAILURES) {
                pinFailures = 0;
                pinLockedUntil = now.plusSeconds(60);
                LOG.warn("kiosk settings: too many wrong PINs, locked for 60 s");
            }
            fail(ctx, new QueueError(ErrorCode.FORBIDDEN, "Mã PIN không đúng"));
            return;
        }
        pinFailures = 0;
        json(ctx, 200, new JsonObject().put("recent", agent.recent()).put("state", agent.state()));
    }

    /** {@code /kiosk} → {@code /kiosk/}: the page's relative URLs (api/…) need the trailing slash. */
    private static void withTrailingSlash(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.endsWith("/")) {
            ctx.next();
        } else {
            String query = ctx.request().query();
            ctx.redirect(path + "/" + (query == null ? "" : "?" + query));
        }
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                fail(ctx, new QueueError(ErrorCode.INVALID_JSON, "Thiếu nội dung JSON"));
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            fail(ctx, new QueueError(ErrorCode.INVALID_JSON, "Nội dung không phải JSON hợp lệ"));
            return null;
        }
    }

    private static void reply(RoutingContext ctx, int status, Future<JsonObject> answer) {
        answer.onComplete(done -> {
            if (done.succeeded()) {
                json(ctx, status, done.result());
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    private static void fail(RoutingContext ctx, QueueError error) {
        ctx.fail(error);
    }

    /** The one place that writes error answers: see {@link PageFailures}. */
    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof QueueError error) {
            json(ctx, error.code().httpStatus(), error.toJson());
        } else if (ctx.statusCode() == 413) {
            json(ctx, 413, new QueueError(ErrorCode.PAYLOAD_TOO_LARGE, "Nội dung quá lớn").toJson());
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            json(
                    ctx,
                    ctx.statusCode(),
                    new JsonObject().put("error", "INVALID_REQUEST").put("message", "Yêu cầu không hợp lệ"));
        } else if (failure == null) {
            LOG.error(
                    "kiosk {}: page request {} failed with status {}", kioskId, ctx.normalizedPath(), ctx.statusCode());
            json(ctx, 500, PageFailures.errorFor(null).toJson());
        } else if (PageFailures.isLostConnection(failure)) {
            LOG.warn(
                    "kiosk {}: page request {} failed, queue server unreachable: {}",
                    kioskId,
                    ctx.normalizedPath(),
                    failure.toString());
            json(ctx, 503, PageFailures.errorFor(failure).toJson());
        } else {
            LOG.error("kiosk {}: page request {} failed unexpectedly", kioskId, ctx.normalizedPath(), failure);
            json(ctx, 500, PageFailures.errorFor(failure).toJson());
        }
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

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
