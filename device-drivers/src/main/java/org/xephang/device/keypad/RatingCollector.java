package org.xephang.device.keypad;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The rules between button presses and ratings, shared by every keypad (serial, JavaPOS, simulated): one rating per
 * ticket, only while a ticket is waiting for one, debounced.
 *
 * <ul>
 *   <li>{@link #await(String)} arms the keypad for a ticket (the officer completed it); a later call replaces an
 *       earlier ticket that was not rated.
 *   <li>The first mapped press while armed becomes that ticket's {@link Rating} and disarms the keypad.
 *   <li>A press within {@code debounce} of the previous press (any button, accepted or not) is a bounce or a double
 *       press and is ignored.
 *   <li>A press while nothing waits (or after {@code window} has passed since arming), or on an unmapped button,
 *       is ignored with the reason.
 * </ul>
 *
 * <p>Pure: time from the injected clock. Thread-safe (synchronized): a reader thread presses while a caller arms.
 */
public final class RatingCollector {

    /** What became of a press. */
    public sealed interface Outcome {}

    /** The press rated the waiting ticket. */
    public record Rated(Rating rating) implements Outcome {}

    /**
     * The press was ignored.
     *
     * @param button the button
     * @param reason why, in English for logs
     */
    public record Ignored(String button, String reason) implements Outcome {}

    private final ButtonMapping mapping;
    private final Duration debounce;
    private final Duration window;
    private final Clock clock;
    private String waitingTicket;
    private Instant armedAt;
    private Instant lastPressAt;

    /**
     * @param debounce presses closer than this to the previous one are ignored (e.g. 300 ms)
     * @param window how long after {@link #await} a press still counts (e.g. 2 minutes)
     */
    public RatingCollector(ButtonMapping mapping, Duration debounce, Duration window, Clock clock) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (debounce.isNegative() || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("debounce must be >= 0 and window > 0");
        }
    }

    public ButtonMapping mapping() {
        return mapping;
    }

    /** Arms the keypad for {@code ticketId}. */
    public synchronized void await(String ticketId) {
        waitingTicket = Objects.requireNonNull(ticketId, "ticketId");
        armedAt = clock.instant();
    }

    /** Disarms the keypad (the next press is ignored). */
    public synchronized void cancel() {
        waitingTicket = null;
        armedAt = null;
    }

    /** The ticket waiting for a rating, or null. */
    public synchronized String waitingTicket() {
        return waitingTicket != null && !expired(clock.instant()) ? waitingTicket : null;
    }

    /** A button was pressed now. */
    public synchronized Outcome press(String button) {
        Objects.requireNonNull(button, "button");
        Instant now = clock.instant();
        Instant previous = lastPressAt;
        lastPressAt = now;
        if (previous != null && Duration.between(previous, now).compareTo(debounce) < 0) {
            return new Ignored(button, "within " + debounce.toMillis() + " ms of the previous press");
        }
        Integer level = mapping.level(button).orElse(null);
        if (level == null) {
            return new Ignored(button, "button '" + button + "' is not mapped (mapping " + mapping + ")");
        }
        if (waitingTicket == null) {
            return new Ignored(button, "no ticket is waiting for a rating");
        }
        if (expired(now)) {
            waitingTicket = null;
            return new Ignored(button, "the rating window of " + window.toSeconds() + " s has passed");
        }
        Rating rating = new Rating(waitingTicket, button, level, mapping.scale(), now);
        waitingTicket = null;
        armedAt = null;
        return new Rated(rating);
    }

    private boolean expired(Instant now) {
        return armedAt != null && Duration.between(armedAt, now).compareTo(window) > 0;
    }
}
