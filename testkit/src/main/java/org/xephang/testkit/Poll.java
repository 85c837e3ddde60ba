package org.xephang.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one way a test waits for something another thread or process makes true (a browser, a server, a device): it
 * polls with a deadline and fails naming what it waited for and how long, never a fixed sleep.
 */
public final class Poll {

    private static final long EVERY_MILLIS = 10;

    private Poll() {}

    /** Polls {@code condition} every 10 ms; fails naming {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for: " + what);
            }
            try {
                Thread.sleep(EVERY_MILLIS);
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
