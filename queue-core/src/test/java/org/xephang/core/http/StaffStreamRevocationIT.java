package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.await;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.testkit.Poll;

/**
 * A staff event stream (the full view: officers, dossier codes, devices' details) lasts only as long as the token that
 * opened it: when the token is revoked (logout, the account's tokens revoked, the account disabled) the server ends
 * the stream within seconds, as it refuses the token on every request. A board's public stream is not affected.
 */
@Timeout(90)
class StaffStreamRevocationIT {

    @TempDir
    Path dataDir;

    private TestApi api;
    private HttpClient client;

    @BeforeEach
    void start() {
        api = TestApi.start(dataDir);
        client = api.vertx.createHttpClient();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            await(client.close());
        }
        api.close();
    }

    /** Opens an SSE stream (with the token, or none) and answers a flag that turns true when the server ends it. */
    private AtomicBoolean openSse(String token, StringBuilder received) {
        AtomicBoolean ended = new AtomicBoolean();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost("127.0.0.1")
                .setPort(api.port())
                .setURI("/api/v1/sites/demo/events")
                .addHeader("Accept", "text/event-stream");
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        await(client.request(options).compose(request -> {
            request.response().onSuccess(answer -> {
                answer.handler(chunk -> {
                    synchronized (received) {
                        received.append(chunk.toString(StandardCharsets.UTF_8));
                    }
                });
                answer.endHandler(v -> ended.set(true));
                answer.exceptionHandler(e -> ended.set(true));
            });
            request.connection().closeHandler(v -> ended.set(true));
            return request.send();
        }));
        Poll.until(Duration.ofSeconds(20), "the snapshot", () -> {
            synchronized (received) {
                return received.toString().contains("\"snapshot\"");
            }
        });
        return ended;
    }

    @Test
    void aSupervisorsStreamEndsWhenAnAdministratorRevokesTheirTokens() {
        String token = api.token("supervisor");
        StringBuilder staff = new StringBuilder();
        StringBuilder board = new StringBuilder();
        AtomicBoolean staffEnded = openSse(token, staff);
        AtomicBoolean boardEnded = openSse(null, board);

        assertThat(api.send(HttpMethod.POST, "/api/v1/accounts/supervisor/revoke-tokens", "admin", null)
                        .statusCode())
                .isEqualTo(204);

        Poll.until(Duration.ofSeconds(15), "the revoked supervisor's stream to end", staffEnded::get);
        String id = api.issue("A").getString("id");
        Poll.until(Duration.ofSeconds(15), "the board's stream to carry the new ticket", () -> {
            synchronized (board) {
                return board.toString().contains(id);
            }
        });
        assertThat(boardEnded).isFalse();
    }

    @Test
    void aStaffWebSocketEndsWhenItsTokenIsLoggedOut() {
        String token = api.token("officer3");
        AtomicBoolean closed = new AtomicBoolean();
        StringBuilder received = new StringBuilder();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(api.port())
                .setURI("/api/v1/sites/demo/events")
                .addHeader("Authorization", "Bearer " + token);
        io.vertx.core.http.WebSocketClient sockets =
                api.vertx.createWebSocketClient(); // kept: Vert.x closes unreachable clients
        io.vertx.core.http.ClientWebSocket socket = sockets.webSocket();
        socket.textMessageHandler(text -> {
            synchronized (received) {
                received.append(text);
            }
        });
        socket.closeHandler(v -> closed.set(true));
        await(socket.connect(options));
        Poll.until(Duration.ofSeconds(20), "the snapshot", () -> {
            synchronized (received) {
                return received.toString().contains("\"snapshot\"");
            }
        });

        assertThat(api.send(HttpMethod.POST, "/api/v1/auth/logout", "officer3", null)
                        .statusCode())
                .isEqualTo(204);

        Poll.until(Duration.ofSeconds(15), "the logged-out officer's WebSocket to close", closed::get);
        await(sockets.close());
    }
}
