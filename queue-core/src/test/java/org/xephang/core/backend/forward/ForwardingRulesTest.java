package org.xephang.core.backend.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xephang.api.webhook.WebhookSignature;
import org.xephang.core.persistence.Outbox.DeliveryState;
import org.xephang.core.persistence.Outbox.Entry;

/** The pure rules of forwarding: ordering plan, backoff, Retry-After, signatures, the OpenCPS mapping. */
class ForwardingRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");

    @Test
    void aTicketsLaterEventWaitsWhileAnEarlierOneIsBackingOff() {
        Entry issued = entry(1, "T1", "ticket.issued", NOW.plusSeconds(5));
        Entry called = entry(2, "T1", "ticket.called", NOW);
        Entry other = entry(3, "T2", "ticket.issued", NOW);

        List<List<Entry>> chains = DeliveryPlan.chains(List.of(called, other, issued), List.of(), NOW, Instant.MIN);

        assertThat(chains).containsExactly(List.of(other));
    }

    @Test
    void dueEventsOfATicketFormOneChainInSeqOrder() {
        Entry completed = entry(7, "T1", "ticket.completed", NOW);
        Entry issued = entry(1, "T1", "ticket.issued", NOW.minusSeconds(60));
        Entry called = entry(4, "T1", "ticket.called", NOW);

        assertThat(DeliveryPlan.chains(List.of(completed, issued, called), List.of(), NOW, Instant.MIN))
                .containsExactly(List.of(issued, called, completed));
    }

    @Test
    void aDeadEventHoldsBackTheRestOfItsTicketButNotOthers() {
        Entry dead = entry(1, "T1", "ticket.issued", NOW);
        Entry later = entry(2, "T1", "ticket.called", NOW);
        Entry other = entry(3, "T2", "ticket.issued", NOW);

        assertThat(DeliveryPlan.chains(List.of(later, other), List.of(dead), NOW, Instant.MIN))
                .containsExactly(List.of(other));
    }

    @Test
    void nothingIsSentWhileTheEndpointAskedUsToWait() {
        Entry due = entry(1, "T1", "ticket.issued", NOW);

        assertThat(DeliveryPlan.chains(List.of(due), List.of(), NOW, NOW.plusSeconds(1)))
                .isEmpty();
        assertThat(DeliveryPlan.chains(List.of(due), List.of(), NOW.plusSeconds(1), NOW.plusSeconds(1)))
                .hasSize(1);
    }

    @Test
    void counterEventsAreOrderedPerCounter() {
        Entry paused = counterEntry(1, 3, "counter.paused");
        Entry resumed = counterEntry(2, 3, "counter.resumed");
        Entry otherCounter = counterEntry(3, 4, "counter.paused");

        assertThat(DeliveryPlan.chains(List.of(resumed, otherCounter, paused), List.of(), NOW, Instant.MIN))
                .containsExactly(List.of(paused, resumed), List.of(otherCounter));
    }

    @Test
    void backoffDoublesWithJitterAndStopsAtTheMaximum() {
        Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.999_999);

        assertThat(lowest.afterFailure(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.afterFailure(1)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(lowest.afterFailure(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(highest.afterFailure(40)).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(lowest.afterFailure(40)).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 01:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 00:59:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("999999", NOW)).contains(Duration.ofHours(1));
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void aSignatureVerifiesOnlyForTheSameSecretBodyAndARecentTimestamp() {
        WebhookSignature signer = new WebhookSignature("s3cret");
        byte[] body = "{\"id\":\"e1\",\"type\":\"ticket.issued\"}".getBytes(StandardCharsets.UTF_8);
        long timestamp = NOW.getEpochSecond();
        String header = signer.sign(timestamp, body);

        assertThat(header).matches("v1=[0-9a-f]{64}");
        assertThat(signer.verify(header, Long.toString(timestamp), body, NOW, Duration.ofMinutes(5)))
                .isTrue();
        assertThat(new WebhookSignature("other")
                        .verify(header, Long.toString(timestamp), body, NOW, Duration.ofMinutes(5)))
                .as("another secret")
                .isFalse();
        byte[] tampered = "{\"id\":\"e1\",\"type\":\"ticket.called\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(signer.verify(header, Long.toString(timestamp), tampered, NOW, Duration.ofMinutes(5)))
                .as("another body")
                .isFalse();
        assertThat(signer.verify(header, Long.toString(timestamp), body, NOW.plusSeconds(301), Duration.ofMinutes(5)))
                .as("replayed later")
                .isFalse();
        assertThat(signer.verify("v1=zz", Long.toString(timestamp), body, NOW, Duration.ofMinutes(5)))
                .isFalse();
    }

    @Test
    void aKnownSignatureValueMatchesTheDocumentedExample() {
        // docs/webhook.md shows this example; receivers in other languages can check themselves against it.
        String header = new WebhookSignature("demo-webhook-secret")
                .sign(1795400000L, "{\"id\":\"evt-1\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(header).isEqualTo(WebhookDocExample.SIGNATURE);
    }

    @Test
    void openCpsBookingStatesFollowTheTicketLifecycle() {
        assertThat(OpenCpsBookingProfile.state("ticket.issued")).isEqualTo(1);
        assertThat(OpenCpsBookingProfile.state("ticket.called")).isEqualTo(2);
        assertThat(OpenCpsBookingProfile.state("ticket.no-show")).isEqualTo(3);
        assertThat(OpenCpsBookingProfile.state("ticket.completed")).isEqualTo(4);
        assertThat(OpenCpsBookingProfile.state("ticket.rated")).isNull();
        assertThat(OpenCpsBookingProfile.state("counter.paused")).isNull();
    }

    @Test
    void openCpsBookingIsAFormWithTheTicketNumberServiceAndCounter() {
        var profile = new OpenCpsBookingProfile("http://opencps.test/", "35404", Map.of("A", "HT"));
        Entry called = new Entry(
                "s1",
                9,
                "evt-9",
                "ticket.called",
                NOW,
                new JsonObject()
                        .put("type", "ticket.called")
                        .put(
                                "ticket",
                                new JsonObject()
                                        .put("id", "tk1")
                                        .put("number", "A012")
                                        .put("service", "A")
                                        .put("counter", 5)
                                        .put("issuedAt", "2026-11-23T00:15:00Z")),
                DeliveryState.PENDING,
                0,
                NOW,
                null);

        OutboundRequest request = profile.render(called).orElseThrow();

        assertThat(request.url()).isEqualTo("http://opencps.test/o/rest/v2/bookings");
        assertThat(request.headers()).containsEntry("groupId", "35404");
        assertThat(request.body().toString())
                .isEqualTo("className=org.xephang.ticket&classPK=tk1&codeNumber=A012&serviceCode=HT&gateNumber=5"
                        + "&state=2&checkinDate=23%2F11%2F2026+07%3A15%3A00");
        assertThat(profile.render(counterEntry(1, 5, "counter.paused"))).isEmpty();
    }

    private static Entry entry(long seq, String ticket, String type, Instant nextAttempt) {
        JsonObject payload =
                new JsonObject().put("seq", seq).put("type", type).put("ticket", new JsonObject().put("id", ticket));
        return new Entry(
                "s1",
                seq,
                "evt-" + seq,
                type,
                NOW.minusSeconds(100 - seq),
                payload,
                DeliveryState.PENDING,
                0,
                nextAttempt,
                null);
    }

    private static Entry counterEntry(long seq, int counter, String type) {
        JsonObject payload = new JsonObject().put("seq", seq).put("type", type).put("counter", counter);
        return new Entry("s1", seq, "evt-" + seq, type, NOW, payload, DeliveryState.PENDING, 0, NOW, null);
    }
}
