package org.xephang.core.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * Headers every answer carries, whatever route (or mounted agent page) wrote it: no sniffing, no framing by another
 * site, no referrer; a page that set its own Content-Security-Policy gets {@code frame-ancestors 'none'} added when
 * it lacks one, and an answer without a policy gets one that forbids framing. Also refuses an {@code Origin} header
 * that is not an origin before the CORS handler sees it (it answered 500).
 */
final class WebHardening {

    private static final String CSP = "Content-Security-Policy";
    private static final String NO_FRAMING = "frame-ancestors 'none'";

    private WebHardening() {}

    static void headers(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            if (!headers.contains("X-Frame-Options")) {
                headers.set("X-Frame-Options", "DENY");
            }
            if (!headers.contains("Referrer-Policy")) {
                headers.set("Referrer-Policy", "no-referrer");
            }
            String policy = headers.get(CSP);
            if (policy == null) {
                String type = headers.get("Content-Type");
                boolean page = type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html");
                // Pages of the agents mounted on this server keep their own rules for scripts; anything else is data.
                headers.set(CSP, page ? NO_FRAMING : "default-src 'none'; " + NO_FRAMING);
            } else if (!policy.contains("frame-ancestors")) {
                headers.set(CSP, policy + "; " + NO_FRAMING);
            }
        });
        ctx.next();
    }

    /** {@code Origin} must be {@code null} or {@code scheme://host[:port]}; anything else is a 400. */
    static void requireWellFormedOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !origin.equals("null") && !isOrigin(origin)) {
            ctx.fail(
                    new QueueError(
                            ErrorCode.INVALID_REQUEST,
                            "Tiêu đề Origin không hợp lệ: phải có dạng scheme://tên-máy[:cổng], ví dụ http://kiosk.local:8081.",
                            "Invalid Origin header: it must have the form scheme://host[:port], for example http://kiosk.local:8081."));
            return;
        }
        ctx.next();
    }

    static boolean isOrigin(String origin) {
        if (origin.length() > 255 || origin.contains(" ")) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            return (uri.getScheme() != null)
                    && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }
}
