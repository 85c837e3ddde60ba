package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.testkit.MutableClock;

/**
 * The device registry over HTTP: heartbeats and status reports in, {@code GET /api/v1/sites/{site}/devices} and the
 * device gauges of {@code /metrics} out, a silent device OFFLINE after 60 s on a moved clock.
 */
class DevicesApiIT {

    @TempDir
    Path dataDir;

    /** Today (tokens are checked against the real time), moved by hand. */
    final MutableClock clock = MutableClock.at(LocalDateTime.now(MutableClock.VIETNAM));

    TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start(dataDir, clock);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    HttpResponse<Buffer> post(String path, String user, JsonObject body) {
        return api.send(HttpMethod.POST, path, user, body.encode());
    }

    JsonArray devices() {
        HttpResponse<Buffer> answer = api.send(HttpMethod.GET, "/api/v1/sites/demo/devices", "supervisor", null);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject().getJsonArray("devices");
    }

    String metrics() {
        return api.send(HttpMethod.GET, "/metrics", null, null).bodyAsString();
    }

    void reportPrinterOutOfPaper() {
        HttpResponse<Buffer> report = post(
                "/api/v1/sites/demo/devices/status",
                "kiosk1",
                new JsonObject()
                        .put("device", "kiosk1/printer")
                        .put("kind", "printer")
                        .put("state", "PAPER_OUT")
                        .put("detail", "Hết giấy"));
        assertThat(report.statusCode()).as(report.bodyAsString()).isEqualTo(204);
    }

    HttpResponse<Buffer> heartbeat() {
        return post(
                "/api/v1/sites/demo/devices/heartbeat",
                "kiosk1",
                new JsonObject()
                        .put("agent", "kiosk1")
                        .put("kind", "kiosk")
                        .put("devices", new JsonArray().add("kiosk1/printer")));
    }

