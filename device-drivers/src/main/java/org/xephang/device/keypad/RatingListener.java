package org.xephang.device.keypad;

/** Receives ratings (and ignored presses) from a {@link RatingKeypad}; see there for the threading contract. */
public interface RatingListener {

    /** A ticket was rated. */
    void rated(Rating rating);

    /** A press was ignored, with the reason in English (the demo page shows it). */
    default void ignored(String button, String reason) {}
}
