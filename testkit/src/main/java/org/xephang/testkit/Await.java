package org.xephang.testkit;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * A Vert.x future's result in a test, waited for with a deadline (the one copy of the {@code await(Future)} each test
 * class used to write). For the modules that use Vert.x: testkit has it as a provided dependency.
 */
public final class Await {

    private Await() {}

    /**
     * The future's result, waited for at most {@link Poll#ANSWER}.
     *
     * @throws ExecutionException if the future failed (its cause is the failure)
     * @throws AssertionError if no answer came in time
     */
    public static <T> T await(Future<T> future) throws ExecutionException, InterruptedException {
        return Poll.result(future.toCompletionStage());
    }

    /** {@link #await(Future)} with a longer deadline, for a test that waits for more than an answer (a failover). */
    public static <T> T await(Future<T> future, Duration timeout) throws ExecutionException, InterruptedException {
        return Poll.result(future.toCompletionStage(), timeout);
    }
}
