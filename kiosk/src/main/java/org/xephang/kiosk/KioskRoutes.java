package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.PageEventStream;
import org.xephang.agent.PageFailures;
import org.xephang.agent.PageRequests;
import org.xephang.api.ErrorCode;
import org.xephang.api.QrCodeSvg;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;

/**
 * The agent's HTTP face: the page (static files) and the small JSON API the page talks to, on the agent kit's page
 * plumbing ({@link PageRequests}, {@link PageFailures}). Relative paths only, so the router works mounted at
 * {@code /kiosk/} or at the root of a standalone agent.
 */
final class KioskRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(KioskRoutes.class);
    private static final int MAX_PIN_FAILURES = 5;

    private final KioskAgent agent;
    private final PageEventStream<String> events;
    private final ScanReader scans;
    private final String kioskId;
    private final PageFailures failures;
    private int pinFailures;
    private Instant pinLockedUntil = Instant.MIN;

    KioskRoutes(KioskAgent agent, PageEventStream<String> events, ScanReader scans) {
        this.agent = agent;
        this.events = events;
        this.scans = scans;
        this.kioskId = agent.kioskId();
        this.failures = new PageFailures(
                KioskAgent.INTERNAL_FAILURE, KioskAgent.INTERNAL_FAILURE_EN, ctx -> "kiosk " + kioskId);
    }

    Router router(Vertx vertx) {
        Router router = PageRequests.pageRouter(vertx, agent);
        router.get("/api/events").handler(ctx -> events.open(kioskId, ctx.response(), "state", agent.state()));
        router.get("/api/state").handler(ctx -> json(ctx, 200, agent.state()));
        router.post("/api/tickets").handler(this::issue);
        router.get("/api/tickets/:id").handler(this::ticket);
        router.post("/api/tickets/:id/reprint").handler(this::reprint);
        router.get("/api/tickets/:id/print").handler(this::printOutcome);
        router.get("/api/tickets/:id/qr.svg").handler(this::qr);
        router.get("/api/dossiers/:code").handler(this::dossier);
        router.post("/api/scans").handler(this::scan);
        router.post("/api/check-in").handler(this::checkIn);
        router.post("/api/settings/unlock").handler(this::unlock);
        return PageRequests.finish(router, failures, "org/xephang/kiosk/page");
    }

    private void issue(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        String service = body.getString("service");
        if (service == null || service.isBlank()) {
            fail(ctx, new QueueError(ErrorCode.INVALID_REQUEST, "Chưa chọn lĩnh vực", "No service chosen"));
            return;
        }
        reply(ctx, 201, agent.issue(service, blankToNull(body.getString("priority")), body.getString("requestId")));
    }

    /** A booking's code typed on the keypad or scanned: 201 with its ticket, 200 when it was checked in before. */
    private void checkIn(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        String code = body.getString("code");
        if (code == null || code.isBlank()) {
            fail(
                    ctx,
                    new QueueError(ErrorCode.INVALID_REQUEST, "Chưa nhập mã lịch hẹn", "No appointment code entered"));
            return;
        }
        agent.checkIn(code.strip()).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
            } else {
                json(ctx, done.result().getBoolean("replayed") ? 200 : 201, done.result());
            }
        });
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
            fail(
                    ctx,
                    new QueueError(
                            ErrorCode.UNKNOWN_TICKET,
                            "Vé này không được in tại ki-ốt này",
                            "This ticket was not printed at this kiosk"));
        } else {
            json(ctx, 200, outcome.toJson());
        }
    }

    private void qr(RoutingContext ctx) {
        agent.ticket(ctx.pathParam("id")).onComplete(found -> {
            if (found.failed()) {
                ctx.fail(found.cause());
            } else if (found.result().statusUrl() == null) {
                fail(
                        ctx,
                        new QueueError(
                                ErrorCode.NOT_FOUND,
                                "Vé chưa có đường dẫn tra cứu",
                                "The ticket has no lookup link yet"));
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
            fail(
                    ctx,
                    new QueueError(
                            ErrorCode.RATE_LIMITED,
                            "Nhập sai mã PIN quá nhiều lần. Vui lòng đợi 1 phút.",
                            "Too many wrong PIN attempts. Please wait 1 minute."));
            return;
        }
        if (!agent.settingsPinMatches(body.getString("pin"))) {
            if (++pinFailures >= MAX_PIN_FAILURES) {
                pinFailures = 0;
                pinLockedUntil = now.plusSeconds(60);
                LOG.warn("kiosk settings: too many wrong PINs, locked for 60 s");
            }
            fail(ctx, new QueueError(ErrorCode.FORBIDDEN, "Mã PIN không đúng", "Wrong PIN"));
            return;
        }
        pinFailures = 0;
        json(ctx, 200, new JsonObject().put("recent", agent.recent()).put("state", agent.state()));
    }

    private static JsonObject body(RoutingContext ctx) {
        return PageRequests.body(ctx);
    }

    private static void reply(RoutingContext ctx, int status, Future<JsonObject> answer) {
        PageRequests.reply(ctx, status, answer);
    }

    private static void fail(RoutingContext ctx, QueueError error) {
        ctx.fail(error);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        PageRequests.json(ctx, status, body);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
