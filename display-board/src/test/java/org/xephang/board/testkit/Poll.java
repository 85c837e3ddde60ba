package org.xephang.board.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition in tests that watch another process (a browser, a server, a device). */
public final class Poll {

    private Poll() {}

    /** Polls {@code condition} every 20 ms; fails naming {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    /** {@link #until(Duration, String, BooleanSupplier)} with 10 s. */
    public static void until(String what, BooleanSupplier condition) {
        until(Duration.ofSeconds(10), what, condition);
    }
}
