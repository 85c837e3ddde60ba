package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The main operations answer what openapi.yaml says they answer (JSON Schema 2020-12 of each response). */
@Timeout(120)
class OpenApiResponsesIT {

    private static final OpenApiResponses DOCUMENT = OpenApiResponses.load();

    @TempDir
    Path dataDir;

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start(dataDir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aTicketsWayThroughTheApiMatchesTheDocumentedSchemas() {
        HttpResponse<Buffer> login = api.send(
                HttpMethod.POST,
                "/api/v1/auth/login",
                null,
                new JsonObject()
                        .put("username", "kiosk1")
                        .put("password", TestApi.PASSWORD)
                        .encode());
        matches("POST", "/api/v1/auth/login", login);
        matches("GET", "/api/v1/sites/{site}", api.send(HttpMethod.GET, "/api/v1/sites/demo", null, null));
        matches(
                "GET",
                "/api/v1/sites/{site}/issuing",
                api.send(HttpMethod.GET, "/api/v1/sites/demo/issuing", null, null));

        HttpResponse<Buffer> issued = api.send(
                HttpMethod.POST,
                "/api/v1/sites/demo/tickets",
                "kiosk1",
                new JsonObject().put("service", "A").encode());
        matches("POST", "/api/v1/sites/{site}/tickets", issued);
        String id = issued.bodyAsJsonObject().getString("id");
        matches("GET", "/api/v1/tickets/{id}", api.send(HttpMethod.GET, "/api/v1/tickets/" + id, null, null));
        matches("GET", "/api/v1/tickets/{id}", api.send(HttpMethod.GET, "/api/v1/tickets/" + id, "officer1", null));

        matches(
                "POST",
                "/api/v1/sites/{site}/counters/{counter}/sign-in",
                api.send(HttpMethod.POST, "/api/v1/sites/demo/counters/1/sign-in", "officer1", null));
        matches(
                "POST",
                "/api/v1/sites/{site}/counters/{counter}/call-next",
                api.send(HttpMethod.POST, "/api/v1/sites/demo/counters/1/call-next", "officer1", null));
        matches(
                "POST",
                "/api/v1/tickets/{id}/start",
                api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/start", "officer1", null));
        matches(
                "POST",
                "/api/v1/tickets/{id}/complete",
                api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/complete", "officer1", null));
        matches("GET", "/api/v1/sites/{site}/queue", api.send(HttpMethod.GET, "/api/v1/sites/demo/queue", null, null));
        matches(
                "GET",
                "/api/v1/sites/{site}/stats",
                api.send(HttpMethod.GET, "/api/v1/sites/demo/stats", "supervisor", null));
        matches("GET", "/health", api.send(HttpMethod.GET, "/health", null, null));
        matches("GET", "/health/ready", api.send(HttpMethod.GET, "/health/ready", null, null));
    }

    @Test
    void errorAnswersMatchTheDocumentedErrorSchema() {
        matches(
                "POST",
                "/api/v1/sites/{site}/tickets",
                api.send(HttpMethod.POST, "/api/v1/sites/demo/tickets", "kiosk1", "{\"service\": 7}"));
        matches(
                "POST",
                "/api/v1/sites/{site}/tickets",
                api.send(HttpMethod.POST, "/api/v1/sites/demo/tickets", null, "{\"service\":\"A\"}"));
        matches("GET", "/api/v1/tickets/{id}", api.send(HttpMethod.GET, "/api/v1/tickets/nope", null, null));
    }

    @Test
    void aBodyThatBreaksTheSchemaIsReported() {
        assertThat(DOCUMENT.problems("GET", "/health", 200, "{\"status\":\"DOWN\",\"sites\":[1]}"))
                .hasSize(2);
    }

    private static void matches(String method, String path, HttpResponse<Buffer> response) {
        assertThat(DOCUMENT.problems(method, path, response.statusCode(), response.bodyAsString()))
                .as("%s %s answered %s: %s", method, path, response.statusCode(), response.bodyAsString())
                .isEmpty();
    }
}
