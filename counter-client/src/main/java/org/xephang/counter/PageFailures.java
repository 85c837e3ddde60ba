package org.xephang.counter;

import org.xephang.api.ErrorCode;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueError;

/**
 * What the counter page is told when a request fails. A {@link QueueError} (the server's or the agent's own refusal) is
 * passed on as it is; a lost link to the queue server (connection refused or reset, connection closed, timeout: what
 * {@code QueueClient} fails with when the server cannot be reached) is 503 UNAVAILABLE; anything else is a bug in
 * the agent and is 500 INTERNAL, never a misleading "lost connection". Pure; thread-safe.
 */
final class PageFailures {

    static final String LOST_CONNECTION = "Mất kết nối tới máy chủ xếp hàng. Vui lòng thử lại sau ít phút.";
    static final String INTERNAL = "Lỗi hệ thống ở máy quầy. Vui lòng thử lại; nếu vẫn lỗi, xin báo bộ phận kỹ thuật.";

    private PageFailures() {}

    /** The error to answer for {@code failure}: as it is, UNAVAILABLE for a lost connection, INTERNAL otherwise. */
    static QueueError errorFor(Throwable failure) {
        if (failure instanceof QueueError error) {
            return error;
        }
        return isLostConnection(failure)
                ? new QueueError(ErrorCode.UNAVAILABLE, LOST_CONNECTION)
                : new QueueError(ErrorCode.INTERNAL, INTERNAL);
    }

    /** Whether {@code failure}, or one of its causes, says the queue server could not be reached. */
    static boolean isLostConnection(Throwable failure) {
        return QueueClient.isLostConnection(failure);
    }
}
