package org.xephang.agent;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueError;

/**
 * The one rule for what an agent's page (kiosk, counter) is told when a request to its agent fails, and the one
 * failure handler that writes it. A {@link QueueError} (the server's or the agent's own refusal) is passed on as it
 * is; a lost link to the queue server ({@link QueueClient#isLostConnection}) is UNAVAILABLE (503, logged as a
 * warning); anything else is a bug in the agent: INTERNAL (500, logged with its stack trace), never a misleading
 * "lost connection". Answers are {@code {"error": CODE, "message": …, "messageEn": …}}: Vietnamese and English.
 */
public final class PageFailures {

    private static final Logger LOG = LoggerFactory.getLogger(PageFailures.class);

    public static final String LOST_CONNECTION = "Mất kết nối tới máy chủ xếp hàng. Vui lòng thử lại sau ít phút.";
    public static final String LOST_CONNECTION_EN =
            "Lost the connection to the queue server. Please try again in a few minutes.";

    private final String internalMessage;
    private final String internalMessageEn;
    private final Function<RoutingContext, String> where;

    /**
     * @param internalMessage the page's words for a bug of its agent
     * @param internalMessageEn the same in English
     * @param where names the agent (or the counter of the request's session) in logs
     */
    public PageFailures(String internalMessage, String internalMessageEn, Function<RoutingContext, String> where) {
        this.internalMessage = internalMessage;
        this.internalMessageEn = internalMessageEn;
        this.where = where;
    }

    /** The error to answer for {@code failure}. */
    public QueueError errorFor(Throwable failure) {
        return errorFor(failure, internalMessage, internalMessageEn);
    }

    /**
     * The error to answer for {@code failure}; {@code internalMessage} (Vietnamese) and {@code internalMessageEn} are
     * the page's words for a bug of its agent.
     */
    public static QueueError errorFor(Throwable failure, String internalMessage, String internalMessageEn) {
        if (failure instanceof QueueError error) {
            return error;
        }
        return isLostConnection(failure)
                ? new QueueError(ErrorCode.UNAVAILABLE, LOST_CONNECTION, LOST_CONNECTION_EN)
                : new QueueError(ErrorCode.INTERNAL, internalMessage, internalMessageEn);
    }

    /** Whether {@code failure} says the queue server could not be reached. */
    public static boolean isLostConnection(Throwable failure) {
        return failure != null && QueueClient.isLostConnection(failure);
    }

    /** The failure handler of the page's API: writes the answer for {@code ctx.failure()}. */
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof QueueError error) {
            PageRequests.json(ctx, error.code().httpStatus(), error.toJson());
        } else if (ctx.statusCode() == 413) {
            PageRequests.json(
                    ctx,
                    413,
                    new QueueError(ErrorCode.PAYLOAD_TOO_LARGE, "Nội dung quá lớn", "The body is too large").toJson());
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            PageRequests.json(
                    ctx,
                    ctx.statusCode(),
                    new QueueError(ErrorCode.INVALID_REQUEST, "Yêu cầu không hợp lệ", "Invalid request").toJson());
        } else if (failure == null) {
            LOG.error(
                    "{}: page request {} failed with status {}",
                    where.apply(ctx),
                    ctx.normalizedPath(),
                    ctx.statusCode());
            PageRequests.json(ctx, 500, errorFor(null).toJson());
        } else if (isLostConnection(failure)) {
            LOG.warn(
                    "{}: page request {} failed, queue server unreachable: {}",
                    where.apply(ctx),
                    ctx.normalizedPath(),
                    failure.toString());
            PageRequests.json(ctx, 503, errorFor(failure).toJson());
        } else {
            LOG.error("{}: page request {} failed unexpectedly", where.apply(ctx), ctx.normalizedPath(), failure);
            PageRequests.json(ctx, 500, errorFor(failure).toJson());
        }
    }

    /** What a page is told of a failure it did not ask for (e.g. a keypad rating not recorded). */
    public JsonObject problem(Throwable failure) {
        return errorFor(failure).toJson();
    }
}
