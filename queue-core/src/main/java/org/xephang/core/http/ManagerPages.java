package org.xephang.core.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The managers' pages, served by the server itself: the statistics page at {@code /stats/} and the supervisor's live
 * view at {@code /supervisor/} and the administration page at {@code /admin/} (issue #14), each a page with its script and style files (no inline script or style), their shared
 * charts at {@code /assets/managers/} and the chart library uPlot at {@code /assets/uplot/} (from its webjar: the
 * centre's LAN may have no internet). The pages sign in and read the API like any client.
 */
final class ManagerPages {

    /** Only this server's files; scripts and styles from files only (uPlot sizes its elements through the CSSOM). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'";

    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist";

    private ManagerPages() {}

    static void mount(Router router) {
        page(router, "/stats", "stats-page");
        page(router, "/supervisor", "supervisor-page");
        page(router, "/admin", "admin-page");
        files(router, "/assets/managers", "managers-assets", false);
        files(router, "/assets/uplot", UPLOT, true);
    }

    /** The page at {@code /stats/} (an exact route, as documented) and its files below it, never cached. */
    private static void page(Router router, String path, String folder) {
        router.get(path + "/").setName(path + "/").handler(ctx -> {
            ctx.put(ApiMetrics.ROUTE_KEY, path + "/");
            headers(ctx, false);
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8");
            ctx.response().sendFile(folder + "/index.html").onFailure(ctx::fail);
        });
        files(router, path, folder, false);
    }

    private static void files(Router router, String path, String folder, boolean cached) {
        router.get(path + "/*")
                .setName(path + "/*")
                .handler(ctx -> {
                    ctx.put(ApiMetrics.ROUTE_KEY, path + "/*");
                    headers(ctx, cached);
                    ctx.next();
                })
                .handler(StaticHandler.create(folder)
                        .setCachingEnabled(cached)
                        .setDefaultContentEncoding("UTF-8")
                        .setDirectoryListing(false));
    }

    private static void headers(RoutingContext ctx, boolean cached) {
        ctx.response()
                .putHeader("Cache-Control", cached ? "public, max-age=86400" : "no-cache")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
}
