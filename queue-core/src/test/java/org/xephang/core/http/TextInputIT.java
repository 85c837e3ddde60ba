package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Free text in request bodies: Vietnamese typed decomposed (NFD, as some keyboards and phones send it) is kept composed
 * (NFC), as the configuration and the boards' announcements expect; a control character (a line break, a tab, a zero
 * byte) in a field people type is refused naming the field, changing nothing; a driver's diagnostic text keeps its
 * words with its line breaks made spaces (the report is not lost). {@link HostileTextPostgresIT} shows why a zero
 * byte must never reach the store.
 */
@Timeout(60)
class TextInputIT {

    @TempDir
    static Path dataDir;

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(dataDir);
        api.signIn(5);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String nfd(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD);
    }

    @Test
    void aDecomposedPauseReasonIsKeptComposedForTheBoards() {
        String reason = "Họp giao ban đầu tuần";
        assertThat(nfd(reason)).isNotEqualTo(reason);

        HttpResponse<Buffer> paused = api.send(
                HttpMethod.POST,
                "/api/v1/sites/demo/counters/5/pause",
                "officer5",
                new JsonObject().put("reason", nfd(reason)).encode());

        assertThat(paused.statusCode()).as(paused.bodyAsString()).isEqualTo(200);
        assertThat(paused.bodyAsJsonObject().getString("pauseReason")).isEqualTo(reason);
        JsonObject board =
                api.send(HttpMethod.GET, "/api/v1/sites/demo/queue", null, null).bodyAsJsonObject();
        assertThat(board.encode()).contains(reason);
        api.send(HttpMethod.POST, "/api/v1/sites/demo/counters/5/resume", "officer5", null);
    }

    static Stream<Arguments> fieldsWithAControlCharacter() {
        return Stream.of(
                Arguments.of(
                        "/api/v1/sites/demo/tickets",
                        "kiosk1",
                        new JsonObject().put("service", "A").put("channel", "kiosk\nsảnh"),
                        "channel"),
                Arguments.of(
                        "/api/v1/sites/demo/tickets", "kiosk1", new JsonObject().put("service", "A\u0000"), "service"),
                Arguments.of(
                        "/api/v1/sites/demo/counters/5/pause",
                        "officer5",
                        new JsonObject().put("reason", "Nghỉ\ttrưa"),
                        "reason"),
                Arguments.of(
                        "/api/v1/sites/demo/devices/heartbeat",
                        "kiosk1",
                        new JsonObject()
                                .put("agent", "kiosk1")
                                .put("kind", "kiosk")
                                .put("devices", new io.vertx.core.json.JsonArray().add("kiosk1/printer\r\nx")),
                        "devices"),
                Arguments.of(
                        "/api/v1/sites/demo/devices/status",
                        "kiosk1",
                        new JsonObject()
                                .put("device", "kiosk1/\u001bprinter")
                                .put("kind", "printer")
                                .put("state", "ONLINE"),
                        "device"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("fieldsWithAControlCharacter")
    void aControlCharacterInATypedFieldIsRefusedNamingIt(String path, String user, JsonObject body, String field) {
        long seqBefore = api.engine.snapshot(TestApi.SITE).seq();

        HttpResponse<Buffer> answer = api.send(HttpMethod.POST, path, user, body.encode());

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("INVALID_REQUEST");
        assertThat(answer.bodyAsJsonObject().getString("message"))
                .contains("\"" + field + "\"")
                .contains("ký tự điều khiển");
        assertThat(api.engine.snapshot(TestApi.SITE).seq()).isEqualTo(seqBefore);
    }

    @Test
    void aDriversDiagnosticKeepsItsWordsWithItsLineBreaksMadeSpaces() {
        HttpResponse<Buffer> reported = api.send(
                HttpMethod.POST,
                "/api/v1/sites/demo/devices/status",
                "kiosk1",
                new JsonObject()
                        .put("device", "kiosk1/printer")
                        .put("kind", "printer")
                        .put("state", "ERROR")
                        .put("detail", nfd("Lỗi cổng nối tiếp:\r\nInput/output error"))
                        .encode());

        assertThat(reported.statusCode()).as(reported.bodyAsString()).isEqualTo(204);
        JsonObject devices = api.send(HttpMethod.GET, "/api/v1/sites/demo/devices", "supervisor", null)
                .bodyAsJsonObject();
        assertThat(devices.getJsonArray("devices").stream()
                        .map(JsonObject.class::cast)
                        .filter(d -> d.getString("device").equals("kiosk1/printer"))
                        .map(d -> d.getString("detail"))
                        .findFirst())
                .contains("Lỗi cổng nối tiếp:  Input/output error");
    }
}
