package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.testkit.MutableClock;

/**
 * Appointments on a real server and SQLite (issue 17): slots, booking with masked answers, the staff's day list,
 * cancelling, the kiosk's check-in and where its ticket goes, and every refusal with its code and Vietnamese message.
 * The test centre's field A is served by 16 counters shared with B (six places a slot), C by one counter (about one
 * place every other slot).
 */
class AppointmentsIT {

    /** Monday 23 November 2026, 08:00 in Vietnam. */
    static final LocalDateTime MONDAY_EIGHT = LocalDateTime.of(2026, 11, 23, 8, 0);

    @TempDir
    Path dataDir;

    MutableClock clock;
    TestApi api;

    /**
     * Signs in at the real time (the token library checks expiry against the system clock), then moves the server's
     * clock to the test's Monday.
     */
    @BeforeEach
    void start() {
        clock = MutableClock.at(LocalDateTime.now(MutableClock.VIETNAM));
        api = TestApi.start(dataDir, clock);
        api.token("kiosk1");
        api.token("officer1");
        clock.set(MONDAY_EIGHT);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<Buffer> send(HttpMethod method, String path, String user, JsonObject body) {
        return api.send(method, path, user, body == null ? null : body.encode());
    }

    private static JsonObject booking(String service, String start, String name, String phone) {
        return new JsonObject()
                .put("service", service)
                .put("start", start)
                .put("name", name)
                .put("phone", phone);
    }

    private JsonObject book(String service, String start, String phone) {
        HttpResponse<Buffer> response = send(
                HttpMethod.POST,
                "/api/v1/sites/demo/appointments",
                null,
                booking(service, start, "Nguyễn Văn An", phone));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject();
    }

    private HttpResponse<Buffer> checkIn(String code) {
        return send(HttpMethod.POST, "/api/v1/sites/demo/check-in", "kiosk1", new JsonObject().put("code", code));
    }

    private static void assertRefused(HttpResponse<Buffer> response, int status, String error, String message) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("message")).startsWith(message);
    }

    @Test
    void slotsAreListedFromNowWithTheirFreePlaces() {
        HttpResponse<Buffer> response =
                send(HttpMethod.GET, "/api/v1/sites/demo/appointments/slots?service=A&date=2026-11-23", null, null);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        JsonArray slots = response.bodyAsJsonObject().getJsonArray("slots");
        JsonObject first = slots.getJsonObject(0);
        assertThat(first.getString("start")).isEqualTo("2026-11-23T08:15:00+07:00");
        assertThat(first.getString("end")).isEqualTo("2026-11-23T08:30:00+07:00");
        assertThat(first.getInteger("capacity")).isEqualTo(6);
        assertThat(first.getInteger("free")).isEqualTo(6);

        book("A", "2026-11-23T08:15:00+07:00", "0912345678");
        JsonObject after = send(HttpMethod.GET, "/api/v1/sites/demo/appointments/slots?service=A", null, null)
                .bodyAsJsonObject()
                .getJsonArray("slots")
                .getJsonObject(0);
        assertThat(after.getInteger("booked")).isEqualTo(1);
        assertThat(after.getInteger("free")).isEqualTo(5);
    }

    @Test
    void aBookingIsAnsweredMaskedToThePublic() {
        JsonObject booked = book("A", "2026-11-23T09:00:00+07:00", "+84 912 345 678");

        assertThat(booked.getString("code")).matches("[2-9A-HJKMNP-Z]{8}");
        assertThat(booked.getString("name")).isEqualTo("Nguyễn V*** A");
        assertThat(booked.getString("phone")).isEqualTo("*******678");
        assertThat(booked.getString("serviceName")).isEqualTo("Đất đai");
        assertThat(booked.encode()).doesNotContain("0912345678", "Văn An");

        HttpResponse<Buffer> read = send(
                HttpMethod.GET,
                "/api/v1/appointments/" + booked.getString("code").toLowerCase(),
                null,
                null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.bodyAsJsonObject().getString("name")).isEqualTo("Nguyễn V*** A");
        assertThat(read.bodyAsString()).doesNotContain("0912345678", "Văn An");

        HttpResponse<Buffer> staff =
                send(HttpMethod.GET, "/api/v1/sites/demo/appointments?date=2026-11-23", "officer1", null);
        assertThat(staff.statusCode()).isEqualTo(200);
        JsonObject listed =
                staff.bodyAsJsonObject().getJsonArray("appointments").getJsonObject(0);
        assertThat(listed.getString("name")).isEqualTo("Nguyễn Văn An");
        assertThat(listed.getString("phone")).isEqualTo("*******678");
        assertRefused(send(HttpMethod.GET, "/api/v1/sites/demo/appointments", null, null), 401, "UNAUTHENTICATED", "");
    }

    @Test
    void checkInOnTimeIsServedBeforeTheWalkInsAndARepeatGivesTheSameTicket() {
        String code = book("A", "2026-11-23T08:15:00+07:00", "0912345678").getString("code");
        api.signIn(1);
        JsonObject walkIn = api.issue("A");

        HttpResponse<Buffer> first = checkIn(code);
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
        JsonObject ticket = first.bodyAsJsonObject();
        assertThat(ticket.getString("channel")).isEqualTo("appointment");
        assertThat(ticket.getString("priority")).isEqualTo("lich-hen");
        assertThat(ticket.getJsonObject("appointment").getBoolean("onTime")).isTrue();
        assertThat(ticket.getJsonObject("appointment").getString("code")).isEqualTo(code);

        HttpResponse<Buffer> again = checkIn(code);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(ticket.getString("id"));

        JsonObject called = send(HttpMethod.POST, "/api/v1/sites/demo/counters/1/call-next", "officer1", null)
                .bodyAsJsonObject();
        assertThat(called.getString("id")).isEqualTo(ticket.getString("id"));
        assertThat(called.getString("id")).isNotEqualTo(walkIn.getString("id"));

        assertThat(send(HttpMethod.GET, "/api/v1/appointments/" + code, null, null)
                        .bodyAsJsonObject()
                        .getBoolean("checkedIn"))
                .isTrue();
        assertRefused(
                send(HttpMethod.DELETE, "/api/v1/appointments/" + code, null, null),
                409,
                "CONFLICT",
                "Lịch hẹn " + code + " đã được xác nhận tại trung tâm");
    }

    @Test
    void checkInLaterThanTheGraceIsAWalkIn() {
        String code = book("A", "2026-11-23T08:15:00+07:00", "0912345678").getString("code");
        clock.set(MONDAY_EIGHT.plusMinutes(46));

        HttpResponse<Buffer> late = checkIn(code);

        assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(201);
        assertThat(late.bodyAsJsonObject().getString("priority")).isNull();
        assertThat(late.bodyAsJsonObject().getString("channel")).isEqualTo("appointment");
        assertThat(late.bodyAsJsonObject().getJsonObject("appointment").getBoolean("onTime"))
                .isFalse();
    }

    @Test
    void checkInTooEarlyOnAnotherDayOrWithAnUnknownCodeIsRefused() {
        String later = book("A", "2026-11-23T10:00:00+07:00", "0912345678").getString("code");
        String tomorrow = book("A", "2026-11-24T08:00:00+07:00", "0912345679").getString("code");

        assertRefused(
                checkIn(later), 422, "CHECK_IN_TOO_EARLY", "Chưa đến giờ hẹn (10:00). Mời quay lại xác nhận từ 09:45.");
        assertRefused(checkIn(tomorrow), 422, "APPOINTMENT_ELSEWHERE", "Lịch hẹn " + tomorrow + " là ngày 24/11/2026");
        assertRefused(checkIn("K7M2Q9XA"), 404, "UNKNOWN_APPOINTMENT", "Không tìm thấy lịch hẹn");
        assertRefused(checkIn("0000"), 400, "INVALID_REQUEST", "Mã lịch hẹn gồm 8 ký tự");
        assertRefused(
                send(HttpMethod.POST, "/api/v1/sites/demo/check-in", "officer1", new JsonObject().put("code", later)),
                403,
                "FORBIDDEN",
                "");
    }

    @Test
    void badBookingsAreRefusedWithTheirReasonInVietnamese() {
        String path = "/api/v1/sites/demo/appointments";
        assertRefused(
                send(
                        HttpMethod.POST,
                        path,
                        null,
                        booking("A", "2026-11-23T09:00:00+07:00", "Nguyễn Văn An", "0241234567")),
                400,
                "INVALID_REQUEST",
                "Số điện thoại (phone) phải là số di động Việt Nam");
        assertRefused(
                send(HttpMethod.POST, path, null, booking("A", "2026-11-23T09:00:00+07:00", "<script>", "0912345678")),
                400,
                "INVALID_REQUEST",
                "Họ và tên (name)");
        assertRefused(
                send(
                        HttpMethod.POST,
                        path,
                        null,
                        booking("Z", "2026-11-23T09:00:00+07:00", "Nguyễn Văn An", "0912345678")),
                404,
                "UNKNOWN_SERVICE",
                "Không có lĩnh vực \"Z\"");
        assertRefused(
                send(
                        HttpMethod.POST,
                        path,
                        null,
                        booking("A", "2026-11-23T07:45:00+07:00", "Nguyễn Văn An", "0912345678")),
                422,
                "SLOT_UNAVAILABLE",
                "Khung giờ 07:45 ngày 23/11/2026 đã qua.");
        assertRefused(
                send(
                        HttpMethod.POST,
                        path,
                        null,
                        booking("A", "2026-11-28T08:00:00+07:00", "Nguyễn Văn An", "0912345678")),
                422,
                "SITE_CLOSED",
                "Ngày 28/11/2026 trung tâm không làm việc.");
        assertRefused(
                send(HttpMethod.POST, path, null, booking("A", "tomorrow", "Nguyễn Văn An", "0912345678")),
                400,
                "INVALID_REQUEST",
                "");
        assertRefused(
                send(HttpMethod.GET, "/api/v1/sites/demo/appointments/slots?service=A&date=23/11/2026", null, null),
                400,
                "INVALID_REQUEST",
                "");
    }

    @Test
    void aFullSlotIsRefusedAndACancelledPlaceIsFreeAgain() {
        JsonArray slots = send(HttpMethod.GET, "/api/v1/sites/demo/appointments/slots?service=C", null, null)
                .bodyAsJsonObject()
                .getJsonArray("slots");
        String start = slots.stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getInteger("capacity") == 1)
                .findFirst()
                .orElseThrow()
                .getString("start");
        String code = book("C", start, "0912345678").getString("code");

        assertRefused(
                send(
                        HttpMethod.POST,
                        "/api/v1/sites/demo/appointments",
                        null,
                        booking("C", start, "Trần Thị Bình", "0987654321")),
                409,
                "SLOT_FULL",
                "Khung giờ");

        HttpResponse<Buffer> cancelled = send(HttpMethod.DELETE, "/api/v1/appointments/" + code, null, null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.bodyAsJsonObject().getBoolean("cancelled")).isTrue();
        assertRefused(send(HttpMethod.GET, "/api/v1/appointments/" + code, null, null), 404, "UNKNOWN_APPOINTMENT", "");
        book("C", start, "0987654321");
    }

    @Test
    void theLastPlaceOfASlotGoesToOneOfManySimultaneousBookings() {
        String start = send(HttpMethod.GET, "/api/v1/sites/demo/appointments/slots?service=C", null, null)
                .bodyAsJsonObject()
                .getJsonArray("slots")
                .stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getInteger("capacity") == 1)
                .findFirst()
                .orElseThrow()
                .getString("start");
        List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(api.http
                    .post("/api/v1/sites/demo/appointments")
                    .sendJsonObject(booking("C", start, "Nguyễn Văn An", "09123456" + (10 + i))));
        }
        List<Integer> statuses = answers.stream()
                .map(answer -> TestApi.await(answer).statusCode())
                .toList();

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    }

    @Test
    void onePhoneNumberAndOneClientAddressBookOnlySoManyADay() {
        for (int i = 0; i < 3; i++) {
            book("A", "2026-11-23T09:00:00+07:00", "0912345678");
        }
        assertRefused(
                send(
                        HttpMethod.POST,
                        "/api/v1/sites/demo/appointments",
                        null,
                        booking("A", "2026-11-23T09:15:00+07:00", "Nguyễn Văn An", "0912 345 678")),
                429,
                "RATE_LIMITED",
                "Số điện thoại này đã đặt 3 lịch hẹn hôm nay.");
        for (int i = 3; i < 20; i++) {
            book("A", "2026-11-2" + (4 + i % 4) + "T09:00:00+07:00", "09000000" + (10 + i));
        }
        assertRefused(
                send(
                        HttpMethod.POST,
                        "/api/v1/sites/demo/appointments",
                        null,
                        booking("A", "2026-11-24T10:00:00+07:00", "Nguyễn Văn An", "0933333333")),
                429,
                "RATE_LIMITED",
                "Đã có 20 lịch hẹn được đặt từ mạng này hôm nay.");

        clock.set(MONDAY_EIGHT.plusDays(1));
        book("A", "2026-11-24T10:00:00+07:00", "0912345678");
    }

    @Test
    void anAddressWalkingBookingCodesIsSlowedDownAndTheCodesItFindsAreNone() {
        String code = book("A", "2026-11-23T09:00:00+07:00", "0912345678").getString("code");
        java.util.Random random = new java.util.Random(17);
        int unknown = 0;
        HttpResponse<Buffer> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            StringBuilder guess = new StringBuilder();
            for (int c = 0; c < 8; c++) {
                guess.append(org.xephang.core.appointment.BookingCode.ALPHABET.charAt(
                        random.nextInt(org.xephang.core.appointment.BookingCode.ALPHABET.length())));
            }
            HttpResponse<Buffer> answer = send(HttpMethod.GET, "/api/v1/appointments/" + guess, null, null);
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(404);
                unknown++;
            }
        }

        assertThat(refused).as("refused after %d unknown codes", unknown).isNotNull();
        assertThat(unknown).isLessThanOrEqualTo(AppointmentRoutes.UNKNOWN_CODES_PER_MINUTE / 3 + 1);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("RATE_LIMITED");
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        // a cancel by a guessed code is held back the same way, and the real booking stays
        assertThat(send(HttpMethod.DELETE, "/api/v1/appointments/" + code, null, null)
                        .statusCode())
                .isEqualTo(429);
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(send(HttpMethod.GET, "/api/v1/appointments/" + code, null, null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theNameAndPhoneOfAPastDaysBookingAreBlankedAtTheNextStart() {
        String code = book("A", "2026-11-23T09:00:00+07:00", "0912345678").getString("code");
        api.close();
        clock.set(MONDAY_EIGHT.plusDays(1));

        api = TestApi.start(dataDir, clock);

        TestApi.eventually(
                Duration.ofSeconds(20),
                () -> api.engine
                                .appointments()
                                .find(code)
                                .toCompletableFuture()
                                .join()
                                .phone()
                        == null);
        assertThat(api.engine
                        .appointments()
                        .find(code)
                        .toCompletableFuture()
                        .join()
                        .name())
                .isNull();
    }

    @Test
    void aBookingIsTurnedIntoATicketOnlyOnce() {
        String code = book("A", "2026-11-23T08:15:00+07:00", "0912345678").getString("code");
        clock.advance(Duration.ofMinutes(5));
        String id = checkIn(code).bodyAsJsonObject().getString("id");
        clock.advance(Duration.ofMinutes(40));
        HttpResponse<Buffer> late = checkIn(code);
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.bodyAsJsonObject().getString("id")).isEqualTo(id);
    }
}
