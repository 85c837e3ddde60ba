package org.xephang.core.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xephang.api.ErrorCode;
import org.xephang.api.Favicon;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.clock.ClockWatch;

/**
 * The HTTP API v1 of docs/architecture.md §5 (plus {@code /health}, {@code /metrics} and the public ticket page
 * {@code /t/{id}}) as one Vert.x {@link Router}, with the roles of §11. Every error answer, whatever its cause, is
 * written by one failure handler as {@code {"error","message"}}.
 */
public final class HttpApi implements AutoCloseable {

    /** Request bodies above this are refused with 413 before they are read. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The default of {@link org.xephang.core.QueueServer.Options#kioskIssuesPerMinute}. */
    public static final int KIOSK_ISSUES_PER_MINUTE = TicketRoutes.KIOSK_ISSUES_PER_MINUTE;

    static final String NOT_OWNER = "Máy chủ này tạm thời không phục vụ điểm giao dịch (mất kết nối cơ sở dữ liệu"
            + " hoặc máy chủ khác đã nhận điểm). Vui lòng thử lại sau giây lát hoặc dùng máy chủ khác.";

    static final String NOT_OWNER_EN =
            "This server is not serving the site for the moment (lost its database connection"
                    + " or another server took the site). Please try again in a moment or use another server.";

    static final String PREFIX = "/api/v1";
    private static final Role[] STAFF = {Role.OFFICER, Role.SUPERVISOR, Role.ADMIN};
    private static final Role[] MANAGERS = {Role.SUPERVISOR, Role.ADMIN};
    private static final Role[] ADMINS = {Role.ADMIN};
    private static final Role[] EVERYONE = Role.values();
    private static final Role[] ISSUERS = {Role.KIOSK, Role.OFFICER, Role.SUPERVISOR, Role.ADMIN};
    private static final Role[] CHECK_IN = {Role.KIOSK};
    /** Offline issuing: the number blocks and uploads of a kiosk, as itself. */
    private static final Role[] KIOSKS = {Role.KIOSK};
    /** Ratings come from the keypad of the counter that served the ticket, through its officer's session. */
    private static final Role[] RATERS = {Role.OFFICER, Role.SUPERVISOR, Role.ADMIN};

    private static final Role[] DEVICE_REPORTERS = {Role.KIOSK, Role.DISPLAY, Role.OFFICER, Role.SUPERVISOR, Role.ADMIN
    };

    private final Router router;
    private final ApiMetrics metrics;
    private final Authenticator authenticator;
    private final Runnable stopWatches;

    private HttpApi(Router router, ApiMetrics metrics, Authenticator authenticator, Runnable stopWatches) {
        this.router = router;
        this.metrics = metrics;
        this.authenticator = authenticator;
        this.stopWatches = stopWatches;
    }

    /** Blocking (reads the OpenAPI document and the ticket page from the class path): call it off the event loop. */
    public static HttpApi create(
            Vertx vertx, QueueService queue, Authenticator authenticator, Clock clock, StreamLimits limits) {
        return create(vertx, queue, authenticator, clock, limits, TicketRoutes.KIOSK_ISSUES_PER_MINUTE);
    }

    /** {@link #create} with how many tickets one kiosk may issue a minute (bursts of a third of that). */
    public static HttpApi create(
            Vertx vertx,
            QueueService queue,
            Authenticator authenticator,
            Clock clock,
            StreamLimits limits,
            int kioskIssuesPerMinute) {
        return create(vertx, queue, authenticator, clock, limits, kioskIssuesPerMinute, List.of());
    }

    /**
     * {@link #create} with the other origins whose pages may call the API ({@code server.cors.allowedOrigins}; empty:
     * the server's own pages only).
     */
    public static HttpApi create(
            Vertx vertx,
            QueueService queue,
            Authenticator authenticator,
            Clock clock,
            StreamLimits limits,
            int kioskIssuesPerMinute,
            List<String> allowedOrigins) {
        return create(vertx, queue, authenticator, clock, limits, kioskIssuesPerMinute, allowedOrigins, null);
    }

