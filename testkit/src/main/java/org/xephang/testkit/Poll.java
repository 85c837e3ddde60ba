package org.xephang.testkit;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The one way a test waits for something another thread or process makes true (a browser, a server, a device): it
 * polls with a deadline and fails naming what it waited for and how long, never a fixed sleep. An answer that comes
 * later (a Vert.x future's {@code toCompletionStage()}) is waited for with a deadline too ({@link #result}).
 */
public final class Poll {

    private static final long EVERY_MILLIS = 10;

    private Poll() {}

    /** Polls {@code condition} every 10 ms; fails naming {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, Duration.ofMillis(EVERY_MILLIS), what, condition);
    }

    /**
     * Polls {@code condition} every {@code every} (a condition that costs something to read: a database query, an
     * HTTP request); fails naming {@code what} after {@code timeout}.
     */
    public static void until(Duration timeout, Duration every, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for: " + what);
            }
            try {
                Thread.sleep(every.toMillis());
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

    /** How long {@link #result(CompletionStage)} waits: a server's start or answer on a busy machine. */
    public static final Duration ANSWER = Duration.ofSeconds(30);

    /**
     * The stage's result, waited for at most {@link #ANSWER}: a Vert.x future as {@code future.toCompletionStage()}.
     *
     * @throws ExecutionException if the stage failed (its cause is the failure)
     */
    public static <T> T result(CompletionStage<T> stage) throws ExecutionException, InterruptedException {
        return result(stage, ANSWER);
    }

    /** {@link #result(CompletionStage)} waited for at most {@code timeout}. */
    public static <T> T result(CompletionStage<T> stage, Duration timeout)
            throws ExecutionException, InterruptedException {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + timeout.toMillis() + " ms for an answer", e);
        }
    }
}
