package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;

/**
 * Text with control characters, on the server wired as {@code xephang server --store postgresql://…}: PostgreSQL
 * refuses a zero byte in a text column, and a failed write rolls the whole write group back (every other request of
 * the group fails with it, and the site's memory is rebuilt from the database). A field with a control character is
 * refused with 400 naming it before it reaches the engine, and the site keeps serving.
 */
@Timeout(120)
class HostileTextPostgresIT {

    private static final String NUL = "\u0000";

    @TempDir
    static Path dataDir;

    private static TestApi api;
    private static String ticketId;

    @BeforeAll
    static void start() {
        StoreLocation.Postgres database = PostgresFixture.newDatabase("hostile_text");
        String url = PostgresFixture.storeArgument(database);
        api = TestApi.launchOnPostgres(dataDir, url);
        api.signIn(3);
        api.signIn(4);
        ticketId = api.issue("A").getString("id");
        // called at counter 3: a dossier code is linked to the ticket being served
        HttpResponse<Buffer> called =
                api.send(HttpMethod.POST, "/api/v1/tickets/" + ticketId + "/call", "officer3", null);
        assertThat(called.statusCode()).as(called.bodyAsString()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static Stream<Arguments> textsWithAZeroByte() {
        return Stream.of(
                Arguments.of(
                        "a ticket's channel (kiosk)",
                        HttpMethod.POST,
                        "/api/v1/sites/demo/tickets",
                        "kiosk1",
                        new JsonObject().put("service", "A").put("channel", "kiosk" + NUL),
                        "channel"),
                Arguments.of(
                        "a pause reason (officer)",
                        HttpMethod.POST,
                        "/api/v1/sites/demo/counters/4/pause",
                        "officer4",
                        new JsonObject().put("reason", "Họp" + NUL),
                        "reason"),
                Arguments.of(
                        "a dossier code (officer)",
                        HttpMethod.PUT,
                        "/api/v1/tickets/{id}/dossier",
                        "officer3",
                        new JsonObject().put("code", "H29.26" + NUL + "0001"),
                        "code"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textsWithAZeroByte")
    void isRefusedNamingTheFieldAndTheSiteKeepsServing(
            String what, HttpMethod method, String path, String user, JsonObject body, String field) {
        long seqBefore = api.engine.snapshot(TestApi.SITE).seq();

        HttpResponse<Buffer> answer = api.send(method, path.replace("{id}", ticketId), user, body.encode());

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("INVALID_REQUEST");
        assertThat(answer.bodyAsJsonObject().getString("message")).contains("\"" + field + "\"");
        assertThat(api.engine.snapshot(TestApi.SITE).seq()).isEqualTo(seqBefore);
        assertThat(api.issue("B").getString("number")).startsWith("B");
    }
}
