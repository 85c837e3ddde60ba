package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.xephang.agent.PageEventStream;
import org.xephang.agent.PageFailures;
import org.xephang.agent.PageRequests;
import org.xephang.api.DayBooking;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.WaitingTicket;

/**
 * The counter agent's HTTP face: the officer page and the JSON API it talks to. The page's session token travels in
 * the {@code X-Session} header (or the {@code session} query parameter for the event stream). Relative paths only,
 * so the router works mounted at {@code /counter/} or at the root of a standalone agent.
 */
final class CounterRoutes {

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
    private final PageEventStream<Integer> events;
    private final TicketReprinter reprinter;
    private final PageFailures failures;

    CounterRoutes(CounterAgent agent, PageEventStream<Integer> events, TicketReprinter reprinter) {
        this.agent = agent;
        this.events = events;
        this.reprinter = reprinter;
        this.failures = new PageFailures(CounterAgent.INTERNAL_FAILURE, CounterAgent.INTERNAL_FAILURE_EN, this::where);
    }

    Router router(Vertx vertx) {
        Router router = PageRequests.pageRouter(vertx, agent);
        router.post("/api/session").handler(this::signIn);
        router.delete("/api/session").handler(ctx -> reply(ctx, agent.signOut(session(ctx))));
        router.get("/api/desk")
                .handler(ctx -> reply(ctx, agent.counterOf(session(ctx)).map(agent::deskView)));
        router.get("/api/events").handler(this::events);
        router.get("/api/waiting").handler(this::waiting);
        router.get("/api/appointments").handler(this::appointments);
        router.post("/api/actions/:action").handler(this::act);
        router.post("/api/keypad").handler(this::keypadKey);
        return PageRequests.finish(router, failures, "org/xephang/counter/page");
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
            ctx.fail(new QueueError(ErrorCode.INVALID_REQUEST, "Vui lòng chọn quầy", "Please choose a counter"));
            return;
        }
        reply(ctx, agent.signIn(body.getString("username"), body.getString("password"), counter));
    }

    private void events(RoutingContext ctx) {
        agent.counterOf(ctx.queryParams().get("session")).onComplete(found -> {
            if (found.failed()) {
                ctx.fail(found.cause());
            } else {
                events.open(found.result(), ctx.response(), "desk", agent.deskView(found.result()));
            }
        });
    }

    /**
     * The tickets waiting for the session's counter: its fields' common lines and the tickets transferred to it, in
     * the server's order (field, then position).
     */
    private void waiting(RoutingContext ctx) {
        reply(ctx, agent.counterOf(session(ctx)).compose(number -> {
            Desk desk = agent.desk(number).orElseThrow();
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

    /**
     * The bookings of the session counter's fields still to come today (not checked in, their slot not over), soonest
     * first: the officer sees who is expected later besides who waits now.
     */
    private void appointments(RoutingContext ctx) {
        reply(ctx, agent.counterOf(session(ctx)).compose(number -> {
            Desk desk = agent.desk(number).orElseThrow();
            List<String> fields = desk.view == null ? List.of() : desk.view.services();
            Instant now = agent.now();
            return desk.officer
                    .appointments(agent.siteToday())
                    .map(bookings -> new JsonObject()
                            .put(
                                    "appointments",
                                    new JsonArray(bookings.stream()
                                            .filter(b -> !b.checkedIn()
                                                    && b.end().isAfter(now)
                                                    && fields.contains(b.service()))
                                            .sorted(Comparator.comparing(DayBooking::start))
                                            .map(DayBooking::toJson)
                                            .toList())));
        }));
    }

    private void act(RoutingContext ctx) {
        String action = ctx.pathParam("action");
        if (!ACTIONS.contains(action)) {
            ctx.fail(new QueueError(ErrorCode.NOT_FOUND, "Không có thao tác " + action, "No such action: " + action));
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

    private static String session(RoutingContext ctx) {
        return ctx.request().getHeader("X-Session");
    }

    private static JsonObject body(RoutingContext ctx) {
        return PageRequests.body(ctx);
    }

    private static void reply(RoutingContext ctx, Future<JsonObject> answer) {
        PageRequests.reply(ctx, 200, answer);
    }

    /** "counter 3" for the request's page session, for logs. */
    private String where(RoutingContext ctx) {
        String token = session(ctx);
        return agent.logName(token != null ? token : ctx.queryParams().get("session"));
    }
}
