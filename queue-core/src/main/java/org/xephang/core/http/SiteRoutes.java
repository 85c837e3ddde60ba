package org.xephang.core.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.xephang.api.DeviceHealth;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.WaitingTicket;
import org.xephang.core.Actor;
import org.xephang.core.DeviceStatusReport;
import org.xephang.core.QueueService;
import org.xephang.core.auth.AccountDirectory;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.site.Account;

/** A site's public description and queue snapshot, and device status reports from the agents. */
final class SiteRoutes {

    static final List<String> DEVICE_STATES = DeviceHealth.STATES;

    private final QueueService queue;
    private final Clock clock;
    private final Authenticator auth;
    private final DeviceClaims claims;

    SiteRoutes(QueueService queue, Clock clock, Authenticator auth, DeviceClaims claims) {
        this.queue = queue;
        this.clock = clock;
        this.auth = auth;
        this.claims = claims;
    }

    /** Public description of the site for kiosks and boards (services, counters, hours, notice). */
    void siteInfo(RoutingContext ctx) {
        Replies.json(ctx, 200, queue.site(PathParams.site(ctx)).toJson());
    }

    /** Whether tickets are issued now, and the services at their daily cap: kiosks show it before anyone taps. */
    void issuing(RoutingContext ctx) {
        Replies.json(ctx, 200, queue.issuing(PathParams.site(ctx)).toJson());
    }

    /**
     * The queue now: staff see officers (with the name managers' pages show them by), pause starts and dossier codes;
     * anyone else the public view of a waiting-hall screen.
     */
    void snapshot(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        QueueSnapshot snapshot = queue.snapshot(site);
        Replies.json(
                ctx,
                200,
                Authenticator.seesFullView(ctx, site) ? staffJson(snapshot, auth.accounts()) : snapshot.toPublicJson());
    }

    /**
     * The staff view of a snapshot: each counter's officer also as {@code officerName}, the account's display name (else
     * the username), read from the accounts in force so a renamed officer shows at once.
     */
    static JsonObject staffJson(QueueSnapshot snapshot, AccountDirectory accounts) {
        JsonObject json = snapshot.toJson();
        for (Object counter : json.getJsonArray("counters")) {
            JsonObject view = (JsonObject) counter;
            String officer = view.getString("officer");
            if (officer != null) {
                view.put(
                        "officerName",
                        accounts.find(officer).map(Account::shownName).orElse(officer));
            }
        }
        return json;
    }

    /**
     * {@code GET /sites/{site}/waiting[?service=A]} (staff): the waiting tickets, numbers and positions only, with the
     * time they were issued so pages show the wait so far.
     */
    void waiting(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        String service = ctx.queryParams().get("service");
        List<WaitingTicket> tickets =
                queue.waiting(site, service == null || service.isBlank() ? null : service.strip());
        Replies.json(
                ctx,
                200,
                new JsonObject()
                        .put("site", site)
                        .put("at", clock.instant().toString())
                        .put(
                                "tickets",
                                new JsonArray(tickets.stream()
                                        .map(WaitingTicket::toJson)
                                        .toList())));
    }

    /**
     * {@code GET /sites/{site}/stats?from=YYYY-MM-DD&to=YYYY-MM-DD}: both days inclusive, in the site's time zone; each
     * defaults to the site's today.
     */
    void statistics(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        LocalDate today =
                LocalDate.ofInstant(clock.instant(), ZoneId.of(queue.site(site).timeZone()));
        LocalDate from = day(ctx, "from", today);
        LocalDate to = day(ctx, "to", today);
        EngineCalls.call(ctx, () -> queue.statistics(site, from, to))
                .onSuccess(stats -> Replies.json(ctx, 200, stats.toJson()))
                .onFailure(ctx::fail);
    }

    static LocalDate day(RoutingContext ctx, String parameter, LocalDate fallback) {
        String text = ctx.queryParams().get(parameter);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw RequestBody.invalid(
                    parameter,
                    "phải là ngày dạng YYYY-MM-DD, ví dụ 2026-12-06",
                    "must be a day in the form YYYY-MM-DD, for example 2026-12-06");
        }
    }

    /** 204 once the report is recorded as a {@code device.status} event. */
    void deviceStatus(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        RequestBody body = RequestBody.of(ctx);
        String state = body.requiredText("state");
        if (!DEVICE_STATES.contains(state)) {
            throw RequestBody.invalid(
                    "state",
                    "phải là một trong " + String.join(", ", DEVICE_STATES),
                    "must be one of " + String.join(", ", DEVICE_STATES));
        }
        DeviceStatusReport report = new DeviceStatusReport(
                body.requiredText("device"),
                body.requiredText("kind"),
                state,
                body.optionalMachineText("detail"),
                since(body.optionalText("since")));
        Actor actor = Authenticator.actor(ctx);
        claims.requireOwn(site, actor, List.of(report.device()));
        EngineCalls.call(ctx, () -> queue.reportDeviceStatus(site, report, actor))
                .onSuccess(done -> Replies.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private Instant since(String text) {
        if (text == null) {
            return clock.instant();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            throw RequestBody.invalid(
                    "since",
                    "phải là thời điểm ISO-8601 UTC, ví dụ 2026-03-02T01:30:00Z",
                    "must be an ISO-8601 UTC instant, for example 2026-03-02T01:30:00Z");
        }
    }
}
