package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.testkit.MutableClock;

/**
 * Moving a booking with its code ({@code PATCH /api/v1/appointments/{code}}) and the messages a booking's phone gets
 * when the site sends them (issue 17): "đã đặt lịch" at booking, "đã đổi lịch" at each move, recorded in the outbox
 * with the booking and listed for the supervisor without the number. Every refusal with its code.
 */
class AppointmentMovesIT {

    @TempDir
    Path dataDir;

    MutableClock clock;
    TestApi api;

    @BeforeEach
    void start() {
        clock = MutableClock.at(LocalDateTime.now(MutableClock.VIETNAM));
        api = TestApi.startWithDossierRoutes(dataDir, "/http/notify-centre.yaml", clock);
        api.token("kiosk1");
        api.token("supervisor");
        clock.set(AppointmentsIT.MONDAY_EIGHT);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<Buffer> send(HttpMethod method, String path, String user, JsonObject body) {
        return api.send(method, path, user, body == null ? null : body.encode());
    }

    private String book(String service, String start) {
        HttpResponse<Buffer> response = send(
                HttpMethod.POST,
                "/api/v1/sites/demo/appointments",
                null,
                new JsonObject()
                        .put("service", service)
                        .put("start", start)
                        .put("name", "Nguyễn Văn An")
                        .put("phone", "0912345678"));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getString("code");
    }

    private HttpResponse<Buffer> move(String code, String start) {
        return send(HttpMethod.PATCH, "/api/v1/appointments/" + code, null, new JsonObject().put("start", start));
    }

    private JsonObject slot(String service, String date, String start) {
        return send(
                        HttpMethod.GET,
                        "/api/v1/sites/demo/appointments/slots?service=" + service + "&date=" + date,
                        null,
                        null)
                .bodyAsJsonObject()
                .getJsonArray("slots")
                .stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getString("start").equals(start))
                .findFirst()
                .orElseThrow();
    }

