package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.forward.ForwarderConfig;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.core.backend.portal.PortalConfig;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.SimulatedFailure;
import org.xephang.dossiersim.SimulatedFailure.Scope;

/**
 * Bookings imported from the province's online portal (issue 17), against the simulated portal in both shapes: a
 * re-import books nothing twice (the portal's id), a booking the centre cannot take is listed with its reason, and a
 * portal that times out, fails or says 429 is tried again or refused with a clear Vietnamese message.
 */
class PortalImportIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dataDir;

    Vertx simulatorVertx;
    DossierSimulator portal;
    TestApi api;

    @BeforeEach
    void start() throws Exception {
        simulatorVertx = Vertx.vertx();
        portal = DossierSimulator.start(simulatorVertx, DossierSimulator.Options.defaults())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        simulatorVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void launch(PortalConfig config) {
        api = TestApi.launch(dataDir, new DossierConfig(LookupConfig.none(), ForwarderConfig.none(), config));
        api.token("supervisor");
    }

    private PortalConfig generic() {
        return new PortalConfig(
                "generic",
                portal.portalGenericUrl(),
                DossierSimulator.portalApiKey(),
                null,
                null,
                Duration.ofMillis(700),
                3);
    }

    /** The first open day after today with free places: the portal's bookings are for it. */
    private LocalDate openDay() {
        return api
                .send(HttpMethod.GET, "/api/v1/sites/demo/appointments/days?service=A", null, null)
                .bodyAsJsonObject()
                .getJsonArray("days")
                .stream()
                .map(JsonObject.class::cast)
                .filter(d -> d.getInteger("free") > 0 && d.getValue("closed") == null)
                .map(d -> LocalDate.parse(d.getString("date")))
                .filter(d -> d.isAfter(LocalDate.now(VIETNAM)))
                .findFirst()
                .orElseThrow();
    }

    private void onPortal(String id, String site, String service, LocalDate day, String time, String phone) {
        portal.addPortalBooking(
                id,
                site,
                service,
                day.atTime(LocalTime.parse(time)).atZone(VIETNAM).toInstant(),
                "Phạm Thị Dung",
                phone);
    }

    private HttpResponse<Buffer> importDay(LocalDate day) {
        return api.send(HttpMethod.POST, "/api/v1/sites/demo/appointments/import?date=" + day, "supervisor", null);
    }

    @Test
    void aDayIsImportedOnceHoweverOftenItIsImportedAndRefusalsAreListed() {
        launch(generic());
        LocalDate day = openDay();
        onPortal("P-1", "demo", "A", day, "09:00", "0912345678");
        onPortal("P-2", "demo", "A", day, "09:07", "0987654321"); // inside the 09:00 slot
        onPortal("P-3", "demo", "Z", day, "10:00", "0912345679"); // a field the centre does not have
        onPortal("P-4", "demo", "A", day, "10:00", "02838123456"); // a landline
        onPortal("P-5", "elsewhere", "A", day, "10:00", "0912345670"); // another site's

        HttpResponse<Buffer> first = importDay(day);

        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
        JsonObject report = first.bodyAsJsonObject();
        assertThat(report.getInteger("fetched")).isEqualTo(4);
        assertThat(report.getInteger("created")).isEqualTo(2);
        assertThat(report.getInteger("existing")).isZero();
        assertThat(report.getJsonArray("refused").stream()
                        .map(JsonObject.class::cast)
                        .map(r -> r.getString("id") + " " + r.getString("error")))
                .containsExactlyInAnyOrder("P-3 UNKNOWN_SERVICE", "P-4 INVALID_REQUEST");
        assertThat(first.bodyAsString()).doesNotContain("02838123456");

        JsonObject again = importDay(day).bodyAsJsonObject();
        assertThat(again.getInteger("created")).isZero();
        assertThat(again.getInteger("existing")).isEqualTo(2);

        var bookings = api.send(HttpMethod.GET, "/api/v1/sites/demo/appointments?date=" + day, "supervisor", null)
                .bodyAsJsonObject()
                .getJsonArray("appointments");
        assertThat(bookings).hasSize(2);
        assertThat(bookings.stream().map(JsonObject.class::cast).map(b -> b.getString("start")))
                .containsOnly(day + "T09:00:00+07:00");
        assertThat(bookings.stream().map(JsonObject.class::cast).map(b -> b.getString("phone")))
                .containsExactlyInAnyOrder("*******678", "*******321");
    }

    @Test
    void aPortalIdWithAControlCharacterRefusesThatBookingAloneAndForgesNoLogLine() {
        launch(generic());
        LocalDate day = openDay();
        // A zero byte fails the whole write group on PostgreSQL; a line break forges a log line (the id is logged).
        String forged = "P-9\u0000\n08:00:00.000 INFO  EngineAppointments - admin imported everything";
        onPortal(forged, "demo", "A", day, "09:00", "0912345678");
        onPortal("P-10", "demo", "A", day, "10:00", "0987654321");

        HttpResponse<Buffer> imported = importDay(day);

        assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
        JsonObject report = imported.bodyAsJsonObject();
        assertThat(report.getInteger("created")).isEqualTo(1);
        assertThat(report.getJsonArray("refused").stream()
                        .map(JsonObject.class::cast)
                        .map(r -> r.getString("error")))
                .containsExactly("INVALID_REQUEST");
    }

    @Test
    void aDvcqgStylePortalIsReadWithItsUnitAndFieldCodes() {
        launch(new PortalConfig(
                "dvcqg",
                portal.portalDvcqgUrl(),
                null,
                Map.of("demo", "H56.27"),
                Map.of("LV01", "A"),
                Duration.ofSeconds(2),
                2));
        LocalDate day = openDay();
        onPortal("000.00.15.H56-LH-0001", "H56.27", "LV01", day, "14:00", "0912345678");

        JsonObject report = importDay(day).bodyAsJsonObject();

        assertThat(report.getInteger("created")).as(report.encode()).isEqualTo(1);
        assertThat(api.send(HttpMethod.GET, "/api/v1/sites/demo/appointments?date=" + day, "supervisor", null)
                        .bodyAsJsonObject()
                        .getJsonArray("appointments")
                        .getJsonObject(0)
                        .getString("start"))
                .isEqualTo(day + "T14:00:00+07:00");
    }

    @Test
    void aPortalThatTimesOutFailsOrSays429IsTriedAgainOrRefusedClearly() {
        launch(generic());
        LocalDate day = openDay();
        onPortal("P-1", "demo", "A", day, "09:00", "0912345678");

        portal.script(Scope.PORTAL, SimulatedFailure.rateLimited(Duration.ofSeconds(1)), 1);
        portal.script(Scope.PORTAL, SimulatedFailure.timeout(), 1);
        JsonObject retried = importDay(day).bodyAsJsonObject();
        assertThat(retried.getInteger("created")).as(retried.encode()).isEqualTo(1);
        assertThat(retried.getInteger("attempts")).isEqualTo(3);

        portal.script(Scope.PORTAL, SimulatedFailure.serverError(), 3);
        HttpResponse<Buffer> down = importDay(day);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.bodyAsJsonObject().getString("message"))
                .isEqualTo("Cổng dịch vụ công không trả lời sau 3 lần thử. Vui lòng thử lại sau ít phút.");

        portal.script(Scope.PORTAL, SimulatedFailure.rateLimited(Duration.ofMinutes(2)), 1);
        HttpResponse<Buffer> busy = importDay(day);
        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(busy.getHeader("Retry-After")).isEqualTo("120");
        assertThat(busy.bodyAsJsonObject().getString("message")).startsWith("Cổng dịch vụ công đang bận");

        portal.script(Scope.PORTAL, SimulatedFailure.malformedJson(), 1);
        HttpResponse<Buffer> garbled = importDay(day);
        assertThat(garbled.statusCode()).isEqualTo(503);
        assertThat(garbled.bodyAsJsonObject().getString("message")).contains("không đúng định dạng");

        HttpResponse<Buffer> badDate =
                api.send(HttpMethod.POST, "/api/v1/sites/demo/appointments/import?date=7/12", "supervisor", null);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(importDay(day).bodyAsJsonObject().getInteger("existing")).isEqualTo(1);
    }

    @Test
    void aCentreWithoutAPortalSaysSo() {
        launch(PortalConfig.none());
        HttpResponse<Buffer> answer = importDay(LocalDate.now(VIETNAM));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.bodyAsJsonObject().getString("message")).startsWith("Chưa kết nối cổng dịch vụ công");
        HttpResponse<Buffer> officer =
                api.send(HttpMethod.POST, "/api/v1/sites/demo/appointments/import", "officer1", null);
        assertThat(officer.statusCode()).isEqualTo(403);
    }
}
