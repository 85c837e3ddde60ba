package org.xephang.core.backend.notify;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.notify.Notification;
import org.xephang.core.notify.NotificationKind;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.persistence.NotificationOutbox;
import org.xephang.core.persistence.NotificationStore.Message;

/**
 * The {@link NotificationQueue} over the engine's {@code notification} table: reads on a one-thread worker, marks
 * through the engine's writer. A row that cannot become a message (a number or payload no longer readable) is marked
 * dead rather than retried for ever.
 */
public final class StoredNotificationQueue implements NotificationQueue {

    private static final Logger LOG = LoggerFactory.getLogger(StoredNotificationQueue.class);

    private final NotificationOutbox outbox;
    private final WorkerExecutor worker;
    private final Context context;

    /** {@code worker} runs the blocking reads; answers come back on {@code context}. */
    public StoredNotificationQueue(NotificationOutbox outbox, WorkerExecutor worker, Context context) {
        this.outbox = outbox;
        this.worker = worker;
        this.context = context;
    }

    @Override
    public Future<List<Pending>> due(Instant now, int limit) {
        return worker.executeBlocking(() -> outbox.due(now, limit), false).map(rows -> {
            List<Pending> pending = new ArrayList<>(rows.size());
            for (Message row : rows) {
                Optional<Notification> notification = notification(row);
                if (notification.isPresent()) {
                    pending.add(
                            new Pending(row.site(), row.provider(), notification.get(), row.dueAt(), row.attempts()));
                } else {
                    LOG.warn("notification {} of site {} is unreadable; given up", row.id(), row.site());
                    markDead(row.id(), "unreadable row");
                }
            }
            return pending;
        });
    }

    @Override
    public Future<Void> markSent(String idempotencyKey, Instant at) {
        return Future.fromCompletionStage(outbox.markSent(idempotencyKey, at), context);
    }

    @Override
    public Future<Void> markRetry(String idempotencyKey, String error, Instant nextAttemptAt) {
        return Future.fromCompletionStage(outbox.markRetry(idempotencyKey, error, nextAttemptAt), context);
    }

    @Override
    public Future<Void> markDead(String idempotencyKey, String reason) {
        return Future.fromCompletionStage(outbox.markDead(idempotencyKey, reason), context);
    }

    private static Map<String, String> details(JsonObject details) {
        Map<String, String> result = new HashMap<>();
        if (details != null) {
            details.forEach(entry -> result.put(entry.getKey(), String.valueOf(entry.getValue())));
        }
        return result;
    }

    /** The message a row holds, or empty when its kind, number or payload is unreadable. */
    static Optional<Notification> notification(Message row) {
        Optional<NotificationKind> kind = NotificationKind.ofCode(row.kind());
        Optional<PhoneNumber> phone = PhoneNumber.parse(row.phone());
        if (kind.isEmpty() || phone.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonObject payload = new JsonObject(row.payload());
            return Optional.of(new Notification(
                    row.id(),
                    kind.get(),
                    phone.get(),
                    payload.getString("ticketNumber"),
                    payload.getString("siteName"),
                    payload.getInteger("position", 0),
                    payload.getString("counter"),
                    details(payload.getJsonObject("details"))));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
