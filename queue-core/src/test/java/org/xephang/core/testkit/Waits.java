package org.xephang.core.testkit;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting in tests for a condition or a future, always with a deadline (never a fixed sleep as synchronisation). */
public final class Waits {

    /** The deadline of {@link #until(BooleanSupplier)} and {@link #await(Future)}. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private Waits() {}

    /** Polls {@code condition} every 20 ms until it holds; fails the test after {@code timeout}. */
    public static void eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** {@link #eventually} within {@link #DEFAULT}. */
    public static void until(BooleanSupplier condition) {
        eventually(DEFAULT, condition);
    }

    /** The future's result, waited for at most {@link #DEFAULT}. */
    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(DEFAULT.toSeconds(), TimeUnit.SECONDS);
    }
}
