package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.QueueServerMain;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.MessagingSimulator;

/**
 * Two nodes of a cluster in one JVM on PostgreSQL, two sites sending SMS (issue 16, docs/adr/0034): a booking made
 * through the node that does not own its site is confirmed by one SMS, read, listed and checked in at a kiosk through
 * that node; the check-in's ticket takes a number through it; an inbound SMS is answered through it; and when the site's
 * owner leaves while the provider fails, the "mời đến quầy" message still due is sent once, by the new owner.
 */
@Timeout(180)
class ClusterMessagesAppointmentsPostgresIT {

    private static final String HASH = "$2a$04$f7KMXmk8FJzQwUWUupsip.GDqYudSa7uV64IoQc6IUlWLerCX.6C6";
    private static final String INBOUND_SECRET = "inbound-secret-of-the-cluster-test";

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private ClusterNodes cluster;
    private MessagingSimulator simulator;
    private DossierSimulator portal;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private Path writeConfig(ZoneOffset zone) throws Exception {
        String sites = ClusterNodes.twoSmsSitesOpenAllDay(zone);
        Path file = dir.resolve("centre.yaml");
        Files.writeString(
                file,
                sites
                        + """
                accounts:
                  - { username: province, role: admin, sites: ALL, passwordHash: "%s" }
                  - { username: kiosk-s1, role: kiosk, sites: [s1], passwordHash: "%s" }
                notifications:
                  timeout: 2s
                  backoff: { initial: 100ms, max: 300ms }
                  sms: { url: "%s", apiKey: %s, brandname: UBND-XT, unicode: true }
                  inbound: { secret: %s }
                dossier:
                  portal: { style: generic, url: "%s", apiKey: %s, timeout: 2s }
                """.formatted(
                                        HASH,
                                        HASH,
                                        simulator.url(MessagingSimulator.SMS_PATH),
                                        MessagingSimulator.API_KEY,
                                        INBOUND_SECRET,
                                        portal.portalGenericUrl(),
                                        DossierSimulator.portalApiKey()));
        return file;
    }