    /**
     * {@link #create}, and in a cluster the handler that forwards the requests of sites other nodes own ({@code
     * forwarding}, given the authenticator; null alone), run after the body is read and before any site route.
     */
    public static HttpApi create(
            Vertx vertx,
            QueueService queue,
            Authenticator authenticator,
            Clock clock,
            StreamLimits limits,
            int kioskIssuesPerMinute,
            List<String> allowedOrigins,
            java.util.function.Function<Authenticator, Handler<RoutingContext>> forwarding) {
        ApiMetrics metrics = new ApiMetrics();
        Router router = Router.router(vertx);
        Map<String, ZoneId> siteZones = new LinkedHashMap<>();
        queue.siteCodes()
                .forEach(site -> siteZones.put(site, ZoneId.of(queue.site(site).timeZone())));
        ClockWatch clocks =
                new ClockWatch(clock, System::nanoTime, siteZones, ZoneId.systemDefault(), metrics.registry());
        long clockTimer = vertx.setPeriodic(ClockWatch.CHECK_EVERY.toMillis(), id -> clocks.check());
        HealthRoutes health =
                new HealthRoutes(queue, metrics.registry(), clocks, HealthRoutes.Limits.from(System.getenv()));
        new Routes(router, queue, authenticator, clock, limits, metrics, health, kioskIssuesPerMinute, allowedOrigins)
                .mount(forwarding == null ? null : forwarding.apply(authenticator));
        Runnable stopProbing = health.probeInBackground(vertx);
        return new HttpApi(router, metrics, authenticator, () -> {
            vertx.cancelTimer(clockTimer);
            stopProbing.run();
        });
    }

    /** The API's router; mount other sub-routers on it before the server listens. */
    public Router router() {
        return router;
    }

    /** Guards extra routes (for example the dossier back-end's) with the same tokens and roles. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** The registry behind {@code /metrics}: other parts (the dossier forwarder) register their meters here. */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    @Override
    public void close() {
        stopWatches.run();
        metrics.close();
    }

    static Buffer resource(String name) {
        try (InputStream in = HttpApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path resource " + name, e);
        }
    }

    /** Builds the route table. */
    private static final class Routes {
        private final Router router;
        private final QueueService queue;
        private final Authenticator auth;
        private final Clock clock;
        private final StreamLimits limits;
        private final ApiMetrics metrics;
        private final HealthRoutes health;
        private final int kioskIssuesPerMinute;
        private final List<String> allowedOrigins;

        Routes(
                Router router,
                QueueService queue,
                Authenticator auth,
                Clock clock,
                StreamLimits limits,
                ApiMetrics metrics,
                HealthRoutes health,
                int kioskIssuesPerMinute,
                List<String> allowedOrigins) {
            this.kioskIssuesPerMinute = kioskIssuesPerMinute;
            this.allowedOrigins = List.copyOf(allowedOrigins);
            this.router = router;
            this.queue = queue;
            this.auth = auth;
            this.clock = clock;
            this.limits = limits;
            this.metrics = metrics;
            this.health = health;
        }

        void mount(Handler<RoutingContext> forwarding) {
            TicketRoutes tickets = new TicketRoutes(queue, metrics, clock, kioskIssuesPerMinute);
            CounterRoutes counters = new CounterRoutes(queue);
            DeviceClaims deviceClaims = new DeviceClaims(auth);
            SiteRoutes sites = new SiteRoutes(queue, clock, auth, deviceClaims);
            AdminRoutes admin = new AdminRoutes(queue, auth);
            AccountRoutes accounts = new AccountRoutes(queue, auth);
            DeviceRoutes devices = new DeviceRoutes(queue, clock, deviceClaims);
            EventStreamRoutes events = new EventStreamRoutes(queue, auth, limits, metrics);
            AppointmentRoutes appointments = new AppointmentRoutes(queue, clock, auth);
            OfflineRoutes offline = new OfflineRoutes(queue);
            Buffer openApi = resource("/openapi.yaml");
            Buffer ticketPage = resource("/ticket-page/index.html");

            router.route().handler(RequestIds.assign());
            router.route().handler(metrics.timing());
            router.route().handler(WebHardening::headers);
            router.route(PREFIX + "/*").handler(WebHardening::requireWellFormedOrigin);
            router.route(PREFIX + "/*").handler(new CorsPolicy(allowedOrigins));
            router.route(PREFIX + "/*")
                    .method(HttpMethod.POST)
                    .method(HttpMethod.PUT)
                    .method(HttpMethod.PATCH)
                    .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));

