package org.xephang.core.backend.notify;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xephang.core.notify.Notification;

/** The sender's queue as a map, for tests of the sender alone. Thread-safe. */
final class InMemoryNotificationQueue implements NotificationQueue {

    enum State {
        PENDING,
        SENT,
        DEAD
    }

    record Row(Pending pending, State state, Instant nextAttemptAt, String lastError) {}

    private final Map<String, Row> rows = new LinkedHashMap<>();

    synchronized void add(String site, String provider, Notification notification, Instant dueAt) {
        rows.putIfAbsent(
                notification.idempotencyKey(),
                new Row(new Pending(site, provider, notification, dueAt, 0), State.PENDING, dueAt, null));
    }

    synchronized Row row(String key) {
        return rows.get(key);
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized Future<List<Pending>> due(Instant now, int limit) {
        return Future.succeededFuture(rows.values().stream()
                .filter(row ->
                        row.state() == State.PENDING && !row.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(Row::nextAttemptAt))
                .limit(limit)
                .map(Row::pending)
                .toList());
    }

    @Override
    public synchronized Future<Void> markSent(String key, Instant at) {
        rows.computeIfPresent(
                key, (k, row) -> new Row(row.pending(), State.SENT, row.nextAttemptAt(), row.lastError()));
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> markRetry(String key, String error, Instant nextAttemptAt) {
        rows.computeIfPresent(key, (k, row) -> {
            Pending p = row.pending();
            return new Row(
                    new Pending(p.site(), p.provider(), p.notification(), p.dueAt(), p.attempts() + 1),
                    State.PENDING,
                    nextAttemptAt,
                    error);
        });
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> markDead(String key, String reason) {
        rows.computeIfPresent(key, (k, row) -> new Row(row.pending(), State.DEAD, row.nextAttemptAt(), reason));
        return Future.succeededFuture();
    }
}
