package org.xephang.core.backend.notify;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.xephang.core.notify.Notification;

/**
 * Where the messages that became due wait until a provider took them: the notification table, written by the engine
 * in the same transaction as the change that made them due. The {@link NotificationSender} reads and marks it. A
 * message is sent at least once; its idempotency key lets the provider drop a repeat. Every method may be called from
 * any thread and never blocks it (JDBC runs elsewhere).
 */
public interface NotificationQueue {

    /**
     * One message waiting.
     *
     * @param provider the site's provider when it became due ({@code sms}, {@code zalo})
     * @param dueAt when it became due (the staleness of {@link DeliveryDecision} counts from here)
     * @param attempts failed attempts so far
     */
    record Pending(String site, String provider, Notification notification, Instant dueAt, int attempts) {}

    /** Messages whose next attempt is due at {@code now}, oldest first, at most {@code limit}. */
    Future<List<Pending>> due(Instant now, int limit);

    /** The provider took it. */
    Future<Void> markSent(String idempotencyKey, Instant at);

    /** This attempt failed; try again at {@code nextAttemptAt}. */
    Future<Void> markRetry(String idempotencyKey, String error, Instant nextAttemptAt);

    /** Given up: refused by the provider, or too late to help. Listed for the supervisor. */
    Future<Void> markDead(String idempotencyKey, String reason);
}
