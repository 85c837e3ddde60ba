package org.xephang.board;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The display board as a mountable Vert.x sub-router: the 1920×1080 page at its root, its {@code config.json}, and
 * the announcement clips under {@code clips/}. The page itself talks to the queue server's public API
 * ({@code GET /api/v1/sites/{site}}, {@code /queue} and the {@code /events} WebSocket).
 *
 * <pre>{@code
 * router.route("/board/*").subRouter(BoardApp.router(vertx, BoardOptions.sameOrigin("demo")));
 * }</pre>
 *
 * Handlers only serve classpath resources and never block the event loop.
 */
public final class BoardApp {

    static final String WEB_ROOT = "org/xephang/board/web";
    static final String CLIPS_ROOT = "org/xephang/board/clips";

    private BoardApp() {}

    public static Router router(Vertx vertx, BoardOptions options) {
        String config = options.pageConfig().encode();
        Router router = Router.router(vertx);
        router.route().handler(BoardApp::redirectToTrailingSlash);
        router.get("/config.json")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .putHeader("Cache-Control", "no-store")
                        .end(config));
        router.get("/clips/*")
                .handler(StaticHandler.create(CLIPS_ROOT)
                        .setDirectoryListing(false)
                        .setMaxAgeSeconds(24 * 3600));
        router.get("/*")
                .handler(StaticHandler.create(WEB_ROOT)
                        .setDirectoryListing(false)
                        .setCachingEnabled(false)
                        .setDefaultContentEncoding("UTF-8"));
        return router;
    }

    /** "/board" → "/board/", so that the page's relative URLs (config.json, clips/…) resolve under the mount point. */
    private static void redirectToTrailingSlash(RoutingContext ctx) {
        String mountPoint = ctx.mountPoint();
        String path = ctx.request().path();
        if (mountPoint != null && mountPoint.length() > 1 && (path + "/").equals(mountPoint)) {
            String query = ctx.request().query();
            ctx.redirect(mountPoint + (query == null ? "" : "?" + query));
        } else {
            ctx.next();
        }
    }
}
