package org.xephang.core.backend.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.persistence.Outbox.DeliveryState;
import org.xephang.core.persistence.Outbox.Entry;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.testkit.Deliveries;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.ReceivedDelivery;
import org.xephang.dossiersim.SimulatedFailure;
import org.xephang.dossiersim.SimulatedFailure.Scope;
import org.xephang.testkit.Poll;

/**
 * The dossier system is down for a long stretch (500s, timeouts, 429s and 503s with Retry-After, and answers lost
 * after it had stored the event), then recovers: every event is delivered, each ticket's in order on first delivery,
 * none lost, and the duplicates the lost answers cause are retries with the same idempotency key and body. The same
 * with the server stopped and reopened in the middle. Real SQLite, real HTTP.
 */
class ForwarderOutageIT {

    private static final String SITE = "s1";
    /** Deliveries the simulator stores but answers only after the forwarder's 300 ms timeout: each causes a repeat. */
    private static final int LOST_ANSWERS = 4;

    private static final String YAML = """
            sites:
              - code: s1
                name: Bộ phận Một cửa xã Thử
                services:
                  - { code: A, name: Hộ tịch }
                  - { code: B, name: Chứng thực }
                counters:
                  - { number: 1, services: [A] }
                  - { number: 2, services: [A, B] }
                  - { number: 3, services: [B] }
            """;

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private DossierSimulator simulator;
    private CentreConfig config;
    private QueueEngine engine;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = await(DossierSimulator.start(vertx, DossierSimulator.Options.defaults()));
        config = CentreConfigLoader.parse(YAML, "outage test");
        engine = openEngine();
    }

    @AfterEach
    void stop() throws Exception {
        simulator.close();
        await(vertx.close());
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void everyEventArrivesInOrderPerTicketAfterALongOutage() throws Exception {
        scriptLongOutage();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        String deployment = await(vertx.deployVerticle(forwarder(metrics)));

        List<String> tickets = serveSomeTickets(engine, 12);

        waitUntil(Duration.ofSeconds(60), () -> simulator.pendingFailures(Scope.WEBHOOK) == 0 && pending() == 0);
        await(vertx.undeploy(deployment));

        assertEverythingDeliveredInOrder(tickets);
        assertThat(metrics.get("xephang.outbox.failures")
                        .tag("cause", "http_5xx")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(15);
        assertThat(metrics.get("xephang.outbox.failures")
                        .tag("cause", "timeout")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(4);
        assertThat(metrics.get("xephang.outbox.failures")
                        .tag("cause", "http_429")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void eventsPendingWhenTheServerStopsAreDeliveredAfterItComesBack() throws Exception {
        scriptLongOutage();
        String deployment = await(vertx.deployVerticle(forwarder(null)));
        List<String> tickets = new ArrayList<>(serveSomeTickets(engine, 8));
        waitUntil(Duration.ofSeconds(30), () -> simulator.pendingFailures(Scope.WEBHOOK) < 20);

        // The server goes away in the middle of the outage: the store first, as in a crash, then the forwarder.
        engine.close();
        engine = null;
        await(vertx.undeploy(deployment));
        assertThat(simulator.accepted().size())
                .as("not everything got through before the stop")
                .isLessThan(40);

        engine = openEngine();
        await(vertx.deployVerticle(forwarder(null)));
        tickets.addAll(serveSomeTickets(engine, 4));

        waitUntil(Duration.ofSeconds(60), () -> simulator.pendingFailures(Scope.WEBHOOK) == 0 && pending() == 0);
        assertEverythingDeliveredInOrder(tickets);
    }

    private void scriptLongOutage() {
        simulator.script(Scope.WEBHOOK, SimulatedFailure.serverError(), 15);
        simulator.script(Scope.WEBHOOK, SimulatedFailure.timeout(), 4);
        simulator.script(Scope.WEBHOOK, SimulatedFailure.rateLimited(Duration.ofSeconds(1)), 3);
        simulator.script(Scope.WEBHOOK, SimulatedFailure.slowAfterRecording(Duration.ofMillis(900)), LOST_ANSWERS);
        simulator.script(Scope.WEBHOOK, SimulatedFailure.serverError(), 10);
        simulator.script(Scope.WEBHOOK, SimulatedFailure.unavailable(Duration.ofSeconds(1)), 2);
        simulator.script(Scope.WEBHOOK, SimulatedFailure.slow(Duration.ofMillis(100)), 5);
    }

    private OutboxForwarder forwarder(SimpleMeterRegistry metrics) {
        ForwarderConfig forwarding = ForwarderConfig.webhook(
                        simulator.webhookUrl(), simulator.options().webhookSecret())
                .withTimings(
                        Duration.ofMillis(300),
                        Duration.ofMillis(20),
                        Duration.ofMillis(200),
                        Duration.ofMinutes(10),
                        Duration.ofMillis(50));
        return new OutboxForwarder(engine.outbox(), forwarding, Clock.systemUTC(), engine, metrics);
    }

    private QueueEngine openEngine() {
        return QueueEngine.open(config, dataDir, Clock.systemUTC(), new EngineOptions(true, "http://q.test"));
    }

    /** Issues tickets and takes most of them through call, start and complete at three counters. */
    private static List<String> serveSomeTickets(QueueEngine engine, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(join(engine.issue(
                            SITE,
                            new IssueCommand(i % 2 == 0 ? "A" : "B", null, null, null),
                            new Actor("kiosk1", Role.KIOSK)))
                    .ticket()
                    .id());
        }
        for (int counter = 1; counter <= 3; counter++) {
            Actor officer = new Actor("officer" + counter, Role.OFFICER);
            join(engine.signIn(SITE, counter, officer));
            for (int round = 0; round < 3; round++) {
                Ticket called = join(engine.callNext(SITE, counter, officer)).orElse(null);
                if (called == null) {
                    break;
                }
                join(engine.start(called.id(), officer));
                join(engine.complete(called.id(), officer));
            }
            join(engine.signOut(SITE, counter, officer));
        }
        return ids;
    }

    private void assertEverythingDeliveredInOrder(List<String> tickets) throws Exception {
        List<Entry> all = engine.outbox().list(SITE, DeliveryState.DELIVERED, 10_000);
        assertThat(engine.outbox().count(DeliveryState.PENDING)).isZero();
        assertThat(engine.outbox().count(DeliveryState.DEAD)).isZero();
        Map<String, Long> seqById = new HashMap<>();
        all.forEach(e -> seqById.put(e.eventId(), e.seq()));

        List<ReceivedDelivery> received = simulator.received();
        assertThat(received).allSatisfy(d -> assertThat(d.signatureValid()).isTrue());
        assertThat(received).allSatisfy(d -> assertThat(seqById).containsKey(d.idempotencyKey()));
        Set<String> acceptedIds = new HashSet<>();
        simulator.accepted().forEach(d -> acceptedIds.add(d.idempotencyKey()));
        assertThat(acceptedIds).as("none lost").isEqualTo(seqById.keySet());
        assertThat(Deliveries.assertDuplicatesAreSameKeyRetries(received))
                .as("every lost answer made the forwarder send that event again")
                .isGreaterThanOrEqualTo(LOST_ANSWERS);

        // Per-ticket order, judged on each event's first delivery (what the dossier system stored).
        Map<String, Long> lastSeqPerTicket = new HashMap<>();
        int ticketEvents = 0;
        for (ReceivedDelivery delivery : simulator.accepted()) {
            JsonObject event = delivery.json();
            JsonObject ticket = event.getJsonObject("ticket");
            if (ticket == null) {
                continue;
            }
            ticketEvents++;
            long seq = event.getLong("seq");
            Long previous = lastSeqPerTicket.put(ticket.getString("id"), seq);
            assertThat(previous == null || previous < seq)
                    .as("ticket %s: event %d arrived after %d", ticket.getString("number"), seq, previous)
                    .isTrue();
        }
        assertThat(lastSeqPerTicket.keySet()).containsAll(tickets);
        assertThat(ticketEvents).isGreaterThan(tickets.size());
    }

    private long pending() {
        try {
            return engine.outbox().count(DeliveryState.PENDING);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(Duration limit, BooleanSupplier condition) {
        Poll.until(limit, Duration.ofMillis(20), "the condition", condition);
    }

    private static <T> T join(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
