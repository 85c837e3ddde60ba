package org.xephang.core.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a subscribed ticket stands, as the engine sees it after a committed change: what the triggers decide on.
 *
 * @param stage WAITING, CALLED (or later: the ticket left the waiting line by a call) or CLOSED (cancelled, no-show,
 *     ended with the day: no message is due any more)
 * @param waitingAhead WAITING tickets ahead of it in its line (only for WAITING)
 * @param estimatedWait the estimated wait (adr/0015), or null when unknown (only for WAITING)
 * @param counter the counter's public name or number it was called to (only for CALLED)
 */
public record TicketProgress(Stage stage, int waitingAhead, Duration estimatedWait, String counter) {

    /** The stages that matter to notifications. */
    public enum Stage {
        WAITING,
        CALLED,
        CLOSED
    }

    public TicketProgress {
        Objects.requireNonNull(stage, "stage");
        if (stage == Stage.CALLED) {
            Objects.requireNonNull(counter, "counter");
        }
    }

    public static TicketProgress waiting(int waitingAhead, Duration estimatedWait) {
        return new TicketProgress(Stage.WAITING, waitingAhead, estimatedWait, null);
    }

    public static TicketProgress called(String counter) {
        return new TicketProgress(Stage.CALLED, 0, null, counter);
    }

    public static TicketProgress closed() {
        return new TicketProgress(Stage.CLOSED, 0, null, null);
    }

    /** The ticket's place in its line, 1 for the next to be called. */
    public int position() {
        return waitingAhead + 1;
    }
}
