package org.xephang.core.backend.portal;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.api.SiteInfo;
import org.xephang.core.AppointmentService;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;

/**
 * {@code POST /api/v1/sites/{site}/appointments/import?date=YYYY-MM-DD} (SUPERVISOR, ADMIN of the site): imports the
 * day's bookings from the province's portal ({@link PortalImporter}; default today in the site's time zone) and
 * answers the report: how many were fetched, new, already imported, and each refused one with its reason.
 */
public final class PortalRoutes {

    static final String PATH = "/api/v1/sites/:site/appointments/import";
    private static final String ROUTE_KEY = "xephang.route";
    private static final Role[] SUPERVISORS = {Role.SUPERVISOR, Role.ADMIN};

    private final PortalImporter importer;
    private final Supplier<QueueService> queue;
    private final Clock clock;

    public PortalRoutes(PortalImporter importer, Supplier<QueueService> queue, Clock clock) {
        this.importer = importer;
        this.queue = queue;
        this.clock = clock;
    }

    public void mount(Router router, Authenticator auth) {
        router.route(HttpMethod.POST, PATH)
                .setName(PATH)
                .handler(ctx -> {
                    ctx.put(ROUTE_KEY, PATH);
                    ctx.next();
                })
                .handler(auth.require(SUPERVISORS))
                .handler(this::importDay);
    }

    private void importDay(RoutingContext ctx) {
        QueueService running = queue.get();
        AppointmentService appointments = running == null ? null : running.appointments();
        if (appointments == null) {
            ctx.fail(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Máy chủ đang khởi động. Vui lòng thử lại sau.",
                    "The server is starting. Please try again later."));
            return;
        }
        String site = ctx.pathParam("site");
        SiteInfo info;
        try {
            info = running.site(site);
        } catch (QueueError unknown) {
            ctx.fail(unknown);
            return;
        }
        ZoneId zone = ZoneId.of(info.timeZone());
        String date = ctx.queryParams().get("date");
        LocalDate day;
        try {
            day = date == null ? LocalDate.ofInstant(clock.instant(), zone) : LocalDate.parse(date);
        } catch (DateTimeParseException bad) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Tham số date phải có dạng YYYY-MM-DD, ví dụ 2026-12-07.",
                    "The parameter date must have the form YYYY-MM-DD, for example 2026-12-07."));
            return;
        }
        importer.importDay(site, zone, day, appointments)
                .onSuccess(report -> ctx.response()
                        .setStatusCode(200)
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(report.toJson().encode()))
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
}
