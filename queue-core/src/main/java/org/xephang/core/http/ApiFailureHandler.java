package org.xephang.core.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * The one place that writes error answers: a {@link QueueError} (from the engine or from request checks) becomes its
 * status and {@code {"error","message"}}; Vert.x's own failures (413 from the body limit, 404, 405) get the same
 * shape; anything else is a defect, logged with its stack trace and answered 500 INTERNAL.
 */
final class ApiFailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFailureHandler.class);

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
        Replies.error(ctx, error);
    }

    static QueueError toQueueError(RoutingContext ctx) {
        Throwable failure = unwrap(ctx.failure());
        if (failure instanceof QueueError error) {
            return error;
        }
        if (failure instanceof DecodeException) {
            return new QueueError(ErrorCode.INVALID_JSON, "Nội dung yêu cầu không phải JSON hợp lệ.");
        }
        int status =
                failure instanceof HttpException http ? http.getStatusCode() : failure == null ? ctx.statusCode() : -1;
        return switch (status) {
            case 400 -> new QueueError(ErrorCode.INVALID_REQUEST, "Yêu cầu không hợp lệ.");
            case 401 -> new QueueError(ErrorCode.UNAUTHENTICATED, "Cần đăng nhập.");
            case 403 -> new QueueError(ErrorCode.FORBIDDEN, "Không được phép.");
            case 404 -> new QueueError(ErrorCode.NOT_FOUND, "Không có địa chỉ này trong API.");
            case 405 ->
                new QueueError(
                        ErrorCode.NOT_FOUND,
                        "Địa chỉ này không nhận phương thức " + ctx.request().method() + ".");
            case 413 -> new QueueError(ErrorCode.PAYLOAD_TOO_LARGE, "Nội dung yêu cầu vượt quá 64 KiB.");
            default -> new QueueError(ErrorCode.INTERNAL, "Lỗi máy chủ; hãy thử lại hoặc báo quản trị viên.");
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