    /** The ids of site s1's messages in the state "sent", read through {@code node}. */
    private List<String> sentThroughOther(QueueServerMain.Running node, String token) {
        try {
            HttpResponse<String> sent = send(node, "GET", "/api/v1/sites/s1/notifications?state=sent", token, null);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            JsonArray listed = new JsonObject(sent.body()).getJsonArray("notifications");
            return listed.stream().map(n -> ((JsonObject) n).getString("id")).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(
            QueueServerMain.Running node, String method, String path, String token, JsonObject body) throws Exception {
        return cluster.send(node.server().localUrl(), method, path, token, body);
    }

    private String login(QueueServerMain.Running node, String username) throws Exception {
        return cluster.login(node.server().localUrl(), username);
    }

    private long deliveredWithKey(String key) {
        return simulator.delivered().stream().filter(r -> r.key().equals(key)).count();
    }

    @Test
    void bookingCheckInAndMessagesWorkThroughAnyNodeAndADueMessageIsSentOnceByTheNewOwner() throws Exception {
        simulator = MessagingSimulator.start(vertx)
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        portal = DossierSimulator.start(vertx, DossierSimulator.Options.defaults())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        ZoneOffset zone = ClusterNodes.nearNoon();
        Path centre = writeConfig(zone);
        cluster = new ClusterNodes(dir, "messages");
        List<Integer> ports = ClusterNodes.freePorts(2);
        QueueServerMain.Running a = cluster.launch("a", centre, ports.get(0), ports, ClusterOptions.DEFAULT_HOLD_BACK);
        QueueServerMain.Running b = cluster.launch("b", centre, ports.get(1), ports, ClusterOptions.DEFAULT_HOLD_BACK);
        ClusterNodes.await(
                "each node runs one site",
                () -> a.cluster().ownedSites().size() == 1
                        && b.cluster().ownedSites().size() == 1);
        QueueServerMain.Running owner = a.cluster().ownedSites().contains("s1") ? a : b;
        QueueServerMain.Running other = owner == a ? b : a;

        // A booking through the node that does not own the site: the owner books it and its SMS goes once.
        ZonedDateTime now = ZonedDateTime.now(zone);
        LocalDateTime next = now.toLocalDateTime()
                .withSecond(0)
                .withNano(0)
                .withMinute(now.getMinute() / 15 * 15)
                .plusMinutes(15);
        HttpResponse<String> booked = send(
                other,
                "POST",
                "/api/v1/sites/s1/appointments",
                null,
                new JsonObject()
                        .put("service", "A")
                        .put("start", next.atOffset(zone).toString())
                        .put("name", "Nguyễn Văn An")
                        .put("phone", "0912345678"));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String code = new JsonObject(booked.body()).getString("code");
        ClusterNodes.await("the booking's SMS is sent", () -> deliveredWithKey(code + ":booked") == 1);

        // Read by its code through either node, listed for the staff through the other node.
        for (QueueServerMain.Running node : List.of(a, b)) {
            HttpResponse<String> read = send(node, "GET", "/api/v1/appointments/" + code, null, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(new JsonObject(read.body()).getString("name")).isEqualTo("Nguyễn V*** A");
        }
        String province = login(other, "province");
        HttpResponse<String> day =
                send(other, "GET", "/api/v1/sites/s1/appointments?date=" + next.toLocalDate(), province, null);
        assertThat(day.statusCode()).as(day.body()).isEqualTo(200);
        assertThat(new JsonObject(day.body())
                        .getJsonArray("appointments")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo(code);

        // Checked in at a kiosk through the other node: a ticket; the same one on a repeat through the owner.
        String kiosk = login(other, "kiosk-s1");
        HttpResponse<String> checkIn =
                send(other, "POST", "/api/v1/sites/s1/check-in", kiosk, new JsonObject().put("code", code));
        assertThat(checkIn.statusCode()).as(checkIn.body()).isEqualTo(201);
        String ticketId = new JsonObject(checkIn.body()).getString("id");
        HttpResponse<String> again =
                send(owner, "POST", "/api/v1/sites/s1/check-in", kiosk, new JsonObject().put("code", code));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(new JsonObject(again.body()).getString("id")).isEqualTo(ticketId);

        // The booking page's other routes through the other node: days, slots, a second booking moved, then cancelled.
        HttpResponse<String> days = send(other, "GET", "/api/v1/sites/s1/appointments/days?service=A", null, null);
        assertThat(days.statusCode()).as(days.body()).isEqualTo(200);
        HttpResponse<String> slots = send(
                other, "GET", "/api/v1/sites/s1/appointments/slots?service=A&date=" + next.toLocalDate(), null, null);
        assertThat(slots.statusCode()).as(slots.body()).isEqualTo(200);
        assertThat(new JsonObject(slots.body()).getJsonArray("slots")).isNotEmpty();
        HttpResponse<String> second = send(
                other,
                "POST",
                "/api/v1/sites/s1/appointments",
                null,
                new JsonObject()
                        .put("service", "A")
                        .put("start", next.plusMinutes(15).atOffset(zone).toString())
                        .put("name", "Trần Thị Bình")
                        .put("phone", "0912345670"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        String code2 = new JsonObject(second.body()).getString("code");
        HttpResponse<String> moved = send(
                other,
                "PATCH",
                "/api/v1/appointments/" + code2,
                null,
                new JsonObject()
                        .put("start", next.plusMinutes(30).atOffset(zone).toString()));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        ClusterNodes.await(
                "the second booking's two messages are sent",
                () -> simulator.delivered().stream()
                                .filter(r -> r.key().startsWith(code2))
                                .count()
                        == 2);
        HttpResponse<String> cancelled = send(other, "DELETE", "/api/v1/appointments/" + code2, null, null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(send(owner, "GET", "/api/v1/appointments/" + code2, null, null)
                        .statusCode())
                .as("cancelled on the owner")
                .isEqualTo(404);

        // The province's portal: its booking imported through the other node, once.
        Instant atPortal = next.plusMinutes(45).atOffset(zone).toInstant();
        portal.addPortalBooking("P-1", "s1", "A", atPortal, "Phạm Thị Dung", "0912345671");
        java.time.LocalDate portalDay =
                atPortal.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate();
        for (int round = 0; round < 2; round++) {
            HttpResponse<String> imported =
                    send(other, "POST", "/api/v1/sites/s1/appointments/import?date=" + portalDay, province, null);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(new JsonObject(imported.body()).getInteger(round == 0 ? "created" : "existing"))
                    .as(imported.body())
                    .isEqualTo(1);
        }

        // The citizen leaves a number for the ticket through the other node; "sắp đến lượt" is due at once.
        HttpResponse<String> subscribed = send(
                other,
                "POST",
                "/api/v1/tickets/" + ticketId + "/notify",
                null,
                new JsonObject().put("phone", "0987654321").put("consent", true));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        ClusterNodes.await("the near-turn message is sent", () -> deliveredWithKey(ticketId + ":near-turn") == 1);
        // The owner marks a message sent once the provider has answered, a moment after the provider has it.
        ClusterNodes.await(
                "the booking's and the near-turn messages are listed as sent through the other node",
                () -> sentThroughOther(other, province)
                        .containsAll(List.of(code + ":booked", ticketId + ":near-turn")));

        // An SMS to the site's number, delivered by the gateway to the node that does not own the site.
        MessagingSimulator.InboundAnswer inbound = simulator
                .deliverInbound(
                        other.server().localUrl() + "/api/v1/sites/s1/sms/inbound",
                        INBOUND_SECRET,
                        Instant.now().getEpochSecond(),
                        "gw-1",
                        "84911222333",
                        "HS H21.65-261122-0001")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(inbound.status()).as(inbound.body()).isEqualTo(202);
        ClusterNodes.await("the inbound SMS is answered", () -> deliveredWithKey("sms-in:s1:gw-1") == 1);

        // The provider fails while the ticket is called: "mời đến quầy" stays due on the owner, which then leaves.
        HttpResponse<String> signedIn = send(other, "POST", "/api/v1/sites/s1/counters/1/sign-in", province, null);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        simulator.fail(MessagingSimulator.Failure.SERVER_ERROR, 100_000);
        int attemptsBefore = simulator.attempts();
        HttpResponse<String> called = send(other, "POST", "/api/v1/tickets/" + ticketId + "/call", province, null);
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        ClusterNodes.await(
                "the owner tries to send the call's message", () -> simulator.attempts() > attemptsBefore + 1);
        owner.close();
        simulator.clearScript();
        ClusterNodes.await(
                "the other node takes the site",
                () -> other.cluster().ownedSites().contains("s1"));
        ClusterNodes.await("the new owner sends the call's message", () -> deliveredWithKey(ticketId + ":called") == 1);

        // Nothing was sent twice, and the ticket's site kept its number.
        // Every message the provider accepted, repeats included: each once.
        List<String> keys = simulator.received().stream()
                .map(MessagingSimulator.Received::key)
                .toList();
        assertThat(keys)
                .doesNotHaveDuplicates()
                .contains(code + ":booked", code2 + ":booked", ticketId + ":near-turn", "sms-in:s1:gw-1")
                .contains(ticketId + ":called")
                .anySatisfy(key -> assertThat(key).startsWith(code2 + ":booking-moved:"))
                .hasSize(6);
        HttpResponse<String> read = send(other, "GET", "/api/v1/appointments/" + code, null, null);
        assertThat(new JsonObject(read.body()).getBoolean("checkedIn")).isTrue();
    }
}
