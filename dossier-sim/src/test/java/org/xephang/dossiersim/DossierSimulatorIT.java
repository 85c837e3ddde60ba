package org.xephang.dossiersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xephang.api.webhook.WebhookSignature;
import org.xephang.dossiersim.SimulatedFailure.Scope;

/** The simulated dossier system's webhook side: bounded records, and a delivery recorded but answered too late. */
class DossierSimulatorIT {

    private final Vertx vertx = Vertx.vertx();
    private final WebClient http = WebClient.create(vertx);
    private DossierSimulator simulator;

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
        http.close();
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheNewestDeliveriesAndKeysAreKept() throws Exception {
        simulator = start(DossierSimulator.Options.defaults().withKeepReceived(5));
        for (int i = 1; i <= 8; i++) {
            assertThat(deliver("event-" + i, 30_000).statusCode()).isEqualTo(200);
        }

        assertThat(simulator.received())
                .extracting(ReceivedDelivery::idempotencyKey)
                .containsExactly("event-4", "event-5", "event-6", "event-7", "event-8");
        assertThat(deliver("event-8", 30_000).bodyAsJsonObject().getBoolean("duplicate"))
                .as("a recent key is still a duplicate")
                .isTrue();
        assertThat(deliver("event-1", 30_000).bodyAsJsonObject().getBoolean("duplicate"))
                .as("a key older than the newest five is forgotten")
                .isFalse();
        assertThat(simulator.received()).hasSize(5);
    }

    @Test
    void theDefaultKeepsTenThousand() {
        assertThat(DossierSimulator.Options.defaults().keepReceived()).isEqualTo(10_000);
        assertThatThrownBy(() -> DossierSimulator.Options.defaults().withKeepReceived(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeliveryRecordedButAnsweredAfterTheClientsTimeoutComesAgainAsADuplicate() throws Exception {
        simulator = start(DossierSimulator.Options.defaults());
        simulator.script(Scope.WEBHOOK, SimulatedFailure.slowAfterRecording(Duration.ofSeconds(2)), 1);

        assertThatThrownBy(() -> deliver("event-1", 300)).as("the client times out");
        // On a busy machine the client's 300 ms can run out before the request even arrives: wait for it to arrive.
        List<ReceivedDelivery> first = awaitReceived(1);
        assertThat(first)
                .as("yet the event got through")
                .singleElement()
                .satisfies(d -> assertThat(d.duplicate()).isFalse());

        HttpResponse<Buffer> retry = deliver("event-1", 30_000);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.bodyAsJsonObject().getBoolean("duplicate")).isTrue();
        List<ReceivedDelivery> received = simulator.received();
        assertThat(received).extracting(ReceivedDelivery::duplicate).containsExactly(false, true);
        assertThat(simulator.accepted()).hasSize(1);
    }

    /** The received deliveries once there are {@code count} of them (at most 10 s). */
    private List<ReceivedDelivery> awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ReceivedDelivery> received = simulator.received();
        while (received.size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10); // polling with a deadline, not a guess at how long it takes
            received = simulator.received();
        }
        return received;
    }

    private DossierSimulator start(DossierSimulator.Options options) throws Exception {
        return DossierSimulator.start(vertx, options).await(30, TimeUnit.SECONDS);
    }

    /** Posts a signed generic-webhook delivery with this idempotency key; waits up to {@code timeoutMillis}. */
    private HttpResponse<Buffer> deliver(String key, long timeoutMillis) throws Exception {
        Buffer body =
                new JsonObject().put("id", key).put("type", "ticket.issued").toBuffer();
        long timestamp = Instant.now().getEpochSecond();
        String signature = new WebhookSignature(simulator.options().webhookSecret()).sign(timestamp, body.getBytes());
        Future<HttpResponse<Buffer>> sent = http.postAbs(simulator.webhookUrl())
                .timeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSignature.IDEMPOTENCY_HEADER, key)
                .putHeader(WebhookSignature.EVENT_TYPE_HEADER, "ticket.issued")
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER, signature)
                .sendBuffer(body);
        return sent.await(30, TimeUnit.SECONDS);
    }
}