    @Test
    void supervisorsListEveryDeviceWithStateDetailAndLastSeenInIsoInstants() {
        reportPrinterOutOfPaper();
        assertThat(heartbeat().statusCode()).isEqualTo(204);

        HttpResponse<Buffer> answer = api.send(HttpMethod.GET, "/api/v1/sites/demo/devices", "admin", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject body = answer.bodyAsJsonObject();
        assertThat(body.getString("timeZone")).isEqualTo("Asia/Ho_Chi_Minh");
        JsonArray devices = body.getJsonArray("devices");
        assertThat(devices.size()).isEqualTo(2);
        JsonObject kiosk = devices.getJsonObject(0);
        assertThat(kiosk.getString("device")).isEqualTo("kiosk1");
        assertThat(kiosk.getString("kind")).isEqualTo("kiosk");
        assertThat(kiosk.getString("state")).isEqualTo("ONLINE");
        JsonObject printer = devices.getJsonObject(1);
        assertThat(printer.getString("state")).isEqualTo("PAPER_OUT");
        assertThat(printer.getString("detail")).isEqualTo("Hết giấy");
        assertThat(printer.getBoolean("up")).isTrue();
        assertThat(Instant.parse(printer.getString("lastSeen")))
                .isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void metricsExposeEachDeviceUpAndItsStateAsAFixedLabelSet() {
        reportPrinterOutOfPaper();
        heartbeat();

        String text = metrics();

        assertThat(text).contains("# HELP xephang_device_up 1 when the device answers");
        assertThat(text).contains("xephang_device_up{device=\"kiosk1/printer\",kind=\"printer\",site=\"demo\"} 1.0");
        assertThat(text).contains("xephang_device_up{device=\"kiosk1\",kind=\"kiosk\",site=\"demo\"} 1.0");
        assertThat(text)
                .contains("xephang_device_state{device=\"kiosk1/printer\",site=\"demo\",state=\"PAPER_OUT\"} 1.0");
        assertThat(text).contains("xephang_device_state{device=\"kiosk1/printer\",site=\"demo\",state=\"ONLINE\"} 0.0");
        assertThat(text.lines().filter(l -> l.startsWith("xephang_device_state{device=\"kiosk1/printer\"")))
                .hasSize(6);
    }

    @Test
    void aDeviceSilentForSixtySecondsIsOfflineInTheListAndTheMetricsAndBackAtTheNextHeartbeat() {
        reportPrinterOutOfPaper();
        heartbeat();
        assertThat(devices().getJsonObject(1).getString("state")).isEqualTo("PAPER_OUT");

        // Signed in before the clock moves: a token issued "in the future" is refused by the JWT library.
        clock.advance(Duration.ofSeconds(61));

        // The engine checks every 5 s (a twelfth of the 60 s limit) on its own.
        eventually(
                Duration.ofSeconds(20),
                () -> devices().getJsonObject(1).getString("state").equals("OFFLINE"));
        assertThat(devices().getJsonObject(1).getString("detail")).isEqualTo("Không nhận được tín hiệu quá 60 giây");
        assertThat(devices().getJsonObject(0).getBoolean("up")).isFalse();
        assertThat(metrics())
                .contains("xephang_device_up{device=\"kiosk1/printer\",kind=\"printer\",site=\"demo\"} 0.0")
                .contains("xephang_device_state{device=\"kiosk1/printer\",site=\"demo\",state=\"OFFLINE\"} 1.0");

        assertThat(heartbeat().statusCode()).isEqualTo(204);

        assertThat(devices().getJsonObject(1).getString("state")).isEqualTo("PAPER_OUT");
        assertThat(devices().getJsonObject(0).getString("state")).isEqualTo("ONLINE");
    }

    @Test
    void badHeartbeatsAreRefusedNamingTheField() {
        HttpResponse<Buffer> badKind = post(
                "/api/v1/sites/demo/devices/heartbeat",
                "kiosk1",
                new JsonObject().put("agent", "kiosk1").put("kind", "toaster"));
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(badKind.bodyAsJsonObject().getString("error")).isEqualTo("INVALID_REQUEST");
        assertThat(badKind.bodyAsJsonObject().getString("message"))
                .isEqualTo("Trường \"kind\" phải là một trong kiosk, board, counter.");

        HttpResponse<Buffer> notAList = post(
                "/api/v1/sites/demo/devices/heartbeat",
                "kiosk1",
                new JsonObject().put("agent", "kiosk1").put("kind", "kiosk").put("devices", "kiosk1/printer"));
        assertThat(notAList.statusCode()).isEqualTo(400);
        assertThat(notAList.bodyAsJsonObject().getString("message")).contains("\"devices\"");

        HttpResponse<Buffer> noAgent =
                post("/api/v1/sites/demo/devices/heartbeat", "kiosk1", new JsonObject().put("kind", "kiosk"));
        assertThat(noAgent.statusCode()).isEqualTo(400);
        assertThat(noAgent.bodyAsJsonObject().getString("message")).isEqualTo("Trường \"agent\" là bắt buộc.");

        HttpResponse<Buffer> unknownSite =
                api.send(HttpMethod.GET, "/api/v1/sites/nowhere/devices", "supervisor", null);
        assertThat(unknownSite.statusCode()).isEqualTo(404);
        assertThat(unknownSite.bodyAsJsonObject().getString("error")).isEqualTo("UNKNOWN_SITE");
    }

    @Test
    void aKioskHeartbeatsOnlyAsItselfAndForItsOwnDevices() {
        HttpResponse<Buffer> asBoard = post(
                "/api/v1/sites/demo/devices/heartbeat",
                "kiosk1",
                new JsonObject().put("agent", "board1").put("kind", "board"));
        assertThat(asBoard.statusCode()).isEqualTo(403);
        assertThat(asBoard.bodyAsJsonObject().getString("error")).isEqualTo("FORBIDDEN");

        HttpResponse<Buffer> boardsLed = post(
                "/api/v1/sites/demo/devices/heartbeat",
                "kiosk1",
                new JsonObject()
                        .put("agent", "kiosk1")
                        .put("kind", "kiosk")
                        .put("devices", new JsonArray().add("board1/led-4")));
        assertThat(boardsLed.statusCode()).isEqualTo(403);
        assertThat(devices()).as("nothing recorded").isEmpty();
    }

    @Test
    void officersAndDevicesMayNotListDevices() {
        assertThat(api.send(HttpMethod.GET, "/api/v1/sites/demo/devices", "officer1", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.send(HttpMethod.GET, "/api/v1/sites/demo/devices", "kiosk1", null)
                        .statusCode())
                .isEqualTo(403);
    }
}
