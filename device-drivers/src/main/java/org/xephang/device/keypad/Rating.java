package org.xephang.device.keypad;

import java.time.Instant;
import java.util.Objects;

/**
 * A citizen's rating from a keypad, for one ticket. Send {@code level} and {@code scale.levels()} to the server
 * ({@code RatingCommand(level, scale, device)} / {@code POST /api/v1/tickets/{id}/rating}).
 *
 * <p>Immutable; safe from any thread.
 *
 * @param ticketId the ticket that was waiting for a rating
 * @param button the button pressed, as the keypad names it
 * @param level the native level, 1 = best
 * @param scale the keypad's scale
 * @param at when the button was pressed
 */
public record Rating(String ticketId, String button, int level, RatingScale scale, Instant at) {

    public Rating {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(button, "button");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(at, "at");
        scale.label(level); // validates the level
    }

    /** The native level's Vietnamese label. */
    public String label() {
        return scale.label(level);
    }
}
