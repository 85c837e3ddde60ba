package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;
import org.xephang.core.ticket.TicketRecord;

/**
 * The event log of one site: each change a command makes becomes an event with the site's next seq, written in the
 * command's group and handed to the subscribers after the group commits, in seq order.
 */
final class SiteEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SiteEvents.class);

    private final SiteState state;
    private final List<Consumer<QueueEvent>> subscribers = new CopyOnWriteArrayList<>();

    SiteEvents(SiteState state) {
        this.state = state;
    }

    /**
     * Writes an event in the command's group; it reaches the subscribers after the commit.
     *
     * @param ticket the ticket as it is after the change, or {@code null} for an event of a counter or device
     */
    void emit(
            SiteQueue.Writes writes,
            EventType type,
            TicketRecord ticket,
            Integer counter,
            JsonObject details,
            Instant now)
            throws SQLException {
        state.markChanged();
        QueueEvent event = new QueueEvent(
                EventIds.next(now),
                state.nextSeq(),
                type,
                now,
                state.config().code(),
                ticket == null ? null : state.view(ticket),
                counter,
                details);
        writes.store().insertEvent(event);
        writes.afterCommit(() -> publish(event));
    }

    List<Consumer<QueueEvent>> subscribers() {
        return subscribers;
    }

    private void publish(QueueEvent event) {
        for (Consumer<QueueEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.error(
                        "Site {}: an event subscriber failed on seq {}; it stays subscribed",
                        state.config().code(),
                        event.seq(),
                        e);
            }
        }
    }
}
