package org.xephang.counter;

import java.util.function.Consumer;

/**
 * The rating keypad on one counter's desk, armed for one ticket at a time. {@link RatingKeypadDesk} is a serial,
 * JavaPOS or simulated one over a device-drivers {@code RatingKeypad} (presses arrive on the keypad's own thread);
 * {@link HidKeypadDesk} is a USB HID one whose keys the counter page reads (presses arrive on the agent's context).
 */
interface DeskKeypad {

    /**
     * A rating: {@code level} 1 = best, on a keypad of {@code scale} buttons, for the ticket the keypad was armed for.
     */
    record Press(String ticketId, int level, int scale) {}

    /** The device id recorded with ratings, e.g. {@code sim:keypad/counter3}. */
    String deviceId();

    void onPress(Consumer<Press> listener);

    /** Invites a rating of {@code ticketId} (lights the keypad's prompt, where it has one). */
    void awaitRating(String ticketId);

    /** No rating is wanted any more (the window passed, the officer left). */
    void cancelRating();
}