            if (forwarding != null) {
                // A node of a cluster forwards the requests of sites another node owns (docs/adr/0027-…).
                router.route(PREFIX + "/sites/*").handler(forwarding);
                router.route(PREFIX + "/admin/sites/*").handler(forwarding);
                router.route(PREFIX + "/tickets/*").handler(forwarding);
                router.route(PREFIX + "/appointments/*").handler(forwarding);
            }
            // A node of a cluster that no longer owns its sites serves none of them (its memory may be behind the
            // node that took them over, and its writes would be fenced anyway).
            router.route(PREFIX + "/sites/*").handler(this::requireOwnership);
            router.route(PREFIX + "/tickets/*").handler(this::requireOwnership);

            publicRoute(HttpMethod.POST, "/auth/login", this::login);
            route(
                    HttpMethod.POST,
                    "/auth/logout",
                    EVERYONE,
                    ctx -> auth.logout(ctx)
                            .onSuccess(done -> Replies.noContent(ctx))
                            .onFailure(ctx::fail));
            route(
                    HttpMethod.POST,
                    "/auth/refresh",
                    EVERYONE,
                    ctx -> auth.refresh(ctx)
                            .onSuccess(result -> Replies.json(ctx, 200, result.toJson()))
                            .onFailure(ctx::fail));
            route(
                    HttpMethod.POST,
                    "/accounts/:username/revoke-tokens",
                    ADMINS,
                    ctx -> auth.revokeAll(Authenticator.actor(ctx), clientAddress(ctx), ctx.pathParam("username"))
                            .onSuccess(done -> Replies.noContent(ctx))
                            .onFailure(ctx::fail));
            publicRoute(
                    HttpMethod.GET,
                    "/openapi.yaml",
                    ctx -> ctx.response()
                            .putHeader("Content-Type", "application/yaml; charset=utf-8")
                            .end(openApi));

            publicRoute(HttpMethod.GET, "/sites/:site", sites::siteInfo);
            viewerRoute(HttpMethod.GET, "/sites/:site/queue", sites::snapshot);
            publicRoute(HttpMethod.GET, "/sites/:site/issuing", sites::issuing);
            viewerRoute(HttpMethod.GET, "/sites/:site/events", events::handle);
            route(HttpMethod.POST, "/sites/:site/tickets", ISSUERS, tickets::issue);
            route(HttpMethod.GET, "/sites/:site/tickets", STAFF, tickets::findByNumber);
            route(HttpMethod.GET, "/sites/:site/waiting", STAFF, sites::waiting);
            route(HttpMethod.GET, "/sites/:site/stats", MANAGERS, sites::statistics);
            route(HttpMethod.POST, "/sites/:site/devices/status", DEVICE_REPORTERS, sites::deviceStatus);
            route(HttpMethod.POST, "/sites/:site/devices/heartbeat", DEVICE_REPORTERS, devices::heartbeat);
            route(HttpMethod.GET, "/sites/:site/devices", MANAGERS, devices::list);

