package org.xephang.counter;

import org.xephang.api.AgentFailures;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueError;

/** What the counter page is told when a request fails: {@link AgentFailures}, with this page's words for a bug. */
final class PageFailures {

    static final String LOST_CONNECTION = AgentFailures.LOST_CONNECTION;
    static final String INTERNAL = "Lỗi hệ thống ở máy quầy. Vui lòng thử lại; nếu vẫn lỗi, xin báo bộ phận kỹ thuật.";

    private PageFailures() {}

    static QueueError errorFor(Throwable failure) {
        return AgentFailures.errorFor(failure, INTERNAL);
    }

    static boolean isLostConnection(Throwable failure) {
        return QueueClient.isLostConnection(failure);
    }
}
