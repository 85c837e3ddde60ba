package org.xephang.core.backend.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.xephang.testkit.Await.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xephang.core.backend.notify.InMemoryNotificationQueue.State;
import org.xephang.core.notify.Notification;
import org.xephang.core.notify.NotificationKind;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.dossiersim.MessagingSimulator;
import org.xephang.dossiersim.MessagingSimulator.Failure;
import org.xephang.testkit.MutableClock;
import org.xephang.testkit.Poll;

/**
 * The sender against the simulated SMS gateway and Zalo endpoint over real HTTP: every message reaches the citizen
 * once, through 429s with Retry-After, 500s and unanswered requests, within the provider's rate; a refusal is given up
 * and counted. The clock is the test's: retries and the rate limit move only when the test moves it.
 */
class NotificationSenderIT {

    private static final String SITE = "s1";
    private static final PhoneNumber PHONE = PhoneNumber.require("0912345678");

    private final MutableClock clock = MutableClock.at(LocalDateTime.of(2026, 12, 7, 8, 15));
    private final InMemoryNotificationQueue queue = new InMemoryNotificationQueue();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Vertx vertx;
    private MessagingSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = await(MessagingSimulator.start(vertx));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    /** A generous timeout: a first request on a busy machine must not time out where a test does not script it. */
    private NotificationProviders providers(int perMinute, String zaloToken) {
        return providers(perMinute, zaloToken, Duration.ofSeconds(5));
    }

    private NotificationProviders providers(int perMinute, String zaloToken, Duration timeout) {
        return new NotificationProviders(
                new SmsGatewayProfile.Config(
                        simulator.url(MessagingSimulator.SMS_PATH), MessagingSimulator.API_KEY, null, "UBND-Q1", false),
                new ZaloZnsProfile.Config(
                        simulator.url(MessagingSimulator.ZNS_PATH),
                        zaloToken,
                        Map.of(NotificationKind.NEAR_TURN, "231456", NotificationKind.CALLED, "231457")),
                perMinute,
                timeout,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                null);
    }

    private void startSender(NotificationProviders providers) throws Exception {
        await(vertx.deployVerticle(new NotificationSender(queue, providers, clock, Duration.ofMillis(20), registry)));
    }

    private static Notification near(String ticket) {
        return new Notification(
                NotificationKind.NEAR_TURN.idempotencyKey(ticket),
                NotificationKind.NEAR_TURN,
                PHONE,
                "A012",
                "Bộ phận Một cửa xã Thử",
                2,
                null);
    }

    private static Notification called(String ticket) {
        return new Notification(
                NotificationKind.CALLED.idempotencyKey(ticket),
                NotificationKind.CALLED,
                PHONE,
                "A012",
                "Bộ phận Một cửa xã Thử",
                0,
                "5");
    }

    @Test
    void eachMessageReachesTheSmsGatewayOnceWithItsKeyAndWithoutDiacritics() throws Exception {
        startSender(providers(60, MessagingSimulator.ACCESS_TOKEN));
        queue.add(SITE, "sms", near("T1"), clock.instant());
        queue.add(SITE, "sms", called("T1"), clock.instant());

        waitFor(() -> queue.rows().stream().allMatch(row -> row.state() == State.SENT));

        assertThat(simulator.received())
                .extracting(MessagingSimulator.Received::key, MessagingSimulator.Received::phone)
                .containsExactlyInAnyOrder(tuple("T1:near-turn", "84912345678"), tuple("T1:called", "84912345678"));
        assertThat(simulator.received())
                .extracting(MessagingSimulator.Received::textOrTemplate)
                .contains("Moi so A012 den quay 5 tai Bo phan Mot cua xa Thu.");
        assertThat(registry.get("xephang.notifications.sent")
                        .tag("provider", "sms")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void throughA429AServerErrorAndAnUnansweredRequestTheMessageArrivesExactlyOnce() throws Exception {
        simulator.fail(Failure.RATE_LIMITED, 1);
        simulator.fail(Failure.SERVER_ERROR, 1);
        simulator.fail(Failure.NO_ANSWER, 1);
        startSender(providers(60, MessagingSimulator.ACCESS_TOKEN, Duration.ofMillis(300)));
        queue.add(SITE, "zalo", called("T2"), clock.instant());

        waitFor(() -> {
            if (queue.row("T2:called").state() == State.SENT) {
                return true;
            }
            clock.advance(Duration.ofSeconds(3)); // past any backoff (≤ 2 s) and the 1 s Retry-After
            return false;
        });

        assertThat(simulator.delivered()).hasSize(1);
        assertThat(simulator.delivered().get(0).key()).isEqualTo("T2:called");
        assertThat(simulator
                        .delivered()
                        .get(0)
                        .body()
                        .getJsonObject("template_data")
                        .getString("counter"))
                .isEqualTo("5");
        assertThat(registry.get("xephang.notifications.retried")
                        .tag("provider", "zalo")
                        .counter()
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aProviderGetsNoMoreMessagesThanItsRateAllows() throws Exception {
        startSender(providers(6, MessagingSimulator.ACCESS_TOKEN)); // bursts of 2, then one every 10 s
        for (String ticket : List.of("T1", "T2", "T3", "T4")) {
            queue.add(SITE, "sms", called(ticket), clock.instant());
        }

        waitFor(() -> sent() == 2);
        assertThat(simulator.received()).hasSize(2);
        assertThat(queue.rows()).filteredOn(row -> row.state() == State.PENDING).hasSize(2);

        clock.advance(Duration.ofSeconds(10));
        waitFor(() -> sent() == 3);
        assertThat(simulator.received()).hasSize(3);
        assertThat(queue.rows()).filteredOn(row -> row.state() == State.PENDING).hasSize(1);

        clock.advance(Duration.ofSeconds(10));
        waitFor(() -> queue.rows().stream().allMatch(row -> row.state() == State.SENT));
        assertThat(simulator.delivered()).hasSize(4);
    }

    @Test
    void aRefusedMessageIsGivenUpWithTheProvidersReasonAndCounted() throws Exception {
        startSender(providers(60, "expired-token"));
        queue.add(SITE, "zalo", near("T3"), clock.instant());

        waitFor(() -> queue.row("T3:near-turn").state() == State.DEAD);

        assertThat(queue.row("T3:near-turn").lastError()).isEqualTo("Zalo error -124: Access token is invalid");
        assertThat(registry.get("xephang.notifications.dead")
                        .tag("provider", "zalo")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(simulator.delivered()).isEmpty();
    }

    @Test
    void aMessageForAProviderWithoutAccountIsGivenUpAtOnce() throws Exception {
        startSender(new NotificationProviders(null, null, 60, null, null, null, null));
        queue.add(SITE, "sms", near("T4"), clock.instant());

        waitFor(() -> queue.row("T4:near-turn").state() == State.DEAD);
        assertThat(queue.row("T4:near-turn").lastError()).contains("no account for provider 'sms'");
    }

    private long sent() {
        return queue.rows().stream().filter(row -> row.state() == State.SENT).count();
    }

    private static void waitFor(BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(20), "the condition", condition);
    }
}