            route(HttpMethod.GET, "/admin/sites/:site", ADMINS, admin::getSite);
            route(HttpMethod.PUT, "/admin/sites/:site", ADMINS, admin::putSite);
            route(HttpMethod.POST, "/admin/sites", ADMINS, admin::createSite);
            route(HttpMethod.GET, "/admin/accounts", ADMINS, accounts::list);
            route(HttpMethod.POST, "/admin/accounts", ADMINS, accounts::create);
            route(HttpMethod.PATCH, "/admin/accounts/:username", ADMINS, accounts::update);
            route(HttpMethod.GET, "/admin/audit", ADMINS, accounts::audit);
            route(HttpMethod.POST, "/auth/password", EVERYONE, accounts::changeOwnPassword);
            publicRoute(HttpMethod.GET, "/sites/:site/appointments/days", appointments::days);
            publicRoute(HttpMethod.GET, "/sites/:site/appointments/slots", appointments::slots);
            publicRoute(HttpMethod.POST, "/sites/:site/appointments", appointments::book);
            route(HttpMethod.GET, "/sites/:site/appointments", STAFF, appointments::day);
            publicRoute(HttpMethod.GET, "/appointments/:code", appointments::get);
            publicRoute(HttpMethod.DELETE, "/appointments/:code", appointments::cancel);
            publicRoute(HttpMethod.PATCH, "/appointments/:code", appointments::move);
            route(HttpMethod.POST, "/sites/:site/check-in", CHECK_IN, appointments::checkIn);
            route(HttpMethod.POST, "/sites/:site/number-blocks", KIOSKS, offline::lease);
            route(HttpMethod.POST, "/sites/:site/offline-tickets", KIOSKS, offline::upload);

            route(HttpMethod.POST, "/sites/:site/counters/:counter/call-next", STAFF, counters::callNext);
            route(HttpMethod.POST, "/sites/:site/counters/:counter/pause", STAFF, counters::pause);
            route(HttpMethod.POST, "/sites/:site/counters/:counter/resume", STAFF, counters::resume);
            route(HttpMethod.POST, "/sites/:site/counters/:counter/sign-in", STAFF, counters::signIn);
            route(HttpMethod.POST, "/sites/:site/counters/:counter/sign-out", STAFF, counters::signOut);

            tagged(router.get(PREFIX + "/tickets/:id"), PREFIX + "/tickets/:id")
                    .handler(auth.optional())
                    .handler(tickets::get);
            route(HttpMethod.POST, "/tickets/:id/call", STAFF, tickets::call);
            route(HttpMethod.POST, "/tickets/:id/recall", STAFF, tickets::recall);
            route(HttpMethod.POST, "/tickets/:id/start", STAFF, tickets::start);
            route(HttpMethod.POST, "/tickets/:id/complete", STAFF, tickets::complete);
            route(HttpMethod.POST, "/tickets/:id/no-show", STAFF, tickets::noShow);
            route(HttpMethod.POST, "/tickets/:id/cancel", STAFF, tickets::cancel);
            route(HttpMethod.POST, "/tickets/:id/transfer", STAFF, tickets::transfer);
            route(HttpMethod.PUT, "/tickets/:id/dossier", STAFF, tickets::linkDossier);
            route(HttpMethod.POST, "/tickets/:id/rating", RATERS, tickets::rate);

