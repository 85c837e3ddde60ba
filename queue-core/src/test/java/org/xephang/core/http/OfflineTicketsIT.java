package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosks' number blocks and offline uploads over real HTTP (docs/adr/0029-offline-issuing.md): the answers, and
 * every bad input refused with its code and a Vietnamese message.
 */
@Timeout(60)
class OfflineTicketsIT {

    @TempDir
    Path dataDir;

    TestApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private HttpResponse<Buffer> post(String path, String user, JsonObject body) {
        return api.send(HttpMethod.POST, "/api/v1/sites/demo" + path, user, body.encode());
    }

    private static JsonObject ticket(String id, int sequence, String tappedAt) {
        return new JsonObject()
                .put("id", id)
                .put("service", "A")
                .put("sequence", sequence)
                .put("tappedAt", tappedAt);
    }

    @Test
    void aKioskIsLeasedABlockAndItsUploadIsPlacedAndAnsweredAgainTheSame() {
        api = TestApi.startWith(dataDir, "/http/centre-offline.yaml");

        HttpResponse<Buffer> lease = post("/number-blocks", "kiosk1", new JsonObject().put("service", "A"));

        assertThat(lease.statusCode()).as(lease.bodyAsString()).isEqualTo(200);
        JsonObject block = lease.bodyAsJsonObject().getJsonArray("blocks").getJsonObject(0);
        assertThat(lease.bodyAsJsonObject().getInteger("refillBelow")).isEqualTo(3);
        assertThat(block.getInteger("last") - block.getInteger("first")).isEqualTo(9);
        JsonObject upload = new JsonObject()
                .put(
                        "tickets",
                        new JsonArray()
                                .add(ticket(
                                        "AAAAAAAAAAAAAAA1",
                                        block.getInteger("first"),
                                        Instant.now().toString())));

        HttpResponse<Buffer> first = post("/offline-tickets", "kiosk1", upload);
        HttpResponse<Buffer> again = post("/offline-tickets", "kiosk1", upload);

        JsonObject created = first.bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
        assertThat(created.getString("status")).isEqualTo("created");
        assertThat(created.getJsonObject("ticket").getString("channel")).isEqualTo("kiosk-offline");
        JsonObject replayed = again.bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
        assertThat(replayed.getString("status")).isEqualTo("replayed");
        assertThat(replayed.getJsonObject("ticket").getString("number"))
                .isEqualTo(created.getJsonObject("ticket").getString("number"));
    }

    @Test
    void aSiteWithOfflineIssuingOffRefusesLeasesInVietnamese() {
        api = TestApi.start(dataDir);

        HttpResponse<Buffer> refused = post("/number-blocks", "kiosk1", new JsonObject().put("service", "A"));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("CONFLICT");
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("không cấp số dự phòng");
    }

    @Test
    void badUploadsAreRefusedNamingTheField() {
        api = TestApi.startWith(dataDir, "/http/centre-offline.yaml");

        HttpResponse<Buffer> noTickets = post("/offline-tickets", "kiosk1", new JsonObject());
        HttpResponse<Buffer> badTime = post(
                "/offline-tickets",
                "kiosk1",
                new JsonObject().put("tickets", new JsonArray().add(ticket("AAAAAAAAAAAAAAA1", 1, "9 giờ sáng"))));
        JsonArray many = new JsonArray();
        IntStream.rangeClosed(1, OfflineRoutes.MAX_TICKETS_PER_UPLOAD + 1)
                .forEach(i -> many.add(ticket("AAAAAAAAAAAAAAA1", i, "2026-11-23T01:00:00Z")));
        HttpResponse<Buffer> tooMany = post("/offline-tickets", "kiosk1", new JsonObject().put("tickets", many));
        HttpResponse<Buffer> unknownService = post("/number-blocks", "kiosk1", new JsonObject().put("service", "Z"));

        assertThat(noTickets.statusCode()).isEqualTo(400);
        assertThat(noTickets.bodyAsJsonObject().getString("message")).contains("\"tickets\"", "bắt buộc");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.bodyAsJsonObject().getString("message")).contains("\"tappedAt\"", "ISO-8601");
        assertThat(tooMany.statusCode()).isIn(400, 413);
        assertThat(unknownService.statusCode()).isEqualTo(404);
        assertThat(unknownService.bodyAsJsonObject().getString("error")).isEqualTo("UNKNOWN_SERVICE");
    }

    @Test
    void aTapTimeFromAnotherEraIsRefusedOnItsOwnAndTheRestOfTheUploadIsPlaced() {
        api = TestApi.startWith(dataDir, "/http/centre-offline.yaml");
        JsonObject block = post("/number-blocks", "kiosk1", new JsonObject().put("service", "A"))
                .bodyAsJsonObject()
                .getJsonArray("blocks")
                .getJsonObject(0);
        // A kiosk whose clock or storage broke: a time no calendar can place failed the whole write group (503) and
        // every upload of the kiosk after it, since it sends its queue again.
        JsonObject upload = new JsonObject()
                .put(
                        "tickets",
                        new JsonArray()
                                .add(ticket(
                                        "AAAAAAAAAAAAAAA2", block.getInteger("first"), "-1000000000-01-01T00:00:00Z"))
                                .add(ticket(
                                        "AAAAAAAAAAAAAAA3",
                                        block.getInteger("first") + 1,
                                        Instant.now().toString())));

        HttpResponse<Buffer> answer = post("/offline-tickets", "kiosk1", upload);

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        JsonArray results = answer.bodyAsJsonObject().getJsonArray("results");
        assertThat(results.getJsonObject(0).getString("status")).isEqualTo("refused");
        assertThat(results.getJsonObject(0).getString("error")).isEqualTo("INVALID_REQUEST");
        assertThat(results.getJsonObject(0).getString("message")).contains("tappedAt");
        assertThat(results.getJsonObject(1).getString("status")).isEqualTo("created");
    }

    @Test
    void aTicketOutsideTheKiosksBlocksIsRefusedOnItsOwn() {
        api = TestApi.startWith(dataDir, "/http/centre-offline.yaml");

        HttpResponse<Buffer> answer = post(
                "/offline-tickets",
                "kiosk1",
                new JsonObject()
                        .put(
                                "tickets",
                                new JsonArray()
                                        .add(ticket(
                                                "AAAAAAAAAAAAAAA1",
                                                5,
                                                Instant.now().toString()))));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject result = answer.bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
        assertThat(result.getString("status")).isEqualTo("refused");
        assertThat(result.getString("error")).isEqualTo("CONFLICT");
        assertThat(result.getString("message")).contains("không thuộc khối số đã cấp cho ki-ốt kiosk1");
    }
}
