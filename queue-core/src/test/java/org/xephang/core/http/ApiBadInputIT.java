package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input of every kind gets its JSON error and status, never a 500, and changes nothing. */
class ApiBadInputIT {

    private static final String TICKET = "{ticket}";
    private static final String ISSUE = "/api/v1/sites/demo/tickets";

    @TempDir
    static Path dataDir;

    private static TestApi api;
    private static String waitingTicket;

    @BeforeAll
    static void start() {
        api = TestApi.start(dataDir);
        waitingTicket = api.issue("A").getString("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<Arguments> badRequests() {
        String big = "{\"service\":\"A\",\"channel\":\"" + "x".repeat(70 * 1024) + "\"}";
        return Stream.of(
                bad("malformed JSON", HttpMethod.POST, ISSUE, "kiosk1", "{\"service\":", 400, "INVALID_JSON"),
                bad("a JSON array", HttpMethod.POST, ISSUE, "kiosk1", "[\"A\"]", 400, "INVALID_JSON"),
                bad("a JSON string", HttpMethod.POST, ISSUE, "kiosk1", "\"A\"", 400, "INVALID_JSON"),
                bad(
                        "service of the wrong type",
                        HttpMethod.POST,
                        ISSUE,
                        "kiosk1",
                        "{\"service\":5}",
                        400,
                        "INVALID_REQUEST"),
                bad("missing service", HttpMethod.POST, ISSUE, "kiosk1", "{}", 400, "INVALID_REQUEST"),
                bad("empty body", HttpMethod.POST, ISSUE, "kiosk1", null, 400, "INVALID_REQUEST"),
                bad("blank service", HttpMethod.POST, ISSUE, "kiosk1", "{\"service\":\"  \"}", 400, "INVALID_REQUEST"),
                bad("unknown service", HttpMethod.POST, ISSUE, "kiosk1", "{\"service\":\"Z\"}", 404, "UNKNOWN_SERVICE"),
                bad(
                        "unknown priority",
                        HttpMethod.POST,
                        ISSUE,
                        "kiosk1",
                        "{\"service\":\"A\",\"priority\":\"vip\"}",
                        400,
                        null),
                bad(
                        "the check-in's own channel (it issues even for a field closed to new numbers)",
                        HttpMethod.POST,
                        ISSUE,
                        "kiosk1",
                        "{\"service\":\"A\",\"channel\":\"appointment\"}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "unknown site",
                        HttpMethod.POST,
                        "/api/v1/sites/nowhere/tickets",
                        "kiosk1",
                        "{\"service\":\"A\"}",
                        404,
                        "UNKNOWN_SITE"),
                bad("body over 64 KiB", HttpMethod.POST, ISSUE, "kiosk1", big, 413, "PAYLOAD_TOO_LARGE"),
                bad("no token", HttpMethod.POST, ISSUE, null, "{\"service\":\"A\"}", 401, "UNAUTHENTICATED"),
                bad("wrong role", HttpMethod.POST, ISSUE, "board1", "{\"service\":\"A\"}", 403, "FORBIDDEN"),
                bad(
                        "counter not a number",
                        HttpMethod.POST,
                        "/api/v1/sites/demo/counters/abc/call-next",
                        "supervisor",
                        null,
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "counter zero",
                        HttpMethod.POST,
                        "/api/v1/sites/demo/counters/0/sign-in",
                        "supervisor",
                        null,
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "unknown counter",
                        HttpMethod.POST,
                        "/api/v1/sites/demo/counters/99/call-next",
                        "supervisor",
                        null,
                        404,
                        "UNKNOWN_COUNTER"),
                bad(
                        "unknown ticket",
                        HttpMethod.POST,
                        "/api/v1/tickets/nosuchticket/complete",
                        "supervisor",
                        null,
                        404,
                        "UNKNOWN_TICKET"),
                bad(
                        "unknown ticket, public read",
                        HttpMethod.GET,
                        "/api/v1/tickets/nosuchticket",
                        null,
                        null,
                        404,
                        "UNKNOWN_TICKET"),
                bad(
                        "complete a waiting ticket",
                        HttpMethod.POST,
                        "/api/v1/tickets/" + TICKET + "/complete",
                        "supervisor",
                        null,
                        409,
                        "INVALID_TRANSITION"),
                bad(
                        "transfer without target",
                        HttpMethod.POST,
                        "/api/v1/tickets/" + TICKET + "/transfer",
                        "supervisor",
                        "{\"position\":\"front\"}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "transfer to both",
                        HttpMethod.POST,
                        "/api/v1/tickets/" + TICKET + "/transfer",
                        "supervisor",
                        "{\"service\":\"B\",\"counter\":2,\"position\":\"front\"}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "transfer to a bad position",
                        HttpMethod.POST,
                        "/api/v1/tickets/" + TICKET + "/transfer",
                        "supervisor",
                        "{\"service\":\"B\",\"position\":\"middle\"}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "rating level out of range",
                        HttpMethod.POST,
                        "/api/v1/tickets/" + TICKET + "/rating",
                        "supervisor",
                        "{\"level\":4,\"scale\":3}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "rating level as text",
                        HttpMethod.POST,
                        "/api/v1/tickets/" + TICKET + "/rating",
                        "supervisor",
                        "{\"level\":\"1\"}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "pause without reason",
                        HttpMethod.POST,
                        "/api/v1/sites/demo/counters/2/pause",
                        "supervisor",
                        "{}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "device status with unknown state",
                        HttpMethod.POST,
                        "/api/v1/sites/demo/devices/status",
                        "kiosk1",
                        "{\"device\":\"k/p\",\"kind\":\"printer\",\"state\":\"ON FIRE\"}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "device status with bad time",
                        HttpMethod.POST,
                        "/api/v1/sites/demo/devices/status",
                        "kiosk1",
                        "{\"device\":\"k/p\",\"kind\":\"printer\",\"state\":\"ONLINE\",\"since\":\"yesterday\"}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "login with a wrong password",
                        HttpMethod.POST,
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"kiosk1\",\"password\":\"wrong\"}",
                        401,
                        "UNAUTHENTICATED"),
                bad(
                        "login of an unknown user",
                        HttpMethod.POST,
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"nobody\",\"password\":\"test\"}",
                        401,
                        "UNAUTHENTICATED"),
                bad(
                        "login without password",
                        HttpMethod.POST,
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"kiosk1\"}",
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "ticket lookup without a number",
                        HttpMethod.GET,
                        ISSUE,
                        "supervisor",
                        null,
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "ticket lookup of an unreadable number",
                        HttpMethod.GET,
                        ISSUE + "?number=12",
                        "supervisor",
                        null,
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "ticket lookup of a number not issued today",
                        HttpMethod.GET,
                        ISSUE + "?number=B9999",
                        "supervisor",
                        null,
                        404,
                        "UNKNOWN_TICKET"),
                bad("unknown API path", HttpMethod.GET, "/api/v1/nothing-here", null, null, 404, "NOT_FOUND"),
                bad(
                        "a method the path does not take",
                        HttpMethod.DELETE,
                        "/api/v1/tickets/" + TICKET,
                        "supervisor",
                        null,
                        405,
                        "METHOD_NOT_ALLOWED"),
                bad(
                        "events without WebSocket or SSE",
                        HttpMethod.GET,
                        "/api/v1/sites/demo/events",
                        null,
                        null,
                        400,
                        "INVALID_REQUEST"),
                bad(
                        "events of an unknown site",
                        HttpMethod.GET,
                        "/api/v1/sites/nowhere/queue",
                        null,
                        null,
                        404,
                        "UNKNOWN_SITE"));
    }

    private static Arguments bad(
            String name, HttpMethod method, String path, String user, String body, int status, String error) {
        return Arguments.of(name, method, path, user, body, status, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithItsJsonErrorAndChangesNothing(
            String name, HttpMethod method, String path, String user, String body, int status, String error) {
        long seqBefore = api.engine.snapshot(TestApi.SITE).seq();

        HttpResponse<Buffer> response = api.send(method, path.replace(TICKET, waitingTicket), user, body);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonObject json = response.bodyAsJsonObject();
        if (error != null) {
            assertThat(json.getString("error")).isEqualTo(error);
        }
        assertThat(json.getString("message")).isNotBlank();
        assertThat(json.getString("messageEn"))
                .as("the English beside the Vietnamese (ADR 0043)")
                .isNotBlank()
                .isNotEqualTo(json.getString("message"));
        assertThat(json.getString("messageEn").replaceAll("\\([^)]*\\)", ""))
                .as("the English, but for the centre's own names in brackets (\"A (Đất đai)\")")
                .doesNotContainPattern("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]");
        assertThat(api.engine.snapshot(TestApi.SITE).seq()).isEqualTo(seqBefore);
    }

    @Test
    void aMethodThePathDoesNotTakeIs405WithTheMethodsItTakesInAllow() {
        HttpResponse<Buffer> getCall =
                api.send(HttpMethod.GET, "/api/v1/tickets/" + waitingTicket + "/call", "supervisor", null);
        HttpResponse<Buffer> postQueue = api.send(HttpMethod.POST, "/api/v1/sites/demo/queue", null, "{}");
        HttpResponse<Buffer> getDossierLink =
                api.send(HttpMethod.GET, "/api/v1/tickets/" + waitingTicket + "/dossier", "supervisor", null);

        assertThat(getCall.statusCode()).isEqualTo(405);
        assertThat(getCall.getHeader("Allow")).isEqualTo("POST");
        JsonObject body = getCall.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(body.getString("message"))
                .isEqualTo("Địa chỉ này không nhận phương thức GET. Các phương thức được nhận: POST.");
        assertThat(postQueue.statusCode()).isEqualTo(405);
        assertThat(postQueue.getHeader("Allow")).isEqualTo("GET");
        assertThat(getDossierLink.getHeader("Allow")).isEqualTo("PUT");
    }

    @Test
    void aBadOrForgedTokenIsRefusedWith401() {
        // A character inside the signature: the last one carries unused bits ("w" and "x" decode alike).
        String token = api.token("kiosk1");
        int at = token.length() - 5;
        String forgedToken = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        HttpResponse<Buffer> forged = await(api.http
                .post(ISSUE)
                .putHeader("Authorization", "Bearer " + forgedToken)
                .sendJsonObject(new JsonObject().put("service", "A")));
        HttpResponse<Buffer> garbage = await(api.http
                .post(ISSUE)
                .putHeader("Authorization", "Bearer not-a-token")
                .sendJsonObject(new JsonObject().put("service", "A")));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.bodyAsJsonObject().getString("error")).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void repeatedWrongPasswordsMakeThatAddressWaitWith429AndRetryAfterEvenForTheRightPassword() {
        String wrong = new JsonObject()
                .put("username", "officer16")
                .put("password", "guess")
                .encode();
        for (int i = 0; i < 5; i++) {
            assertThat(api.send(HttpMethod.POST, "/api/v1/auth/login", null, wrong)
                            .statusCode())
                    .isEqualTo(401);
        }

        HttpResponse<Buffer> locked = api.send(
                HttpMethod.POST,
                "/api/v1/auth/login",
                null,
                new JsonObject()
                        .put("username", "officer16")
                        .put("password", TestApi.PASSWORD)
                        .encode());

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.bodyAsJsonObject().getString("error")).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(locked.getHeader("Retry-After"))).isBetween(1, 300);
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameTicketWith200AndANewKeyANewTicket() {
        HttpResponse<Buffer> first = issueWithKey("kiosk1-tap-0001");
        HttpResponse<Buffer> again = issueWithKey("kiosk1-tap-0001");
        HttpResponse<Buffer> other = issueWithKey("kiosk1-tap-0002");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.getHeader("Location")).isEqualTo("/api/v1/tickets/" + id(first));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(id(again)).isEqualTo(id(first));
        assertThat(again.bodyAsJsonObject().getString("number"))
                .isEqualTo(first.bodyAsJsonObject().getString("number"));
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(id(other)).isNotEqualTo(id(first));
    }

    @Test
    void idempotencyKeysAreScopedToTheAccount() {
        HttpResponse<Buffer> kiosk = issueWithKey("tap-42");
        HttpResponse<Buffer> officer = await(api.http
                .post(ISSUE)
                .putHeader("Authorization", "Bearer " + api.token("supervisor"))
                .putHeader("Idempotency-Key", "tap-42")
                .sendJsonObject(new JsonObject().put("service", "B")));

        assertThat(kiosk.statusCode()).isEqualTo(201);
        assertThat(officer.statusCode()).isEqualTo(201);
        assertThat(id(officer)).isNotEqualTo(id(kiosk));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherServiceOrPriorityIsAConflictNotTheFirstTicket() {
        HttpResponse<Buffer> first = issueWithKey("kiosk1-tap-0100");
        HttpResponse<Buffer> otherService = await(api.http
                .post(ISSUE)
                .putHeader("Authorization", "Bearer " + api.token("kiosk1"))
                .putHeader("Idempotency-Key", "kiosk1-tap-0100")
                .sendJsonObject(new JsonObject().put("service", "A")));
        HttpResponse<Buffer> priority = await(api.http
                .post(ISSUE)
                .putHeader("Authorization", "Bearer " + api.token("kiosk1"))
                .putHeader("Idempotency-Key", "kiosk1-tap-0100")
                .sendJsonObject(new JsonObject().put("service", "B").put("priority", "elderly")));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(otherService.statusCode()).as(otherService.bodyAsString()).isEqualTo(409);
        assertThat(priority.statusCode()).as(priority.bodyAsString()).isEqualTo(409);
        assertThat(priority.bodyAsJsonObject().getString("error")).isEqualTo("CONFLICT");
        assertThat(priority.bodyAsJsonObject().getString("message")).contains("ưu tiên");
    }

    @Test
    void anIdempotencyKeyWithSpacesOrTooLongIsRefused() {
        assertThat(issueWithKey("has spaces").statusCode()).isEqualTo(400);
        assertThat(issueWithKey("k".repeat(129)).statusCode()).isEqualTo(400);
    }

    @Test
    void theDailyCapRefusesWith422AndAVietnameseMessage() {
        api.issue("C");
        api.issue("C");

        HttpResponse<Buffer> third = api.send(
                HttpMethod.POST,
                ISSUE,
                "kiosk1",
                new JsonObject().put("service", "C").encode());

        assertThat(third.statusCode()).isEqualTo(422);
        JsonObject body = third.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo("DAILY_CAP_REACHED");
        // The test centre is open weekdays 07:30–11:30 and 13:30–17:00: the next working day's first session.
        ZonedDateTime next = ZonedDateTime.parse(body.getString("nextOpening"));
        ZoneId vietnam = ZoneId.of("Asia/Ho_Chi_Minh");
        LocalDate today = LocalDate.now(vietnam);
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(7, 30));
        assertThat(next.getOffset()).isEqualTo(ZoneOffset.ofHours(7));
        assertThat(next.toLocalDate()).isAfter(today).isBeforeOrEqualTo(today.plusDays(3));
        assertThat(next.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(body.getString("message"))
                .isEqualTo("Lĩnh vực Chứng thực đã hết số thứ tự trong ngày (tối đa 2 số). Mời quay lại lúc "
                        + DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy").format(next) + ".");
    }

    @Test
    void thePublicTicketReadHidesTheDossierCodeButStaffSeeIt() {
        String id = api.issue("B").getString("id");
        api.signIn(5);
        api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/call", "officer5", null);
        HttpResponse<Buffer> linked = api.send(
                HttpMethod.PUT, "/api/v1/tickets/" + id + "/dossier", "officer5", "{\"code\":\"H29.26-0001\"}");
        assertThat(linked.statusCode()).as(linked.bodyAsString()).isEqualTo(200);

        JsonObject publicView =
                api.send(HttpMethod.GET, "/api/v1/tickets/" + id, null, null).bodyAsJsonObject();
        JsonObject staffView = api.send(HttpMethod.GET, "/api/v1/tickets/" + id, "officer5", null)
                .bodyAsJsonObject();

        assertThat(publicView.getString("dossierCode")).isNull();
        assertThat(staffView.getString("dossierCode")).isEqualTo("H29.26-0001");
    }

    @Test
    void metricsShowTheQueueAndTheRequestsByRouteTemplateWithoutTicketIds() {
        api.issue("B");

        String metrics = api.send(HttpMethod.GET, "/metrics", null, null).bodyAsString();

        assertThat(metrics)
                .containsPattern("xephang_queue_waiting\\{[^}]*service=\"B\"[^}]*\\} [1-9]")
                .contains("xephang_counters{")
                .contains("route=\"/api/v1/sites/:site/tickets\"")
                .contains("xephang_tickets_issued_total")
                .doesNotContain(waitingTicket);
    }

    @Test
    void corsPreflightFromAnOriginNotConfiguredIsRefused() {
        HttpResponse<Buffer> preflight = await(api.http
                .request(HttpMethod.OPTIONS, ISSUE)
                .putHeader("Origin", "http://kiosk-pc.local:9000")
                .putHeader("Access-Control-Request-Method", "POST")
                .putHeader("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .send());

        // CORS only for server.cors.allowedOrigins (none here): CorsIT covers configured origins
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    private static HttpResponse<Buffer> issueWithKey(String key) {
        return await(api.http
                .post(ISSUE)
                .putHeader("Authorization", "Bearer " + api.token("kiosk1"))
                .putHeader("Idempotency-Key", key)
                .sendJsonObject(new JsonObject().put("service", "B")));
    }

    private static String id(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getString("id");
    }
}
