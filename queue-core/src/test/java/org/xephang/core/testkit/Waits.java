package org.xephang.core.testkit;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.xephang.testkit.Poll;

/**
 * The server ITs' waits, always with a deadline: a condition through testkit's {@link Poll}, and a Vert.x future's
 * result.
 */
public final class Waits {

    /** The deadline of {@link #until(BooleanSupplier)} and {@link #await(Future)}. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private Waits() {}

    /** {@link Poll#until} within {@link #DEFAULT}. */
    public static void until(BooleanSupplier condition) {
        Poll.until(DEFAULT, "the condition", condition);
    }

    /** The future's result, waited for at most {@link #DEFAULT}. */
    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(DEFAULT.toSeconds(), TimeUnit.SECONDS);
    }
}
