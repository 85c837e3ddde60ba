package org.xephang.core.backend.forward;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The round loop of a sender that works through a durable queue (the outbox forwarder, the notification sender), on
 * its verticle's context: one round at a time; a {@link #wake()} during a round runs another right after it; between
 * rounds, a timer set to the sleep the round answered (zero: the next round at once). Context thread only, except
 * {@link #wake()}.
 */
public final class DeliveryLoop {

    private final Vertx vertx;
    private final Context context;
    private final Supplier<Future<Duration>> round;
    private boolean running;
    private boolean again;
    private boolean stopped;
    private long timerId = -1;

    /**
     * @param round one round; completes with how long to sleep before the next one. It handles its own failures: a
     *     failed round is a bug, and the loop then rounds again after a second rather than stop for good.
     */
    public DeliveryLoop(Vertx vertx, Context context, Supplier<Future<Duration>> round) {
        this.vertx = vertx;
        this.context = context;
        this.round = round;
    }

    /** A round soon: now, or right after the one running. Any thread. */
    public void wake() {
        context.runOnContext(v -> cycle());
    }

    /** No round after this one. */
    public void stop() {
        stopped = true;
        cancelTimer();
    }

    private void cycle() {
        if (stopped) {
            return;
        }
        if (running) {
            again = true;
            return;
        }
        running = true;
        again = false;
        cancelTimer();
        round.get().onComplete(done -> {
            running = false;
            if (stopped) {
                return;
            }
            Duration sleep = done.succeeded() ? done.result() : Duration.ofSeconds(1);
            if (again || sleep.isZero() || sleep.isNegative()) {
                context.runOnContext(v -> cycle());
                return;
            }
            timerId = vertx.setTimer(Math.max(1, sleep.toMillis()), id -> {
                timerId = -1;
                cycle();
            });
        });
    }

    private void cancelTimer() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
