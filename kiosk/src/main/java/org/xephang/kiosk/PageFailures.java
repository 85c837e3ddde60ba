package org.xephang.kiosk;

import org.xephang.api.AgentFailures;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueError;

/** What the kiosk page is told when a request fails: {@link AgentFailures}, with this page's words for a bug. */
final class PageFailures {

    static final String LOST_CONNECTION = AgentFailures.LOST_CONNECTION;
    static final String INTERNAL = "Lỗi hệ thống ở ki-ốt. Vui lòng thử lại; nếu vẫn lỗi, xin báo cán bộ hỗ trợ.";

    private PageFailures() {}

    static QueueError errorFor(Throwable failure) {
        return AgentFailures.errorFor(failure, INTERNAL);
    }

    static boolean isLostConnection(Throwable failure) {
        return QueueClient.isLostConnection(failure);
    }
}
