package org.xephang.core.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * Cross-origin calls of the API (issue #13 finding 8): only pages of the configured origins ({@code
 * server.cors.allowedOrigins}, none by default) get the CORS headers that let a browser read the answer; a port may be
 * {@code *} ({@code http://127.0.0.1:*}: the agents' own pages on the same PC). A request from any other origin is
 * served without them (the browser keeps the answer from the page; clients that are not browsers are not concerned),
 * and its preflight is refused with 403. Same-origin pages need no entry.
 */
final class CorsPolicy implements Handler<RoutingContext> {

    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String HEADERS = "Authorization, Content-Type, " + TicketRoutes.IDEMPOTENCY_KEY;
    private static final String MAX_AGE = "3600";

    private final List<Pattern> allowed;

    CorsPolicy(List<String> origins) {
        this.allowed = origins.stream().map(CorsPolicy::pattern).toList();
    }

    private static Pattern pattern(String origin) {
        String exact = origin.endsWith(":*") ? origin.substring(0, origin.length() - 2) : origin;
        String regex =
                Pattern.quote(exact.toLowerCase(java.util.Locale.ROOT)) + (origin.endsWith(":*") ? "(:\\d{1,5})?" : "");
        return Pattern.compile(regex);
    }

    boolean allows(String origin) {
        String normalized = origin.toLowerCase(java.util.Locale.ROOT);
        return allowed.stream().anyMatch(p -> p.matcher(normalized).matches());
    }

    @Override
    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
        if (origin == null) {
            ctx.next();
            return;
        }
        if (!allows(origin)) {
            if (preflight) {
                ctx.fail(
                        new QueueError(
                                ErrorCode.FORBIDDEN,
                                "Trang web từ nguồn này không được gọi API; quản trị viên thêm nguồn vào"
                                        + " server.cors.allowedOrigins nếu cần.",
                                "Web pages from this origin may not call the API; the administrator adds the origin to server.cors.allowedOrigins if needed."));
                return;
            }
            ctx.next();
            return;
        }
        ctx.response()
                .putHeader("Access-Control-Allow-Origin", origin)
                .putHeader("Vary", "Origin")
                .putHeader("Access-Control-Expose-Headers", "Location");
        if (preflight) {
            ctx.response()
                    .putHeader("Access-Control-Allow-Methods", METHODS)
                    .putHeader("Access-Control-Allow-Headers", HEADERS)
                    .putHeader("Access-Control-Max-Age", MAX_AGE)
                    .setStatusCode(204)
                    .end();
            return;
        }
        ctx.next();
    }
}
