package org.xephang.core.backend.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xephang.testkit.Poll;

class DeliveryLoopTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void wakesDuringARoundRunOneMoreRoundRightAfterItNotOneEach() {
        List<Promise<Duration>> rounds = new CopyOnWriteArrayList<>();
        DeliveryLoop loop = new DeliveryLoop(vertx, context, () -> {
            Promise<Duration> round = Promise.promise();
            rounds.add(round);
            return round.future();
        });

        loop.wake();
        Poll.until(Duration.ofSeconds(5), "the first round", () -> rounds.size() == 1);
        loop.wake();
        loop.wake();
        loop.wake();
        context.runOnContext(v -> rounds.get(0).complete(Duration.ofHours(1)));

        Poll.until(Duration.ofSeconds(5), "the round after the wakes", () -> rounds.size() == 2);
        context.runOnContext(v -> rounds.get(1).complete(Duration.ofHours(1)));
        assertThat(rounds).hasSize(2);
    }

    @Test
    void sleepsWhatTheRoundAnsweredThenRoundsAgainAndNotAfterStop() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        DeliveryLoop loop = new DeliveryLoop(vertx, context, () -> {
            rounds.incrementAndGet();
            return Future.succeededFuture(Duration.ofMillis(20));
        });

        loop.wake();

        Poll.until(Duration.ofSeconds(5), "three rounds, each after its timer", () -> rounds.get() >= 3);
        CompletableFuture<Integer> stoppedAt = new CompletableFuture<>();
        context.runOnContext(v -> {
            loop.stop();
            stoppedAt.complete(rounds.get());
        });
        int roundsAtStop = stoppedAt.get(5, TimeUnit.SECONDS);
        loop.wake();
        // Long enough for the 20 ms timer and the wake to have run a round, had the stop not held.
        CompletableFuture<Integer> later = new CompletableFuture<>();
        vertx.setTimer(200, id -> context.runOnContext(v -> later.complete(rounds.get())));
        assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo(roundsAtStop);
    }

    @Test
    void aRoundThatDeliveredRoundsAgainAtOnceAndAFailedRoundDoesNotStopTheLoop() {
        AtomicInteger rounds = new AtomicInteger();
        DeliveryLoop loop = new DeliveryLoop(vertx, context, () -> switch (rounds.incrementAndGet()) {
            case 1 -> Future.succeededFuture(Duration.ZERO);
            case 2 -> Future.failedFuture(new IllegalStateException("a bug in the round"));
            default -> Future.succeededFuture(Duration.ofHours(1));
        });

        loop.wake();

        Poll.until(Duration.ofSeconds(5), "a round after the failed one", () -> rounds.get() == 3);
    }
}
