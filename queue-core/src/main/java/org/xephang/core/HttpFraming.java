package org.xephang.core;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * Strict HTTP/1.1 message framing before any route runs (issue 13 finding 10), and JSON answers for what Netty refused
 * to parse (finding 9). A request whose body length is ambiguous (a Transfer-Encoding other than exactly
 * {@code chunked}, or one together with Content-Length) is refused and its connection closed, so nothing pipelined
 * behind it is ever read as a request.
 */
final class HttpFraming {

    private HttpFraming() {}

    /** True (and answered 400, connection closed) when the request's framing is ambiguous. */
    static boolean refuseAmbiguous(HttpServerRequest request) {
        String transferEncoding = request.getHeader("Transfer-Encoding");
        if (transferEncoding == null) {
            return false;
        }
        boolean chunkedOnly = request.headers().getAll("Transfer-Encoding").size() == 1
                && transferEncoding.trim().toLowerCase(Locale.ROOT).equals("chunked");
        if (chunkedOnly && request.getHeader("Content-Length") == null) {
            return false;
        }
        answer(
                request,
                new QueueError(
                        ErrorCode.INVALID_REQUEST,
                        "Yêu cầu HTTP có độ dài nội dung không rõ ràng: chỉ nhận Transfer-Encoding: chunked,"
                                + " không kèm Content-Length.",
                        "Ambiguous HTTP request length: only Transfer-Encoding: chunked is accepted, without Content-Length."));
        return true;
    }

    /** What Netty could not parse: 414 for a too long request line, 431 for too large headers, 400 otherwise. */
    static void answerInvalid(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        QueueError error;
        int status;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            error = new QueueError(
                    ErrorCode.INVALID_REQUEST, "Địa chỉ yêu cầu quá dài.", "The request address is too long.");
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            error = new QueueError(
                    ErrorCode.INVALID_REQUEST, "Tiêu đề yêu cầu quá lớn.", "The request headers are too large.");
        } else {
            status = 400;
            error = new QueueError(ErrorCode.INVALID_REQUEST, "Yêu cầu HTTP sai cú pháp.", "Malformed HTTP request.");
        }
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Connection", "close")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(error.toJson().toBuffer())
                .onComplete(done -> request.connection().close());
    }

    private static void answer(HttpServerRequest request, QueueError error) {
        request.response()
                .setStatusCode(error.code().httpStatus())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Connection", "close")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(error.toJson().toBuffer())
                .onComplete(done -> request.connection().close());
    }
}