            for (String icon : List.of(Favicon.PATH, "/favicon.ico")) {
                tagged(router.get(icon), icon)
                        .handler(ctx -> ctx.response()
                                .putHeader("Content-Type", Favicon.CONTENT_TYPE)
                                .putHeader("Cache-Control", Favicon.CACHE_CONTROL)
                                .end(Buffer.buffer(Favicon.svg())));
            }
            tagged(router.get("/health"), "/health").handler(health::health);
            tagged(router.get("/health/live"), "/health/live").handler(health::live);
            tagged(router.get("/health/ready"), "/health/ready").handler(health::ready);
            tagged(router.get("/metrics"), "/metrics")
                    .handler(ctx -> ctx.response()
                            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                            .end(metrics.scrape(queue)));
            Buffer ticketScript = resource("/ticket-page/ticket.js");
            Buffer ticketStyle = resource("/ticket-page/ticket.css");
            tagged(router.get("/ticket-page/ticket.js"), "/ticket-page/ticket.js")
                    .handler(ctx -> ctx.response()
                            .putHeader("Content-Type", "text/javascript; charset=utf-8")
                            .putHeader("Cache-Control", "no-cache")
                            .end(ticketScript));
            tagged(router.get("/ticket-page/ticket.css"), "/ticket-page/ticket.css")
                    .handler(ctx -> ctx.response()
                            .putHeader("Content-Type", "text/css; charset=utf-8")
                            .putHeader("Cache-Control", "no-cache")
                            .end(ticketStyle));
            ApiDocsRoutes.create().mount(router);
            tagged(router.get("/t/:id"), "/t/:id")
                    .handler(ctx -> ctx.response()
                            .putHeader("Content-Type", "text/html; charset=utf-8")
                            .putHeader("Cache-Control", "no-cache")
                            .putHeader("Referrer-Policy", "no-referrer")
                            .putHeader(
                                    "Content-Security-Policy",
                                    "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline';"
                                            + " connect-src 'self' ws: wss:; frame-ancestors 'none'")
                            .end(ticketPage));

            // The managers' pages (statistics, the supervisor's live view): they sign in and read the API like any
            // client.
            ManagerPages.mount(router);
            // The citizens' booking page (issue 17): public, reads the public appointment API.
            BookingPage.mount(router);

            ApiFailureHandler failures = new ApiFailureHandler();
            router.route().failureHandler(RequestIds.onFailure());
            router.route().failureHandler(failures);
            router.errorHandler(404, ctx -> Replies.error(ctx, ApiFailureHandler.toQueueError(ctx)));
            // Vert.x answers a path it cannot decode (%zz, %u002e) with 400 before any route: still a JSON error.
            router.errorHandler(
                    400,
                    ctx -> Replies.error(
                            ctx,
                            new QueueError(
                                    ErrorCode.INVALID_REQUEST,
                                    "Địa chỉ yêu cầu không hợp lệ (mã %XX sai hoặc ký tự không được phép).",
                                    "Invalid request address (a wrong %XX code or a character that is not allowed).")));
            router.errorHandler(500, failures);
            router.errorHandler(405, ApiFailureHandler.methodNotAllowed(router));
        }

        private void publicRoute(HttpMethod method, String path, Handler<RoutingContext> handler) {
            tagged(router.route(method, PREFIX + path), PREFIX + path).handler(handler);
        }

        /** A public route whose answer is fuller for staff: a valid token is read, a missing or bad one ignored. */
        private void viewerRoute(HttpMethod method, String path, Handler<RoutingContext> handler) {
            tagged(router.route(method, PREFIX + path), PREFIX + path)
                    .handler(auth.viewer())
                    .handler(handler);
        }

        private void route(HttpMethod method, String path, Role[] roles, Handler<RoutingContext> handler) {
            tagged(router.route(method, PREFIX + path), PREFIX + path)
                    .handler(auth.require(roles))
                    .handler(handler);
        }

        private static io.vertx.ext.web.Route tagged(io.vertx.ext.web.Route route, String template) {
            return route.setName(template).handler(ctx -> {
                ctx.put(ApiMetrics.ROUTE_KEY, template);
                ctx.next();
            });
        }

        private void login(RoutingContext ctx) {
            RequestBody body = RequestBody.of(ctx);
            String username = body.requiredTypedName("username");
            String password = body.requiredRawText("password");
            auth.login(clientAddress(ctx), username, password)
                    .onSuccess(result -> Replies.json(ctx, 200, result.toJson()))
                    .onFailure(ctx::fail);
        }

        private void requireOwnership(RoutingContext ctx) {
            if (queue.ownsItsSites()) {
                ctx.next();
            } else {
                ctx.fail(new QueueError(ErrorCode.UNAVAILABLE, NOT_OWNER, NOT_OWNER_EN));
            }
        }
    }

    /** The client's address as this server sees it (a reverse proxy's, behind one). */
    static String clientAddress(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
    }
}
