package org.xephang.core.backend.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.RatingCommand;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.persistence.Outbox.DeliveryState;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.ReceivedDelivery;

/** The OpenCPS bookings profile against the simulator: one booking state per queue change, ratings skipped. */
class OpenCpsForwardingIT {

    @TempDir
    Path dataDir;

    @Test
    void aServedTicketBecomesBookingsWaitingCalledDoneInOrder() throws Exception {
        Vertx vertx = Vertx.vertx();
        DossierSimulator simulator = await(DossierSimulator.start(vertx, DossierSimulator.Options.defaults()));
        QueueEngine engine = QueueEngine.open(
                CentreConfigLoader.parse("""
                        sites:
                          - code: s1
                            name: Xã Thử
                            services: [{ code: A, name: Hộ tịch }]
                            counters: [{ number: 4, services: [A] }]
                        """, "opencps test"),
                dataDir,
                Clock.systemUTC(),
                new EngineOptions(true, "http://q.test"));
        try {
            ForwarderConfig config = new ForwarderConfig(
                    "opencps",
                    simulator.openCpsBaseUrl(),
                    simulator.options().webhookSecret(),
                    Duration.ofSeconds(3),
                    Duration.ofMillis(20),
                    Duration.ofMillis(100),
                    null,
                    Duration.ofMillis(50),
                    0,
                    "35404",
                    Map.of("A", "1.001193"));
            await(vertx.deployVerticle(new OutboxForwarder(engine.outbox(), config, Clock.systemUTC(), engine, null)));
            Actor officer = new Actor("officer4", Role.OFFICER);
            String id = join(engine.issue("s1", new IssueCommand("A", null, null, null), new Actor("k", Role.KIOSK)))
                    .ticket()
                    .id();
            join(engine.signIn("s1", 4, officer));
            Ticket called = join(engine.callNext("s1", 4, officer)).orElseThrow();
            join(engine.start(called.id(), officer));
            join(engine.complete(called.id(), officer));
            join(engine.rate(called.id(), new RatingCommand(1, 3, null), officer));

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (engine.outbox().count(DeliveryState.PENDING) > 0) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }

            List<ReceivedDelivery> bookings = simulator.accepted();
            assertThat(bookings).allSatisfy(b -> {
                assertThat(b.path()).isEqualTo("/o/rest/v2/bookings");
                assertThat(b.form()).containsEntry("classPK", id).containsEntry("codeNumber", "A001");
                assertThat(b.form()).containsEntry("serviceCode", "1.001193");
            });
            assertThat(bookings).extracting(b -> b.form().get("state")).containsExactly("1", "2", "2", "4");
            assertThat(bookings)
                    .extracting(ReceivedDelivery::eventType)
                    .containsExactly("ticket.issued", "ticket.called", "ticket.started", "ticket.completed");
            assertThat(bookings.get(1).form()).containsEntry("gateNumber", "4");
        } finally {
            engine.close();
            simulator.close();
            await(vertx.close());
        }
    }

    private static <T> T join(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
