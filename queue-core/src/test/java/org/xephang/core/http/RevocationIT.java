package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Role;
import org.xephang.core.QueueServer;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.Account;
import org.xephang.core.site.CentreConfig;

/**
 * Issue 13 finding 4: tokens can be revoked and the revocation holds at once and across a restart: logout, refresh
 * (the old token stops), an administrator revoking a device's tokens one device at a time, and a changed password.
 */
@Timeout(90)
class RevocationIT {

    /** bcrypt (cost 4) of "changed", for the password-change case. */
    private static final String CHANGED_HASH = "$2a$04$QR9crfsfJcn5c78TlF2fX.fAgwEKg1q4IFoaAxqKmTfUR/6dt.GXi";

    /** A server on {@code dataDir} with the test centre's accounts, {@code accounts} replacing any of the same name. */
    private record Server(Vertx vertx, QueueEngine engine, QueueServer server, WebClient http)
            implements AutoCloseable {
        static Server start(Path dataDir, List<Account> replaced) {
            Vertx vertx = Vertx.vertx();
            CentreConfig config = TestApi.config();
            List<Account> accounts = config.accounts().stream()
                    .map(account -> replaced.stream()
                            .filter(r -> r.username().equals(account.username()))
                            .findFirst()
                            .orElse(account))
                    .toList();
            QueueEngine engine =
                    QueueEngine.open(config, dataDir, Clock.systemUTC(), new EngineOptions(true, "http://q.test"));
            QueueServer server = await(QueueServer.start(
                    vertx,
                    engine,
                    new QueueServer.Options()
                            .host("127.0.0.1")
                            .port(0)
                            .accounts(accounts)
                            .dataDir(dataDir)));
            WebClient http = WebClient.create(
                    vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
            return new Server(vertx, engine, server, http);
        }

        String login(String username, String password) {
            HttpResponse<Buffer> answer = await(http.post("/api/v1/auth/login")
                    .sendJsonObject(new JsonObject().put("username", username).put("password", password)));
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
            return answer.bodyAsJsonObject().getString("token");
        }

        int post(String path, String token) {
            return await(http.post(path)
                            .putHeader("Authorization", "Bearer " + token)
                            .send())
                    .statusCode();
        }

        HttpResponse<Buffer> postForAnswer(String path, String token) {
            return await(http.post(path)
                    .putHeader("Authorization", "Bearer " + token)
                    .send());
        }

        /** 200 when the token still counts (a kiosk's status report answers 204; a staff read of stats 200). */
        int use(String token) {
            return await(http.get("/api/v1/sites/demo/tickets?number=A0001")
                            .putHeader("Authorization", "Bearer " + token)
                            .send())
                    .statusCode();
        }

        int deviceUse(String token, String device) {
            return await(http.post("/api/v1/sites/demo/devices/status")
                            .putHeader("Authorization", "Bearer " + token)
                            .sendJsonObject(new JsonObject()
                                    .put("device", device)
                                    .put("kind", "printer")
                                    .put("state", "ONLINE")))
                    .statusCode();
        }

        @Override
        public void close() {
            http.close();
            await(server.close());
            engine.close();
            await(vertx.close());
        }
    }

    @Test
    void aLoggedOutTokenIsRefusedAtOnceAndAfterARestart(@TempDir Path dataDir) {
        String token;
        try (Server server = Server.start(dataDir, List.of())) {
            token = server.login("officer1", TestApi.PASSWORD);
            assertThat(server.use(token)).isNotEqualTo(401);

            assertThat(server.post("/api/v1/auth/logout", token)).isEqualTo(204);

            assertThat(server.use(token)).isEqualTo(401);
        }
        try (Server restarted = Server.start(dataDir, List.of())) {
            assertThat(restarted.use(token)).isEqualTo(401);
        }
    }

    @Test
    void aRefreshGivesANewTokenAndEndsTheOldOne(@TempDir Path dataDir) {
        try (Server server = Server.start(dataDir, List.of())) {
            String old = server.login("supervisor", TestApi.PASSWORD);

            HttpResponse<Buffer> refreshed = server.postForAnswer("/api/v1/auth/refresh", old);

            assertThat(refreshed.statusCode()).isEqualTo(200);
            String fresh = refreshed.bodyAsJsonObject().getString("token");
            assertThat(server.use(fresh)).isNotEqualTo(401);
            assertThat(server.use(old)).isEqualTo(401);
        }
    }

    @Test
    void anAdministratorWithdrawsOneDeviceWithoutTouchingAnother(@TempDir Path dataDir) {
        String kiosk;
        try (Server server = Server.start(dataDir, List.of())) {
            String admin = server.login("admin", TestApi.PASSWORD);
            kiosk = server.login("kiosk1", TestApi.PASSWORD);
            String board = server.login("board1", TestApi.PASSWORD);

            assertThat(server.post("/api/v1/accounts/kiosk1/revoke-tokens", admin))
                    .isEqualTo(204);

            assertThat(server.deviceUse(kiosk, "kiosk1/printer")).isEqualTo(401);
            assertThat(server.deviceUse(board, "board1/led-1")).isEqualTo(204);
            assertThat(server.post("/api/v1/accounts/nobody/revoke-tokens", admin))
                    .isEqualTo(404);
        }
        try (Server restarted = Server.start(dataDir, List.of())) {
            assertThat(restarted.deviceUse(kiosk, "kiosk1/printer")).isEqualTo(401);
        }
    }

    @Test
    void aChangedPasswordRevokesTheAccountsEarlierTokensAcrossARestart(@TempDir Path dataDir) {
        String token;
        try (Server server = Server.start(dataDir, List.of())) {
            token = server.login("officer2", TestApi.PASSWORD);
            assertThat(server.use(token)).isNotEqualTo(401);
        }
        try (Server restarted =
                Server.start(dataDir, List.of(new Account("officer2", Role.OFFICER, CHANGED_HASH, 2)))) {
            assertThat(restarted.use(token)).isEqualTo(401);
            assertThat(restarted.use(restarted.login("officer2", "changed"))).isNotEqualTo(401);
        }
    }
}
