package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 finding 5: a device acts only as itself. A kiosk script cannot take a service's numbers (the kiosk issue
 * limit a real server ships with, refusals counted in /metrics), a display cannot report a kiosk's printer nor an agent
 * another device account speaks for, nor invent devices without end, and a kiosk cannot rate tickets (ratings come from
 * the keypad of the counter that served them).
 */
@Timeout(60)
class DeviceLimitsIT {

    @TempDir
    static Path dataDir;

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.startWithTheShippedKioskLimit(dataDir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aKioskScriptGetsABurstOfTicketsThenIsRefusedAndCounted() {
        int issued = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            HttpResponse<Buffer> answer = api.send(
                    HttpMethod.POST,
                    "/api/v1/sites/demo/tickets",
                    "kiosk1",
                    new JsonObject().put("service", "B").encode());
            if (answer.statusCode() == 201) {
                issued++;
            } else {
                assertThat(answer.statusCode()).isEqualTo(429);
                assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("RATE_LIMITED");
                assertThat(answer.getHeader("Retry-After")).isNotBlank();
                refused++;
            }
        }

        assertThat(issued).isBetween(10, 12);
        assertThat(refused).isEqualTo(40 - issued);
        assertThat(api.send(HttpMethod.GET, "/metrics", null, null).bodyAsString())
                .containsPattern("xephang_issue_refused_total\\{[^}]*device=\"kiosk1\"[^}]*\\} [1-9]");
        HttpResponse<Buffer> officer = api.send(
                HttpMethod.POST,
                "/api/v1/sites/demo/tickets",
                "supervisor",
                new JsonObject().put("service", "B").encode());
        assertThat(officer.statusCode()).isEqualTo(201);
    }

    @Test
    void aDisplayReportsOnlyItsOwnDevicesNotAKiosksPrinter() {
        String printer = new JsonObject()
                .put("device", "kiosk1/printer")
                .put("kind", "printer")
                .put("state", "PAPER_OUT")
                .encode();

        HttpResponse<Buffer> byBoard =
                api.send(HttpMethod.POST, "/api/v1/sites/demo/devices/status", "board1", printer);
        HttpResponse<Buffer> byKiosk =
                api.send(HttpMethod.POST, "/api/v1/sites/demo/devices/status", "kiosk1", printer);

        assertThat(byBoard.statusCode()).as(byBoard.bodyAsString()).isEqualTo(403);
        assertThat(byKiosk.statusCode()).as(byKiosk.bodyAsString()).isEqualTo(204);
    }

    @Test
    void anAgentWhoseIdIsNoAccountIsReportedOnlyByTheDeviceAccountThatReportedItFirst() {
        // Agents may have their own id (a counter PC's agentId): the first device account to report it speaks for it.
        String online = new JsonObject()
                .put("device", "sanh-2/printer")
                .put("kind", "printer")
                .put("state", "ONLINE")
                .encode();
        String paperOut = new JsonObject()
                .put("device", "sanh-2/printer")
                .put("kind", "printer")
                .put("state", "PAPER_OUT")
                .encode();

        HttpResponse<Buffer> byItsKiosk =
                api.send(HttpMethod.POST, "/api/v1/sites/demo/devices/status", "kiosk1", online);
        HttpResponse<Buffer> byABoard =
                api.send(HttpMethod.POST, "/api/v1/sites/demo/devices/status", "board1", paperOut);
        HttpResponse<Buffer> heartbeatByABoard = api.send(
                HttpMethod.POST,
                "/api/v1/sites/demo/devices/heartbeat",
                "board1",
                "{\"agent\":\"sanh-2\",\"kind\":\"kiosk\"}");
        HttpResponse<Buffer> bySupervisor =
                api.send(HttpMethod.POST, "/api/v1/sites/demo/devices/status", "supervisor", online);

        assertThat(byItsKiosk.statusCode()).as(byItsKiosk.bodyAsString()).isEqualTo(204);
        assertThat(byABoard.statusCode()).as(byABoard.bodyAsString()).isEqualTo(403);
        assertThat(heartbeatByABoard.statusCode())
                .as(heartbeatByABoard.bodyAsString())
                .isEqualTo(403);
        assertThat(bySupervisor.statusCode()).as(bySupervisor.bodyAsString()).isEqualTo(204);
        assertThat(api
                        .send(HttpMethod.GET, "/api/v1/sites/demo/devices", "supervisor", null)
                        .bodyAsJsonObject()
                        .getJsonArray("devices")
                        .stream()
                        .map(JsonObject.class::cast)
                        .filter(d -> d.getString("device").equals("sanh-2/printer"))
                        .map(d -> d.getString("state")))
                .containsExactly("ONLINE");
    }

