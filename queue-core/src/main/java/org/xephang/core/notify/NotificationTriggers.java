package org.xephang.core.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which messages are due for a subscribed ticket (issue 17 item 3). The engine asks after each committed change of the
 * ticket's line and records what is due in the same transaction, together with the kinds already recorded, so that
 * each kind is due at most once per ticket, across restarts too:
 *
 * <ul>
 *   <li>{@link NotificationKind#NEAR_TURN} while the ticket WAITS and its {@linkplain TicketProgress#position()
 *       position} is at most {@code nearPosition}, or its estimated wait is at most {@code nearMinutes} (each rule off
 *       at 0). A ticket called before it was ever "near" (a short line, a counter that just opened) gets no late
 *       "sắp đến lượt": the call message says more.
 *   <li>{@link NotificationKind#CALLED} once the ticket was called. A recall, a transfer back to waiting and a new
 *       call send nothing more.
 * </ul>
 *
 * Each due message carries its idempotency key ({@link NotificationKind#idempotencyKey}) and the time it became due,
 * from the injected clock (the engine's). Pure and thread-safe.
 */
public final class NotificationTriggers {

    private final NotificationSettings settings;
    private final Clock clock;

    public NotificationTriggers(NotificationSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** One message that became due: record it (once) and hand it to the outbox. */
    public record Due(String ticketId, NotificationKind kind, String idempotencyKey, Instant at) {}

    /** The messages due now, in the order to send them; empty when nothing is due or the site has no provider. */
    public List<Due> due(String ticketId, TicketProgress progress, Set<NotificationKind> alreadyRecorded) {
        Instant now = clock.instant();
        return kindsDue(progress, alreadyRecorded).stream()
                .map(kind -> new Due(ticketId, kind, kind.idempotencyKey(ticketId), now))
                .toList();
    }

    /** The kinds due now, in the order to send them. */
    List<NotificationKind> kindsDue(TicketProgress progress, Set<NotificationKind> alreadyRecorded) {
        if (!settings.enabled()) {
            return List.of();
        }
        List<NotificationKind> due = new ArrayList<>(1);
        switch (progress.stage()) {
            case WAITING -> {
                if (!alreadyRecorded.contains(NotificationKind.NEAR_TURN)
                        && !alreadyRecorded.contains(NotificationKind.CALLED)
                        && isNear(progress)) {
                    due.add(NotificationKind.NEAR_TURN);
                }
            }
            case CALLED -> {
                if (!alreadyRecorded.contains(NotificationKind.CALLED)) {
                    due.add(NotificationKind.CALLED);
                }
            }
            case CLOSED -> {
                // nothing more to tell
            }
        }
        return List.copyOf(due);
    }

    private boolean isNear(TicketProgress progress) {
        if (settings.nearPosition() > 0 && progress.position() <= settings.nearPosition()) {
            return true;
        }
        return settings.nearWait() != null
                && progress.estimatedWait() != null
                && progress.estimatedWait().compareTo(settings.nearWait()) <= 0;
    }
}
