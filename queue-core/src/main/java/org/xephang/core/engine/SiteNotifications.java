package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.core.notify.NotificationKind;
import org.xephang.core.notify.NotificationOffer;
import org.xephang.core.notify.NotificationSettings;
import org.xephang.core.notify.NotificationTriggers;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.notify.TicketProgress;
import org.xephang.core.persistence.NotificationStore;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.TicketRecord;

/**
 * A site's subscribed tickets and the messages they are owed (issue 17 item 3). After every command of the site, in
 * the same write group, each subscribed ticket's progress goes through the {@link NotificationTriggers}; what is due
 * is written to the {@code notification} table then, so a message is recorded once per ticket and kind, with the
 * change that made it due, and survives a crash with it. Nothing is sent here: the sender reads the table. The
 * settings are read from the site's configuration in force at each step, so a saved change (provider, near rule)
 * applies from the next command without a restart (issue #14). Writer thread only.
 */
final class SiteNotifications {

    /** A subscribed ticket: its number (personal data: kept here and in its row only) and the kinds recorded. */
    private record Subscriber(PhoneNumber phone, Set<NotificationKind> recorded) {}

    private final SiteState state;
    private final Clock clock;
    private final Map<String, Subscriber> subscribers = new HashMap<>();
    /** The triggers of {@link #triggersSettings}, rebuilt when a saved configuration changes the settings. */
    private NotificationTriggers triggers;

    private NotificationSettings triggersSettings;

    SiteNotifications(SiteState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** The site's configuration in force (replaced by a saved change). */
    private SiteConfig config() {
        return state.config();
    }

    private NotificationTriggers triggers() {
        NotificationSettings settings = config().notifications();
        if (!settings.equals(triggersSettings)) {
            triggers = new NotificationTriggers(settings, clock);
            triggersSettings = settings;
        }
        return triggers;
    }

    /** Replaces the memory with the database's subscriptions still kept at {@code now}. */
    void load(NotificationStore store, Instant now) throws SQLException {
        subscribers.clear();
        SiteConfig config = config();
        if (!config.notifications().enabled()) {
            return;
        }
        Map<String, Set<String>> recorded = store.recordedKinds(config.code());
        store.subscriptions(config.code(), now)
                .forEach((ticketId, subscription) -> PhoneNumber.parse(subscription.phone())
                        .ifPresent(phone -> {
                            Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
                            recorded.getOrDefault(ticketId, Set.of())
                                    .forEach(code ->
                                            NotificationKind.ofCode(code).ifPresent(kinds::add));
                            subscribers.put(ticketId, new Subscriber(phone, kinds));
                        }));
    }

    /**
     * Keeps {@code phone} for a ticket still waiting (checks first, then writes). Refused with a Vietnamese message
     * when the site sends no messages or the ticket no longer waits.
     */
    void subscribe(NotificationStore store, TicketRecord ticket, PhoneNumber phone, Instant now) throws SQLException {
        SiteConfig config = config();
        if (!config.notifications().enabled()) {
            throw new QueueError(
                    ErrorCode.CONFLICT,
                    "Điểm phục vụ này chưa gửi tin nhắn báo lượt. Vui lòng theo dõi màn hình.",
                    "This site does not send turn messages. Please watch the screen.");
        }
        if (ticket.state() != TicketState.WAITING) {
            throw new QueueError(
                    ErrorCode.INVALID_TRANSITION,
                    "Vé " + ticket.number() + " không còn chờ nên không cần báo lượt.",
                    "Ticket " + ticket.number() + " is no longer waiting, so no turn message is needed.");
        }
        store.subscribe(new NotificationStore.Subscription(
                ticket.id(),
                config.code(),
                phone.national(),
                now,
                NotificationSettings.purgeAt(now, config.timeZone())));
        Subscriber earlier = subscribers.get(ticket.id());
        subscribers.put(
                ticket.id(),
                new Subscriber(phone, earlier == null ? EnumSet.noneOf(NotificationKind.class) : earlier.recorded()));
    }

    /** What the phone page may offer for this ticket (the number kept for it only masked). */
    NotificationOffer offer(TicketRecord ticket) {
        Subscriber subscriber = subscribers.get(ticket.id());
        return new NotificationOffer(
                config().notifications().provider(),
                ticket.state() == TicketState.WAITING,
                subscriber == null ? null : subscriber.phone().masked());
    }

    /**
     * After a command (same write group): records what became due for each subscribed ticket. Returns whether anything
     * was recorded (the sender is then woken after the commit).
     */
    boolean afterCommand(NotificationStore store, Instant now) throws SQLException {
        boolean recordedAny = false;
        SiteConfig config = config();
        NotificationTriggers triggers = triggers();
        Iterator<Map.Entry<String, Subscriber>> entries = subscribers.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Subscriber> entry = entries.next();
            TicketRecord record = state.find(entry.getKey()).orElse(null);
            if (record == null) {
                entries.remove();
                continue;
            }
            Ticket ticket = state.view(record);
            TicketProgress progress = progress(ticket);
            if (progress.stage() == TicketProgress.Stage.CLOSED) {
                entries.remove();
                continue;
            }
            Subscriber subscriber = entry.getValue();
            for (NotificationTriggers.Due due : triggers.due(ticket.id(), progress, subscriber.recorded())) {
                JsonObject payload = new JsonObject()
                        .put("ticketNumber", ticket.number())
                        .put("siteName", config.name())
                        .put("position", progress.stage() == TicketProgress.Stage.WAITING ? progress.position() : 0)
                        .put("counter", progress.counter());
                store.recordDue(
                        due.idempotencyKey(),
                        config.code(),
                        ticket.id(),
                        due.kind().code(),
                        config.notifications().provider(),
                        subscriber.phone().national(),
                        payload.encode(),
                        now);
                subscriber.recorded().add(due.kind());
                recordedAny = true;
            }
        }
        return recordedAny;
    }

    private static TicketProgress progress(Ticket ticket) {
        return switch (ticket.state()) {
            case WAITING ->
                TicketProgress.waiting(
                        ticket.waitingAhead() == null ? 0 : ticket.waitingAhead(),
                        ticket.estimatedWaitSeconds() == null
                                ? null
                                : Duration.ofSeconds(ticket.estimatedWaitSeconds()));
            case CALLED, SERVING ->
                ticket.counter() == null
                        ? TicketProgress.closed()
                        : TicketProgress.called(ticket.counter().toString());
            default -> TicketProgress.closed();
        };
    }
}
