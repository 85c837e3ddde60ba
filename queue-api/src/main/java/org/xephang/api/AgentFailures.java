package org.xephang.api;

/**
 * What an agent's page (kiosk, counter) is told when a request to its agent fails. A {@link QueueError} (the server's
 * or the agent's own refusal) is passed on as it is; a lost link to the queue server ({@link
 * QueueClient#isLostConnection}) is UNAVAILABLE; anything else is a bug in the agent and is INTERNAL, never a
 * misleading "lost connection". Pure; thread-safe.
 */
public final class AgentFailures {

    public static final String LOST_CONNECTION = "Mất kết nối tới máy chủ xếp hàng. Vui lòng thử lại sau ít phút.";

    private AgentFailures() {}

    /** The error to answer for {@code failure}; {@code internalMessage} is the page's words for a bug of its agent. */
    public static QueueError errorFor(Throwable failure, String internalMessage) {
        if (failure instanceof QueueError error) {
            return error;
        }
        return QueueClient.isLostConnection(failure)
                ? new QueueError(ErrorCode.UNAVAILABLE, LOST_CONNECTION)
                : new QueueError(ErrorCode.INTERNAL, internalMessage);
    }
}
