package org.xephang.core.backend.notify;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.notify.Notification;
import org.xephang.core.persistence.NotificationOutbox;
import org.xephang.core.persistence.NotificationStore.Message;
import org.xephang.core.persistence.Store;

/**
 * The {@link NotificationQueue} of a node of a cluster (docs/adr/0034-messages-and-appointments-in-a-cluster.md): it
 * reads the due messages of the sites this node owns now, on a pooled connection of the shared store, and marks each
 * through the outbox of the engine that owns the message's site, whose writer fences the mark with the site's lease.
 * So exactly one node sends a site's messages at a time, like the dossier outbox (ADR 0027): a site given back is left
 * out of the next read, and its pending messages are sent by its next owner (a message in flight at the move may be
 * sent twice, with the same idempotency key: at least once, as alone). A mark for a site no longer owned here fails:
 * the message stays pending for the new owner.
 */
public final class OwnedSitesNotificationQueue implements NotificationQueue {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedSitesNotificationQueue.class);

    private final Store store;
    private final Supplier<Collection<String>> ownedSites;
    private final Function<String, Optional<NotificationOutbox>> outboxOf;
    private final WorkerExecutor worker;
    private final Context context;
    /** The site of each message read and not yet marked (a mark names the message only). */
    private final Map<String, String> siteOf = new ConcurrentHashMap<>();

    /**
     * @param store the node's store (the reads borrow one of its connections per round)
     * @param ownedSites the sites this node runs now
     * @param outboxOf the outbox of the engine running a site here, empty when the site is not run here
     * @param worker runs the blocking reads; answers come back on {@code context}
     */
    public OwnedSitesNotificationQueue(
            Store store,
            Supplier<Collection<String>> ownedSites,
            Function<String, Optional<NotificationOutbox>> outboxOf,
            WorkerExecutor worker,
            Context context) {
        this.store = store;
        this.ownedSites = ownedSites;
        this.outboxOf = outboxOf;
        this.worker = worker;
        this.context = context;
    }

    @Override
    public Future<List<Pending>> due(Instant now, int limit) {
        List<String> sites = List.copyOf(ownedSites.get());
        if (sites.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return worker.executeBlocking(() -> NotificationOutbox.dueOfSites(store, now, limit, sites), false)
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>(rows.size());
                    for (Message row : rows) {
                        siteOf.put(row.id(), row.site());
                        Optional<Notification> notification = StoredNotificationQueue.notification(row);
                        if (notification.isPresent()) {
                            pending.add(new Pending(
                                    row.site(), row.provider(), notification.get(), row.dueAt(), row.attempts()));
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
        return mark(idempotencyKey, outbox -> outbox.markSent(idempotencyKey, at));
    }

    @Override
    public Future<Void> markRetry(String idempotencyKey, String error, Instant nextAttemptAt) {
        return mark(idempotencyKey, outbox -> outbox.markRetry(idempotencyKey, error, nextAttemptAt));
    }

    @Override
    public Future<Void> markDead(String idempotencyKey, String reason) {
        return mark(idempotencyKey, outbox -> outbox.markDead(idempotencyKey, reason));
    }

    private Future<Void> mark(String key, Function<NotificationOutbox, CompletionStage<Void>> mark) {
        String site = siteOf.remove(key);
        Optional<NotificationOutbox> outbox = site == null ? Optional.empty() : outboxOf.apply(site);
        if (outbox.isEmpty()) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Điểm \"" + site + "\" đã chuyển sang máy chủ khác; tin nhắn " + key + " do máy chủ đó gửi.",
                    "Site \"" + site + "\" has moved to another server; message " + key + " is sent by that server."));
        }
        return Future.fromCompletionStage(mark.apply(outbox.get()), context);
    }
}
