package org.xephang.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xephang.api.ServerRotation.Failure;
import org.xephang.testkit.MutableClock;

class ServerRotationTest {

    private static final URI A = URI.create("http://node-a:8080");
    private static final URI B = URI.create("http://node-b:8080");
    private static final URI C = URI.create("http://node-c:8080");

    private final MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 12, 7, 8, 0));

    private ServerRotation rotation(Duration budget, URI... servers) {
        return new ServerRotation(
                new ServerList(List.of(servers)),
                new ServerRotation.Settings(Duration.ofMillis(250), Duration.ofSeconds(4), budget),
                clock,
                new SplittableRandom(7));
    }

    @Test
    void theClientStaysOnTheServerThatAnswersAndMovesToTheNextOneWhenItFails() {
        ServerRotation rotation = rotation(Duration.ofSeconds(20), A, B, C);

        assertThat(rotation.current()).isEqualTo(A);
        rotation.failed(A);
        assertThat(rotation.current()).isEqualTo(B);
        rotation.failed(A); // a late failure of a request sent to A before the move: stays on B
        assertThat(rotation.current()).isEqualTo(B);
        rotation.failed(B);
        rotation.failed(C);
        assertThat(rotation.current()).as("round again").isEqualTo(A);
    }

    @Test
    void eachServerIsTriedAtOnceThenRoundsWaitWithDoublingJitteredBackoffUntilTheBudgetIsSpent() {
        ServerRotation rotation = rotation(Duration.ofSeconds(20), A, B);
        ServerRotation.Attempts attempts = rotation.attempts(true);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Optional<Duration> wait = attempts.failed(rotation.current(), Failure.NOT_APPLIED);
            if (wait.isEmpty()) {
                break;
            }
            waits.add(wait.get());
            clock.advance(wait.get());
        }

        assertThat(waits.get(0)).as("B at once after A").isZero();
        assertThat(waits.get(1)).as("after the first round").isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
        assertThat(waits.get(2)).isZero();
        assertThat(waits.get(3)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(waits.get(5)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(waits.stream().filter(w -> !w.isZero()))
                .as("never longer than maxDelay")
                .allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(4)));
        Duration total = waits.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).as("spent within the budget").isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(total).as("…and most of it").isGreaterThan(Duration.ofSeconds(12));
    }

    @Test
    void jitterSpreadsTheWaitsOfManyClients() {
        List<Duration> firstWaits = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(1);
        for (int client = 0; client < 20; client++) {
            ServerRotation rotation = new ServerRotation(
                    new ServerList(List.of(A)), ServerRotation.Settings.defaults(2), clock, seeds.split());
            firstWaits.add(
                    rotation.attempts(true).failed(A, Failure.NOT_APPLIED).orElseThrow());
        }

        assertThat(firstWaits.stream().distinct().count()).isGreaterThan(5);
    }

    @Test
    void aRequestWhoseAnswerWasLostIsRepeatedOnlyWhenItIsSafeToRepeat() {
        ServerRotation rotation = rotation(Duration.ofSeconds(20), A, B);

        assertThat(rotation.attempts(false).failed(A, Failure.IN_DOUBT))
                .as("a call-next whose answer was lost: the caller decides")
                .isEmpty();
        assertThat(rotation.current()).as("but the client moves on").isEqualTo(B);
        assertThat(rotation.attempts(false).failed(B, Failure.NOT_APPLIED))
                .as("refused by a standby or never sent: safe")
                .contains(Duration.ZERO);
        assertThat(rotation.attempts(true).failed(A, Failure.IN_DOUBT))
                .as("a read or a command with its idempotency key")
                .contains(Duration.ZERO);
    }

    @Test
    void withOneServerAndTheDefaultsEachRequestIsSentOnceAsBeforeLists() {
        ServerRotation rotation = new ServerRotation(
                ServerList.parse("http://node-a:8080"),
                ServerRotation.Settings.defaults(1),
                clock,
                new SplittableRandom());

        assertThat(rotation.attempts(true).failed(A, Failure.NOT_APPLIED)).isEmpty();
        assertThat(rotation.current()).isEqualTo(A);
        assertThat(ServerRotation.Settings.defaults(2).budget()).isEqualTo(Duration.ofSeconds(20));
    }
}
