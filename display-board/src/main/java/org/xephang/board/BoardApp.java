package org.xephang.board;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.xephang.api.ErrorCode;
import org.xephang.api.Favicon;
import org.xephang.api.announce.Announcement;
import org.xephang.api.announce.AnnouncementBuilder;
import org.xephang.api.announce.AnnouncementOptions;

/**
 * The display board as a mountable Vert.x sub-router: the 1920×1080 page at its root, its {@code config.json}, and
 * the announcement clips under {@code clips/}, and {@code announcement?number=…&counter=…} for calls the page learns
 * from a snapshot. The page itself talks to the queue server's public API
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
        router.get("/announcement").handler(BoardApp::announcement);
        router.get("/clips/*")
                .handler(StaticHandler.create(CLIPS_ROOT)
                        .setDirectoryListing(false)
                        .setMaxAgeSeconds(24 * 3600));
        router.get(Favicon.PATH)
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", Favicon.CONTENT_TYPE)
                        .putHeader("Cache-Control", Favicon.CACHE_CONTROL)
                        .end(Buffer.buffer(Favicon.svg())));
        router.get("/*")
                .handler(StaticHandler.create(WEB_ROOT)
                        .setDirectoryListing(false)
                        .setCachingEnabled(false)
                        .setDefaultContentEncoding("UTF-8"));
        return router;
    }

    /**
     * {@code GET announcement?number=A015&counter=4[&service=Hộ tịch][&options={…}]}: the announcement of a call the
     * page learnt from a snapshot rather than from its event (the board was disconnected when it was made). The
     * options are the site's {@code announcement} options as JSON; missing ones take their defaults.
     */
    private static void announcement(RoutingContext ctx) {
        try {
            String optionsJson = ctx.request().getParam("options");
            AnnouncementOptions options = optionsJson == null
                    ? AnnouncementOptions.defaults()
                    : AnnouncementOptions.fromJson(new JsonObject(optionsJson));
            String counter = ctx.request().getParam("counter", "");
            Announcement announcement = new AnnouncementBuilder(options)
                    .build(
                            ctx.request().getParam("number"),
                            counter.matches("\\d{1,6}") ? Integer.parseInt(counter) : -1,
                            ctx.request().getParam("service"));
            ctx.json(announcement.toJson());
        } catch (IllegalArgumentException | DecodeException e) {
            ctx.response()
                    .setStatusCode(400)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(new JsonObject()
                            .put("error", ErrorCode.INVALID_REQUEST.name())
                            .put("message", "Không tạo được câu thông báo: " + e.getMessage())
                            .put("messageEn", "Could not build the announcement: " + e.getMessage())
                            .encode());
        }
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
