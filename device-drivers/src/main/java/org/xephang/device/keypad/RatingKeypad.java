package org.xephang.device.keypad;

import org.xephang.device.Device;

/**
 * A citizen's rating keypad at a counter: 3, 4 or 5 buttons mapped to native levels ({@link ButtonMapping}) and to
 * the national 3 levels ({@link RatingScale}). A serial keypad ({@code keypad:serial:///dev/ttyUSB2}, line or frame
 * protocol), a JavaPOS POSKeyboard ({@code keypad:javapos://POSKeyboard1}) or the simulator
 * ({@code sim:keypad?name=counter3}).
 *
 * <p>Use: when the officer completes a ticket, call {@link #awaitRating(String)}; the next press becomes that
 * ticket's {@link Rating}, delivered to {@link RatingListener}s, which send it to the server. One rating per ticket;
 * presses while no ticket waits, bounces and unmapped buttons are ignored, logged and told to
 * {@link RatingListener#ignored}.
 *
 * <p>Threading: thread-safe; listeners are called on the keypad's reader thread (or the caller of the simulator's
 * {@code press}): return quickly.
 */
public interface RatingKeypad extends Device {

    /** The keypad's buttons and scale. */
    ButtonMapping mapping();

    /** Waits for a rating of {@code ticketId} (replacing an unrated earlier ticket). */
    void awaitRating(String ticketId);

    /** Stops waiting (the ticket was recalled, or the officer left). */
    void cancelRating();

    /** The ticket waiting for a rating, or null. */
    String waitingTicket();

    void addRatingListener(RatingListener listener);

    void removeRatingListener(RatingListener listener);
}
