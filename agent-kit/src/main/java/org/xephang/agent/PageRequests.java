package org.xephang.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.xephang.api.ErrorCode;
import org.xephang.api.Favicon;
import org.xephang.api.QueueError;

/**
 * The plumbing every agent page API shares: the page at the router's root, a JSON body, JSON answers, requests carried
 * on to the agent's context, and failures answered by {@link PageFailures}. Relative paths only, so a router works
 * mounted at {@code /kiosk/} or at the root of a standalone agent.
 */
public final class PageRequests {

    private static final int BODY_LIMIT = 64 * 1024;

    private PageRequests() {}

    /**
     * The page's router: {@code /} redirects to add its trailing slash, {@code api/*} takes JSON bodies, is never
     * cached and runs on {@code agent}'s context. Add the API routes, then {@link #finish}.
     */
    public static Router pageRouter(Vertx vertx, AgentVerticle agent) {
        Router router = Router.router(vertx);
        router.route("/").handler(PageRequests::withTrailingSlash);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.route("/api/*").handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            // The agent's state lives on its own context: carry on there, whichever event loop took the request.
            agent.onContext(v -> ctx.next());
        });
        return router;
    }

    /** Ends the page's router: unknown API paths, the failure handler, and the page's files from the classpath. */
    public static Router finish(Router router, PageFailures failures, String pageRoot) {
        router.route("/api/*")
                .handler(ctx ->
                        ctx.fail(new QueueError(ErrorCode.NOT_FOUND, "Không có đường dẫn này", "No such address")));
        router.route("/api/*").failureHandler(failures::handle);
        router.get(Favicon.PATH) // every page links the one icon: no 404 in the console
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", Favicon.CONTENT_TYPE)
                        .putHeader("Cache-Control", Favicon.CACHE_CONTROL)
                        .end(Buffer.buffer(Favicon.svg())));
        router.route("/*")
                .handler(StaticHandler.create(pageRoot).setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
        return router;
    }

    /** {@code /kiosk} → {@code /kiosk/}: the page's relative URLs (api/…) need the trailing slash. */
    public static void withTrailingSlash(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.endsWith("/")) {
            ctx.next();
        } else {
            String query = ctx.request().query();
            ctx.redirect(path + "/" + (query == null ? "" : "?" + query));
        }
    }

    /** The request's JSON object, or null after failing the request with INVALID_JSON. */
    public static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                ctx.fail(new QueueError(ErrorCode.INVALID_JSON, "Thiếu nội dung JSON", "The JSON body is missing"));
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_JSON, "Nội dung không phải JSON hợp lệ", "The body is not valid JSON"));
            return null;
        }
    }

    /** Answers {@code answer} with {@code status}, or fails the request with its failure. */
    public static void reply(RoutingContext ctx, int status, Future<JsonObject> answer) {
        answer.onComplete(done -> {
            if (done.succeeded()) {
                json(ctx, status, done.result());
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    /** Writes a JSON answer unless one was written already. */
    public static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