    private JsonArray pendingMessages() {
        HttpResponse<Buffer> response =
                send(HttpMethod.GET, "/api/v1/sites/demo/notifications?state=pending", "supervisor", null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("notifications");
    }

    private static void assertRefused(HttpResponse<Buffer> response, int status, String error, String message) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("message")).startsWith(message);
    }

    @Test
    void aMovedBookingKeepsItsCodeFreesItsOldPlaceAndTakesTheNewOne() {
        String code = book("A", "2026-11-23T09:00:00+07:00");

        HttpResponse<Buffer> moved = move(code, "2026-11-24T10:15:00+07:00");

        assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
        JsonObject body = moved.bodyAsJsonObject();
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(body.getBoolean("moved")).isTrue();
        assertThat(body.getString("start")).isEqualTo("2026-11-24T10:15:00+07:00");
        assertThat(body.getString("phone")).isEqualTo("*******678");
        assertThat(slot("A", "2026-11-23", "2026-11-23T09:00:00+07:00").getInteger("booked"))
                .isZero();
        assertThat(slot("A", "2026-11-24", "2026-11-24T10:15:00+07:00").getInteger("booked"))
                .isEqualTo(1);
        assertThat(send(HttpMethod.GET, "/api/v1/appointments/" + code, null, null)
                        .bodyAsJsonObject()
                        .getString("start"))
                .isEqualTo("2026-11-24T10:15:00+07:00");
        JsonArray day = send(HttpMethod.GET, "/api/v1/sites/demo/appointments?date=2026-11-24", "supervisor", null)
                .bodyAsJsonObject()
                .getJsonArray("appointments");
        assertThat(day).hasSize(1);
    }

    @Test
    void theSiteSendsOneConfirmationPerBookingAndOnePerMoveWithoutListingTheNumber() {
        String code = book("A", "2026-11-23T09:00:00+07:00");
        assertThat(move(code, "2026-11-23T10:00:00+07:00").statusCode()).isEqualTo(200);
        assertThat(move(code, "2026-11-23T10:00:00+07:00").statusCode()).isEqualTo(409); // the same slot: nothing

        JsonArray pending = pendingMessages();
        assertThat(pending.stream().map(JsonObject.class::cast).map(m -> m.getString("kind")))
                .containsExactlyInAnyOrder("booked", "booking-moved");
        assertThat(pending.stream().map(JsonObject.class::cast).map(m -> m.getString("id")))
                .containsExactlyInAnyOrder(code + ":booked", code + ":booking-moved:" + 1795402800L);
        assertThat(pending.encode()).doesNotContain("0912345678").doesNotContain("912345678");
    }

    @Test
    void aTimeNoCalendarCanPlaceIsRefusedNotAFailedWriteForEveryone() {
        // Anyone holding a code could send it as often as they liked: it threw on the writer, failing the whole write
        // group (503 to every request of the moment) and rebuilding the sites from the database.
        String code = book("A", "2026-11-23T09:00:00+07:00");
        String farPast = "-999999999-01-01T00:00:00+18:00";

        assertRefused(move(code, farPast), 400, "INVALID_REQUEST", "Trường \"start\"");
        assertRefused(
                send(
                        HttpMethod.POST,
                        "/api/v1/sites/demo/appointments",
                        null,
                        new JsonObject()
                                .put("service", "A")
                                .put("start", farPast)
                                .put("name", "Nguyễn Văn An")
                                .put("phone", "0912345679")),
                400,
                "INVALID_REQUEST",
                "Trường \"start\"");
        assertThat(move(code, "2026-11-24T10:15:00+07:00").statusCode()).isEqualTo(200);
    }

    @Test
    void movesToPastFullClosedOrUnknownPlacesAreRefusedInVietnamese() {
        String code = book("A", "2026-11-23T08:15:00+07:00");
        assertRefused(
                move(code, "2026-11-23T07:45:00+07:00"), 422, "SLOT_UNAVAILABLE", "Khung giờ 07:45 ngày 23/11/2026");
        assertRefused(
                move(code, "2026-11-28T08:00:00+07:00"),
                422,
                "SITE_CLOSED",
                "Ngày 28/11/2026 trung tâm không làm việc.");
        assertRefused(move(code, "sáng mai"), 400, "INVALID_REQUEST", "");
        assertRefused(move("K7M2Q9XA", "2026-11-23T10:00:00+07:00"), 404, "UNKNOWN_APPOINTMENT", "");
        assertRefused(move("AB-1", "2026-11-23T10:00:00+07:00"), 400, "INVALID_REQUEST", "Mã lịch hẹn");

        String full = send(HttpMethod.GET, "/api/v1/sites/demo/appointments/slots?service=C", null, null)
                .bodyAsJsonObject()
                .getJsonArray("slots")
                .stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getInteger("capacity") == 1)
                .findFirst()
                .orElseThrow()
                .getString("start");
        book("C", full);
        String other = book("C", slotOfCapacityOneAfter(full));
        assertRefused(move(other, full), 409, "SLOT_FULL", "Khung giờ");

        clock.set(AppointmentsIT.MONDAY_EIGHT.plusMinutes(10));
        HttpResponse<Buffer> checkedIn =
                send(HttpMethod.POST, "/api/v1/sites/demo/check-in", "kiosk1", new JsonObject().put("code", code));
        assertThat(checkedIn.statusCode()).as(checkedIn.bodyAsString()).isEqualTo(201);
        assertRefused(move(code, "2026-11-23T10:00:00+07:00"), 409, "CONFLICT", "Lịch hẹn " + code);
    }

    private String slotOfCapacityOneAfter(String start) {
        return send(HttpMethod.GET, "/api/v1/sites/demo/appointments/slots?service=C", null, null)
                .bodyAsJsonObject()
                .getJsonArray("slots")
                .stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getInteger("free") >= 1 && !s.getString("start").equals(start))
                .findFirst()
                .orElseThrow()
                .getString("start");
    }
}
