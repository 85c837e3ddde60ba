package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xephang.api.Role;

/**
 * Every endpoint with every role (and with no token): a role the endpoint does not admit gets 403 FORBIDDEN (401
 * without a token) and changes nothing; an admitted role gets past the gate (whatever the queue then answers).
 */
class ApiRoleMatrixIT {

    private static final Set<Role> STAFF = EnumSet.of(Role.OFFICER, Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> ISSUERS = EnumSet.of(Role.KIOSK, Role.OFFICER, Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> DEVICES = EnumSet.allOf(Role.class);
    private static final Set<Role> PUBLIC = null;
    private static final String TICKET = "{ticket}";

    @TempDir
    static Path dataDir;

    private static TestApi api;
    private static String ticketId;

    /** One row of the matrix: the endpoint, a valid body, and the roles it admits (null = public). */
    record Endpoint(HttpMethod method, String path, String body, Set<Role> roles) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.GET, "/api/v1/openapi.yaml", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/demo", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/demo/queue", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/tickets/" + TICKET, null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/health", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/metrics", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/t/" + TICKET, null, PUBLIC),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/demo/tickets", "{\"service\":\"A\"}", ISSUERS),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/sites/demo/devices/status",
                    "{\"device\":\"kiosk1/printer\",\"kind\":\"printer\",\"state\":\"ONLINE\"}",
                    DEVICES),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/demo/counters/3/call-next", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/demo/counters/3/pause", "{\"reason\":\"Họp\"}", STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/demo/counters/3/resume", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/demo/counters/3/sign-in", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/demo/counters/3/sign-out", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/tickets/" + TICKET + "/call", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/tickets/" + TICKET + "/recall", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/tickets/" + TICKET + "/start", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/tickets/" + TICKET + "/complete", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/tickets/" + TICKET + "/no-show", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/tickets/" + TICKET + "/cancel", null, STAFF),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/tickets/" + TICKET + "/transfer",
                    "{\"service\":\"B\",\"position\":\"back\"}",
                    STAFF),
            new Endpoint(
                    HttpMethod.PUT,
                    "/api/v1/tickets/" + TICKET + "/dossier",
                    "{\"code\":\"000.00.01.H29-260101-0001\"}",
                    STAFF),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/tickets/" + TICKET + "/rating",
                    "{\"level\":1,\"scale\":3}",
                    EnumSet.of(Role.KIOSK, Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)));

    private static final String[] USERS = {null, "admin", "supervisor", "officer3", "kiosk1", "board1"};

    @BeforeAll
    static void start() {
        api = TestApi.start(dataDir);
        ticketId = api.issue("A").getString("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<Arguments> everyEndpointWithEveryRole() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (String user : USERS) {
                cases.add(Arguments.of(endpoint, user == null ? "anonymous" : user));
            }
        }
        return cases.stream();
    }

    private static Role roleOf(String user) {
        return switch (user) {
            case "admin" -> Role.ADMIN;
            case "supervisor" -> Role.SUPERVISOR;
            case "officer3" -> Role.OFFICER;
            case "kiosk1" -> Role.KIOSK;
            case "board1" -> Role.DISPLAY;
            default -> null;
        };
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointWithEveryRole")
    void onlyTheRolesOfTheContractGetPastTheGate(Endpoint endpoint, String user) {
        Role role = roleOf(user);
        String path = endpoint.path().replace(TICKET, ticketId);
        long seqBefore = api.engine.snapshot(TestApi.SITE).seq();

        HttpResponse<Buffer> response = api.send(endpoint.method(), path, role == null ? null : user, endpoint.body());

        String error =
                response.statusCode() >= 400 ? response.bodyAsJsonObject().getString("error") : null;
        if (endpoint.roles() == PUBLIC) {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        } else if (role == null) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(error).isEqualTo("UNAUTHENTICATED");
            assertThat(api.engine.snapshot(TestApi.SITE).seq()).isEqualTo(seqBefore);
        } else if (!endpoint.roles().contains(role)) {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(403);
            assertThat(error).isEqualTo("FORBIDDEN");
            assertThat(api.engine.snapshot(TestApi.SITE).seq()).isEqualTo(seqBefore);
        } else {
            assertThat(error)
                    .as("%s as %s: %s", endpoint, user, response.bodyAsString())
                    .isNotIn("UNAUTHENTICATED", "FORBIDDEN");
        }
    }
}