    @Test
    void aDisabledDeviceAccountsAgentPassesToTheAccountThatReportsItNext() {
        // A kiosk PC replaced: its old account is disabled, the new one reports the same agent id.
        io.vertx.core.json.JsonObject created = api.send(
                        HttpMethod.POST,
                        "/api/v1/admin/accounts",
                        "admin",
                        new JsonObject()
                                .put("username", "kiosk-cu")
                                .put("role", "KIOSK")
                                .encode())
                .bodyAsJsonObject();
        String token = api.send(
                        HttpMethod.POST,
                        "/api/v1/auth/login",
                        null,
                        new JsonObject()
                                .put("username", "kiosk-cu")
                                .put("password", created.getString("password"))
                                .encode())
                .bodyAsJsonObject()
                .getString("token");
        String printer = new JsonObject()
                .put("device", "sanh-3/printer")
                .put("kind", "printer")
                .put("state", "ONLINE")
                .encode();
        int byOld = TestApi.await(api.http
                        .post("/api/v1/sites/demo/devices/status")
                        .putHeader("Authorization", "Bearer " + token)
                        .putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(printer)))
                .statusCode();
        int byBoardWhileHeld = api.send(HttpMethod.POST, "/api/v1/sites/demo/devices/status", "board1", printer)
                .statusCode();

        api.send(HttpMethod.PATCH, "/api/v1/admin/accounts/kiosk-cu", "admin", "{\"disabled\":true}");

        assertThat(List.of(byOld, byBoardWhileHeld)).containsExactly(204, 403);
        assertThat(api.send(HttpMethod.POST, "/api/v1/sites/demo/devices/status", "board1", printer)
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    void aDeviceAccountInventingDevicesIsStoppedAtTheLimit() {
        int accepted = 0;
        HttpResponse<Buffer> last = null;
        for (int batch = 0; batch < 8; batch++) {
            io.vertx.core.json.JsonArray devices = new io.vertx.core.json.JsonArray();
            for (int i = 0; i < DeviceRoutes.MAX_DEVICES_PER_HEARTBEAT; i++) {
                devices.add("board1/led-" + (batch * DeviceRoutes.MAX_DEVICES_PER_HEARTBEAT + i));
            }
            last = api.send(
                    HttpMethod.POST,
                    "/api/v1/sites/demo/devices/heartbeat",
                    "board1",
                    new JsonObject()
                            .put("agent", "board1")
                            .put("kind", "board")
                            .put("devices", devices)
                            .encode());
            if (last.statusCode() == 204) {
                accepted += devices.size();
            }
        }

        assertThat(accepted).isLessThanOrEqualTo(DeviceClaims.MAX_DEVICES);
        assertThat(last.statusCode()).as(last.bodyAsString()).isEqualTo(403);
        assertThat(last.bodyAsJsonObject().getString("message")).contains(String.valueOf(DeviceClaims.MAX_DEVICES));
    }

    @Test
    void aKioskCannotRateATicketOnlyTheCounterThatServedIt() {
        api.send(
                HttpMethod.POST,
                "/api/v1/sites/demo/tickets",
                "supervisor",
                new JsonObject().put("service", "A").encode());
        api.signIn(8);
        String id = api.send(HttpMethod.POST, "/api/v1/sites/demo/counters/8/call-next", "officer8", null)
                .bodyAsJsonObject()
                .getString("id");
        api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/start", "officer8", null);
        api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/complete", "officer8", null);
        String rating = "{\"level\":3,\"scale\":3,\"device\":\"counter-8/keypad\"}";

        HttpResponse<Buffer> byKiosk = api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/rating", "kiosk1", rating);
        HttpResponse<Buffer> byAnotherCounter =
                api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/rating", "officer9", rating);
        HttpResponse<Buffer> byItsCounter =
                api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/rating", "officer8", rating);

        assertThat(byKiosk.statusCode()).as(byKiosk.bodyAsString()).isEqualTo(403);
        assertThat(byAnotherCounter.statusCode())
                .as(byAnotherCounter.bodyAsString())
                .isIn(403, 409);
        assertThat(byItsCounter.statusCode()).as(byItsCounter.bodyAsString()).isEqualTo(200);
    }
}
