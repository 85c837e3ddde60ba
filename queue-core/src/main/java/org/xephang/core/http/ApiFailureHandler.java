package org.xephang.core.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * The one place that writes error answers: a {@link QueueError} (from the engine or from request checks) becomes its
 * status and {@code {"error","message"}}; Vert.x's own failures (413 from the body limit, 404, 405 with its {@code
 * Allow} header) get the same shape; anything else is a defect, logged with its stack trace and answered 500 INTERNAL.
 */
final class ApiFailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFailureHandler.class);
    /** A 503 whose request ran nowhere; {@code org.xephang.api.FailoverSender} sends any command again after it. */
    static final String NOT_APPLIED = "X-Xephang-Not-Applied";

    private static final String NO_SUCH_PATH = "Không có địa chỉ này trong API.";
    private static final String NO_SUCH_PATH_EN = "There is no such address in the API.";

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            LOG.warn(
                    "Failure after the answer started on {} {}",
                    ctx.request().method(),
                    ctx.normalizedPath(),
                    ctx.failure());
            ctx.response().reset();
            return;
        }
        QueueError error = toQueueError(ctx);
        if (error.code() == ErrorCode.INTERNAL) {
            LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
        }
        Object retryAfter = error.toJson().getValue("retryAfterSeconds");
        if (retryAfter instanceof Number seconds) {
            ctx.response().putHeader("Retry-After", String.valueOf(seconds.longValue()));
        }
        if (Boolean.FALSE.equals(error.toJson().getValue("applied"))) {
            // Refused before anything ran (a cluster's site moving): any command may be sent again (ADR 0033).
            ctx.response().putHeader(NOT_APPLIED, "1");
        }
        Replies.error(ctx, error);
    }

    static QueueError toQueueError(RoutingContext ctx) {
        Throwable failure = unwrap(ctx.failure());
        if (failure instanceof QueueError error) {
            return error;
        }
        if (failure instanceof DecodeException) {
            return new QueueError(
                    ErrorCode.INVALID_JSON,
                    "Nội dung yêu cầu không phải JSON hợp lệ.",
                    "The request body is not valid JSON.");
        }
        if (fromHttpDecoder(failure)) {
            ctx.response().putHeader("Connection", "close");
            return new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Yêu cầu HTTP sai cú pháp (khung tin, độ dài khối).",
                    "Malformed HTTP request (framing, chunk length).");
        }
        int status =
                failure instanceof HttpException http ? http.getStatusCode() : failure == null ? ctx.statusCode() : -1;
        return switch (status) {
            case 400 -> new QueueError(ErrorCode.INVALID_REQUEST, "Yêu cầu không hợp lệ.", "Invalid request.");
            case 401 -> new QueueError(ErrorCode.UNAUTHENTICATED, "Cần đăng nhập.", "Sign-in required.");
            case 403 -> new QueueError(ErrorCode.FORBIDDEN, "Không được phép.", "Not allowed.");
            case 404 -> new QueueError(ErrorCode.NOT_FOUND, NO_SUCH_PATH, NO_SUCH_PATH_EN);
            case 405 ->
                new QueueError(
                        ErrorCode.METHOD_NOT_ALLOWED,
                        "Địa chỉ này không nhận phương thức " + ctx.request().method() + ".",
                        "This address does not accept the method "
                                + ctx.request().method() + ".");
            case 413 ->
                new QueueError(
                        ErrorCode.PAYLOAD_TOO_LARGE,
                        "Nội dung yêu cầu vượt quá 64 KiB.",
                        "The request body is larger than 64 KiB.");
            default ->
                new QueueError(
                        ErrorCode.INTERNAL,
                        "Lỗi máy chủ; hãy thử lại hoặc báo quản trị viên.",
                        "Server error; please try again or tell the administrator.");
        };
    }

    /**
     * Vert.x's 405: 405 METHOD_NOT_ALLOWED with an {@code Allow} header naming the methods the path takes (RFC 9110
     * §15.5.6), read from the router's route templates. Vert.x also says 405 for a path no operation has when a
     * prefix-wide handler limited to some methods (the body limit on POST and PUT) matched it: that is a 404.
     */
    static Handler<RoutingContext> methodNotAllowed(Router router) {
        return ctx -> {
            Set<String> allowed = allowedMethods(router, ctx.normalizedPath());
            if (allowed.isEmpty()) {
                Replies.error(ctx, new QueueError(ErrorCode.NOT_FOUND, NO_SUCH_PATH, NO_SUCH_PATH_EN));
                return;
            }
            ctx.response().putHeader("Allow", String.join(", ", allowed));
            Replies.error(
                    ctx,
                    new QueueError(
                            ErrorCode.METHOD_NOT_ALLOWED,
                            "Địa chỉ này không nhận phương thức "
                                    + ctx.request().method() + ". Các phương thức được nhận: "
                                    + String.join(", ", allowed) + ".",
                            "This address does not accept the method "
                                    + ctx.request().method() + ". The accepted methods: " + String.join(", ", allowed)
                                    + "."));
        };
    }

    /** The methods of the routes whose template ({@code /api/v1/tickets/:id}) matches {@code path}. */
    static Set<String> allowedMethods(Router router, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            String template = route.getName() != null ? route.getName() : route.getPath();
            if (route.methods() == null
                    || route.methods().isEmpty()
                    || template == null
                    || (!route.isExactPath() && !route.isRegexPath())) {
                continue; // handlers for everything under a prefix (CORS, body limit)
            }
            if (templatePattern(template).matcher(path).matches()) {
                route.methods().stream().map(HttpMethod::name).forEach(allowed::add);
            }
        }
        return allowed;
    }

    private static Pattern templatePattern(String template) {
        return Pattern.compile(Arrays.stream(template.split("/", -1))
                .map(segment -> segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/")));
    }

    /** Netty's HTTP decoder refused the request's framing (a chunk size that overflows, a bad chunk). */
    private static boolean fromHttpDecoder(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.netty.handler.codec.DecoderException) {
                return true;
            }
            StackTraceElement[] stack = cause.getStackTrace();
            if (stack.length > 0 && stack[0].getClassName().startsWith("io.netty.handler.codec.http.")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
