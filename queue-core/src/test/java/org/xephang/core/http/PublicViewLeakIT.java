package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.await;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Ticket;

/**
 * Issue 13 finding 2: every anonymous endpoint and stream carries only what a waiting-hall screen shows. A ticket is
 * issued, called by officer3, linked to a dossier, finished and rated, and a device reports its state; then every
 * anonymous answer (site, queue, issuing, ticket, the WebSocket and SSE streams) is searched for the dossier code,
 * the officer and any ticket field beyond {@link Ticket#PUBLIC_FIELDS}. A signed-in officer's stream still gets the
 * full view.
 */
@Timeout(120)
class PublicViewLeakIT {

    private static final String DOSSIER = "000.00.01.H01-261206-9876";
    private static final String OFFICER = "officer3";
    private static final Set<String> PUBLIC_TICKET = Set.of(
            "id",
            "site",
            "number",
            "service",
            "priority",
            "state",
            "counter",
            "callCount",
            "issuedAt",
            "calledAt",
            "waitingAhead",
            "estimatedWaitSeconds");

    @Test
    void noAnonymousAnswerOrStreamCarriesADossierCodeAnOfficerOrAFieldBeyondThePublicTicket(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir)) {
            List<JsonObject> webSocket = new CopyOnWriteArrayList<>();
            List<JsonObject> staffSocket = new CopyOnWriteArrayList<>();
            StringBuilder sse = new StringBuilder();
            WebSocketClient sockets = api.vertx.createWebSocketClient();
            WebSocket anonymous = open(api, sockets, webSocket, null);
            WebSocket staff = open(api, sockets, staffSocket, api.token("supervisor"));
            HttpClient client = api.vertx.createHttpClient();
            await(client.request(new RequestOptions()
                            .setMethod(HttpMethod.GET)
                            .setHost("127.0.0.1")
                            .setPort(api.port())
                            .setURI("/api/v1/sites/demo/events")
                            .addHeader("Accept", "text/event-stream"))
                    .compose(request -> {
                        request.response()
                                .onSuccess(answer -> answer.handler(chunk -> {
                                    synchronized (sse) {
                                        sse.append(chunk.toString(StandardCharsets.UTF_8));
                                    }
                                }));
                        return request.send();
                    }));
            eventually(Duration.ofSeconds(30), () -> !webSocket.isEmpty() && !staffSocket.isEmpty());

            String id = api.issue("A").getString("id");
            api.signIn(3);
            ok(api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/call", OFFICER, "{}"));
            ok(api.send(
                    HttpMethod.PUT,
                    "/api/v1/tickets/" + id + "/dossier",
                    OFFICER,
                    new JsonObject().put("code", DOSSIER).encode()));
            ok(api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/start", OFFICER, "{}"));
            ok(api.send(
                    HttpMethod.POST,
                    "/api/v1/sites/demo/devices/status",
                    "kiosk1",
                    new JsonObject()
                            .put("device", "kiosk1/printer")
                            .put("kind", "printer")
                            .put("state", "PAPER_NEAR_END")
                            .put("detail", "cuộn giấy còn ít; gọi chị Lan 0912345678")
                            .encode()));

            List<String> anonymousAnswers = new ArrayList<>();
            for (String path : List.of(
                    "/api/v1/sites/demo",
                    "/api/v1/sites/demo/queue",
                    "/api/v1/sites/demo/issuing",
                    "/api/v1/tickets/" + id)) {
                HttpResponse<Buffer> answer = api.send(HttpMethod.GET, path, null, null);
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                anonymousAnswers.add(answer.bodyAsString());
                assertPublic(path, answer.bodyAsJsonObject());
            }
            eventually(
                    Duration.ofSeconds(30),
                    () -> webSocket.size() >= 7 && dataLines(sse).size() >= 7);
            eventually(Duration.ofSeconds(30), () -> staffSocket.size() >= 7);

            for (JsonObject message : webSocket) {
                assertPublic("WebSocket " + message.getString("type"), message);
            }
            for (String line : dataLines(sse)) {
                assertPublic("SSE", new JsonObject(line));
            }
            assertThat(anonymousAnswers).noneMatch(text -> text.contains(DOSSIER) || text.contains(OFFICER));
            assertThat(staffSocket.toString()).contains(DOSSIER).contains(OFFICER);
            anonymous.close();
            staff.close();
            sockets.close();
            client.close();
        }
    }

    private static WebSocket open(TestApi api, WebSocketClient sockets, List<JsonObject> into, String token) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(api.port())
                .setURI("/api/v1/sites/demo/events");
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        return await(sockets.webSocket()
                .textMessageHandler(text -> into.add(new JsonObject(text)))
                .connect(options));
    }

    private static void ok(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 204);
    }

    /** Fails on the dossier code, the officer, a telephone number or a ticket field beyond the public set. */
    private static void assertPublic(String where, Object json) {
        String text = String.valueOf(json);
        assertThat(text)
                .as(where)
                .doesNotContain(DOSSIER)
                .doesNotContain(OFFICER)
                .doesNotContain("0912345678");
        if (json instanceof JsonObject object) {
            for (String key : object.fieldNames()) {
                Object value = object.getValue(key);
                if (key.equals("ticket") && value instanceof JsonObject ticket) {
                    assertThat(ticket.fieldNames()).as(where + " ticket").isSubsetOf(PUBLIC_TICKET);
                }
                assertPublic(where + "." + key, value);
            }
            if (where.startsWith("/api/v1/tickets/")) {
                assertThat(object.fieldNames()).as(where).isSubsetOf(PUBLIC_TICKET);
            }
        } else if (json instanceof JsonArray array) {
            for (Object item : array) {
                assertPublic(where + "[]", item);
            }
        }
    }

    private static List<String> dataLines(StringBuilder received) {
        synchronized (received) {
            return received.toString()
                    .lines()
                    .filter(line -> line.startsWith("data: "))
                    .map(line -> line.substring("data: ".length()))
                    .toList();
        }
    }
}
