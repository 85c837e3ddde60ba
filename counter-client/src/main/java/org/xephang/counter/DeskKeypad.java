package org.xephang.counter;

import java.util.function.Consumer;

/**
 * The rating keypad on one counter's desk. Presses arrive on the keypad's own thread.
 */
interface DeskKeypad {

    /** A press: {@code level} 1 = best, on a keypad of {@code scale} buttons. */
    record Press(int level, int scale) {}

    /** The device id used when recording ratings, e.g. {@code keypad:serial:///dev/ttyUSB2#3}. */
    String deviceId();

    void onPress(Consumer<Press> listener);

    /** Lights the keypad's "please rate" prompt, where it has one; {@code false} turns it off. */
    void invite(boolean on);
}
