package org.xephang.core.engine;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.notify.NotificationOffer;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.persistence.NotificationOutbox;

/**
 * The engine's side of the "sắp đến lượt" / "mời đến quầy" messages (docs/notifications.md): subscriptions and the
 * messages each command makes due are written in the command's group ({@link SiteNotifications}); the sender is woken
 * after such a commit and reads the {@link NotificationOutbox}; numbers whose time is up are purged every minute.
 */
final class EngineNotifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineNotifications.class);

    private final EngineWriter writer;
    private final NotificationOutbox outbox;
    /** Told after a commit that recorded a message to send (the notification sender wakes up). */
    private volatile Runnable due = () -> {};

    EngineNotifications(EngineWriter writer, NotificationOutbox outbox) {
        this.writer = writer;
        this.outbox = outbox;
    }

    /** After a command, in its write group: the messages it made due; the sender is woken after the commit. */
    void afterCommand(SiteQueue site, SiteQueue.Writes writes, Instant now) throws SQLException {
        if (site.notifications().afterCommand(writes.notificationStore(), now)) {
            writes.afterCommit(() -> due.run());
        }
    }

    /** See {@link QueueEngine#subscribeNotifications}. */
    CompletionStage<Void> subscribe(String ticketId, PhoneNumber phone) {
        return writer.onTicket(ticketId, (site, writes, ticket, now) -> {
            site.notifications().subscribe(writes.notificationStore(), ticket, phone, now);
            return null;
        });
    }

    /** See {@link QueueEngine#notificationOffer}. */
    CompletionStage<NotificationOffer> offer(String ticketId) {
        return writer.onTicket(
                ticketId, (site, writes, ticket, now) -> site.notifications().offer(ticket));
    }

    NotificationOutbox outbox() {
        return outbox;
    }

    void onDue(Runnable listener) {
        this.due = listener;
    }

    /** Deletes the numbers whose time is up, and forgets them in memory too (housekeeping thread). */
    void purgeNumbers() {
        writer.onWriter((writes, now) -> {
                    if (writes.notificationStore().purge(now) > 0) {
                        for (SiteQueue site : writer.siteQueues()) {
                            site.notifications().load(writes.notificationStore(), now);
                        }
                    }
                    return null;
                })
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warn("Purging the notification numbers failed", failure);
                    }
                });
    }

    @Override
    public void close() {
        outbox.close();
    }
}
