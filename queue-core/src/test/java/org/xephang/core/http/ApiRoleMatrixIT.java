package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.xephang.api.Role;
import org.xephang.core.testkit.SimulatorLink;
import org.xephang.dossiersim.DossierSimulator;

/**
 * Every operation of openapi.yaml with every role (and with no token), against the server wired as {@code xephang
 * server} wires it (dossier lookup and outbox routes included, the dossier system simulated): a role the operation
 * does not admit gets 403 FORBIDDEN (401 without a token) and changes nothing; an admitted role gets past the gate and
 * never a 5xx or INTERNAL, whatever the queue then answers. The matrix must list every documented operation.
 */
class ApiRoleMatrixIT {

    private static final Set<Role> STAFF = EnumSet.of(Role.OFFICER, Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> SUPERVISORS = EnumSet.of(Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> ISSUERS = EnumSet.of(Role.KIOSK, Role.OFFICER, Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> DEVICES = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);
    private static final Set<Role> PUBLIC = null;
    /**
     * Public, but the answer depends on the day and the input (appointments: a closed day, a past slot, a code that
     * cannot be one): any role or none gets past the gate, never 401, 403 or a 5xx.
     */
    static final Set<Role> OPEN = Collections.unmodifiableSet(EnumSet.noneOf(Role.class));

    private static final String TICKET = "{id}";

    @TempDir
    static Path dataDir;

    private static Vertx simulatorVertx;
    private static DossierSimulator simulator;
    private static TestApi api;
    private static HttpClient streams;
    private static String ticketId;

    /**
     * One row of the matrix: the documented operation (method and path template), a query and a valid body, and the
     * roles it admits (null = public). {@code stream}: an SSE stream, whose answer never ends (only its head is read).
     */
    record Endpoint(HttpMethod method, String template, String query, String body, Set<Role> roles, boolean stream) {
        Endpoint(HttpMethod method, String template, String body, Set<Role> roles) {
            this(method, template, "", body, roles, false);
        }

        String operation() {
            return method.name().toLowerCase(Locale.ROOT) + " " + template;
        }

        String path(String ticket, String dossierCode) {
            return template.replace("{site}", "demo")
                            .replace("{counter}", "3")
                            .replace(TICKET, ticket)
                            .replace("{code}", dossierCode)
                            .replace("{eventId}", "no-such-event")
                            .replace("{username}", "officer16")
                    + query;
        }

        @Override
        public String toString() {
            return method + " " + template + query;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/auth/login",
                    new JsonObject()
                            .put("username", "kiosk1")
                            .put("password", TestApi.PASSWORD)
                            .encode(),
                    PUBLIC),
            new Endpoint(HttpMethod.POST, "/api/v1/auth/logout", null, EnumSet.allOf(Role.class)),
            new Endpoint(HttpMethod.POST, "/api/v1/auth/refresh", null, EnumSet.allOf(Role.class)),
            new Endpoint(HttpMethod.POST, "/api/v1/accounts/{username}/revoke-tokens", null, EnumSet.of(Role.ADMIN)),
            new Endpoint(HttpMethod.GET, "/api/v1/openapi.yaml", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/queue", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/issuing", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/events", "", null, PUBLIC, true),
            new Endpoint(HttpMethod.GET, "/api/v1/tickets/" + TICKET, null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/dossiers/{code}", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/health", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/health/live", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/health/ready", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/metrics", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/t/" + TICKET, null, PUBLIC),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/{site}/tickets", "{\"service\":\"A\"}", ISSUERS),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/tickets", "?number=A0001", null, STAFF, false),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/sites/{site}/devices/status",
                    // each account its own device: a device account reports only its own (DeviceClaims)
                    "{\"device\":\"{user}/printer\",\"kind\":\"printer\",\"state\":\"ONLINE\"}",
                    DEVICES),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/sites/{site}/devices/heartbeat",
                    "{\"agent\":\"{user}\",\"kind\":\"kiosk\",\"devices\":[\"{user}/printer\"]}",
                    DEVICES),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/devices", null, SUPERVISORS),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/{site}/counters/{counter}/call-next", null, STAFF),
            new Endpoint(
                    HttpMethod.POST, "/api/v1/sites/{site}/counters/{counter}/pause", "{\"reason\":\"Họp\"}", STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/{site}/counters/{counter}/resume", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/{site}/counters/{counter}/sign-in", null, STAFF),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/{site}/counters/{counter}/sign-out", null, STAFF),
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
            new Endpoint(HttpMethod.POST, "/api/v1/tickets/" + TICKET + "/rating", "{\"level\":1,\"scale\":3}", STAFF),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/waiting", "?service=A", null, STAFF, false),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/appointments/days", "?service=A", null, PUBLIC, false),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/appointments/slots", "?service=A", null, OPEN, false),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/sites/{site}/appointments",
                    "{\"service\":\"A\",\"start\":\"2026-01-05T08:00:00+07:00\",\"name\":\"Nguyễn Văn An\","
                            + "\"phone\":\"0912345678\"}",
                    OPEN),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/appointments", "?date=2026-01-05", null, STAFF, false),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/sites/{site}/appointments/import",
                    "?date=2026-01-05",
                    null,
                    SUPERVISORS,
                    false),
            new Endpoint(HttpMethod.GET, "/api/v1/appointments/{code}", null, OPEN),
            new Endpoint(HttpMethod.DELETE, "/api/v1/appointments/{code}", null, OPEN),
            new Endpoint(
                    HttpMethod.PATCH, "/api/v1/appointments/{code}", "{\"start\":\"2026-01-05T08:30:00+07:00\"}", OPEN),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/sites/{site}/check-in",
                    "{\"code\":\"K7M2Q9XA\"}",
                    EnumSet.of(Role.KIOSK)),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/sites/{site}/number-blocks",
                    "{\"service\":\"A\"}",
                    EnumSet.of(Role.KIOSK)),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/sites/{site}/offline-tickets",
                    "{\"tickets\":[{\"id\":\"AAAAAAAAAAAAAAAA\",\"service\":\"A\",\"sequence\":1,"
                            + "\"tappedAt\":\"2026-01-01T02:00:00Z\"}]}",
                    EnumSet.of(Role.KIOSK)),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/stats", "?from=2026-01-01", null, SUPERVISORS, false),
            new Endpoint(HttpMethod.GET, "/stats/", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/dat-lich/", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/dat-lich/qr/{code}", null, OPEN),
            new Endpoint(HttpMethod.GET, "/supervisor/", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/admin/", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/ticket-page/ticket.js", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/ticket-page/ticket.css", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/favicon.svg", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/favicon.ico", null, PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/outbox", "?state=pending", null, SUPERVISORS, false),
            new Endpoint(HttpMethod.POST, "/api/v1/sites/{site}/outbox/{eventId}/retry", null, SUPERVISORS),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/tickets/" + TICKET + "/notify",
                    "{\"phone\":\"0912345678\",\"consent\":true}",
                    PUBLIC),
            new Endpoint(HttpMethod.GET, "/api/v1/tickets/" + TICKET + "/notify", null, PUBLIC),
            // signed by the SMS gateway, not by a role: this centre has no inbound secret (404)
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/sites/{site}/sms/inbound",
                    "{\"from\":\"0912345678\",\"text\":\"HS X\"}",
                    OPEN),
            new Endpoint(HttpMethod.GET, "/api/v1/sites/{site}/notifications", "?state=dead", null, SUPERVISORS, false),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/sites/{site}", null, ADMINS),
            // an empty document: an admitted admin gets 400 naming the keys, changing nothing
            new Endpoint(HttpMethod.PUT, "/api/v1/admin/sites/{site}", "{\"version\":0,\"document\":{}}", ADMINS),
            // an empty document: a province admin gets 400 (no code), creating nothing
            new Endpoint(HttpMethod.POST, "/api/v1/admin/sites", "{\"document\":{}}", ADMINS),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/accounts", null, ADMINS),
            // bodies an admitted caller gets 400 VALIDATION for, changing nothing
            new Endpoint(HttpMethod.POST, "/api/v1/admin/accounts", "{\"username\":\"x y\"}", ADMINS),
            new Endpoint(HttpMethod.PATCH, "/api/v1/admin/accounts/{username}", "{\"role\":\"BOSS\"}", ADMINS),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/audit", null, ADMINS),
            new Endpoint(
                    HttpMethod.POST,
                    "/api/v1/auth/password",
                    "{\"currentPassword\":\"x\",\"newPassword\":\"ngan\"}",
                    EnumSet.allOf(Role.class)));

    private static final String[] USERS = {null, "admin", "supervisor", "officer3", "kiosk1", "board1"};

    @BeforeAll
    static void start() throws Exception {
        simulatorVertx = Vertx.vertx();
        simulator = DossierSimulator.start(simulatorVertx, DossierSimulator.Options.defaults())
                .await(30, TimeUnit.SECONDS);
        api = TestApi.launch(dataDir, SimulatorLink.dossierConfig(simulator, "generic"));
        streams = api.vertx.createHttpClient();
        ticketId = api.issue("A").getString("id");
    }

    @AfterAll
    static void stop() throws Exception {
        if (streams != null) {
            streams.close();
        }
        if (api != null) {
            api.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (simulatorVertx != null) {
            simulatorVertx.close().await(30, TimeUnit.SECONDS);
        }
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

    /** What came back: the status and, for an error, its code. */
    private record Answer(int status, String error, String body) {}

    private static Answer send(Endpoint endpoint, String user) {
        String path = endpoint.path(ticketId, simulator.samples().get(0).code());
        if (endpoint.stream()) {
            return openStream(path, user);
        }
        String body =
                endpoint.body() == null ? null : endpoint.body().replace("{user}", user == null ? "anonymous" : user);
        HttpResponse<Buffer> response = api.send(endpoint.method(), path, user, body);
        if (user != null && endpoint.template().startsWith("/api/v1/auth/")) {
            api.forgetToken(user); // logout and refresh end the token used: the next case signs in again
        }
        String error =
                response.statusCode() >= 400 ? response.bodyAsJsonObject().getString("error") : null;
        return new Answer(response.statusCode(), error, response.bodyAsString());
    }

    /** Opens an SSE stream, reads its status (and error body), and hangs up. */
    private static Answer openStream(String path, String user) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost("127.0.0.1")
                .setPort(api.port())
                .setURI(path)
                .putHeader("Accept", "text/event-stream");
        if (user != null) {
            options.putHeader("Authorization", "Bearer " + api.token(user));
        }
        Future<Answer> answer = streams.request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() >= 400
                        ? response.body().map(body -> errorAnswer(response, body))
                        : Future.succeededFuture(hangUp(response)));
        return TestApi.await(answer);
    }

    private static Answer errorAnswer(HttpClientResponse response, Buffer body) {
        return new Answer(response.statusCode(), body.toJsonObject().getString("error"), body.toString());
    }

    private static Answer hangUp(HttpClientResponse response) {
        String contentType = response.getHeader("Content-Type");
        response.exceptionHandler(closedByUs -> {
            // the hang-up below ends the stream: expected, nothing to report
        });
        response.request().connection().close();
        return new Answer(response.statusCode(), null, contentType);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointWithEveryRole")
    void onlyTheRolesOfTheContractGetPastTheGate(Endpoint endpoint, String user) {
        Role role = roleOf(user);
        long seqBefore = api.engine.snapshot(TestApi.SITE).seq();

        Answer answer = send(endpoint, role == null ? null : user);

        if (endpoint.roles() == PUBLIC
                && endpoint.method() == HttpMethod.POST
                && endpoint.template().endsWith("/notify")) {
            // Past the gate for everyone: the test site sends no messages (409), and one client address may leave
            // only a burst of numbers (429).
            assertThat(answer.error()).as(answer.body()).isIn("CONFLICT", "RATE_LIMITED");
        } else if (endpoint.roles() == PUBLIC) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        } else if (endpoint.roles() == OPEN) {
            assertThat(answer.status()).as(answer.body()).isLessThan(500).isNotIn(401, 403);
        } else if (role == null) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.error()).isEqualTo("UNAUTHENTICATED");
            assertThat(api.engine.snapshot(TestApi.SITE).seq()).isEqualTo(seqBefore);
        } else if (!endpoint.roles().contains(role)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.error()).isEqualTo("FORBIDDEN");
            assertThat(api.engine.snapshot(TestApi.SITE).seq()).isEqualTo(seqBefore);
        } else {
            assertThat(answer.status())
                    .as("%s as %s: %s", endpoint, user, answer.body())
                    .isLessThan(500);
            assertThat(answer.error())
                    .as("%s as %s: %s", endpoint, user, answer.body())
                    .isNotIn("UNAUTHENTICATED", "FORBIDDEN", "INTERNAL");
        }
    }

    @Test
    void theMatrixListsEveryOperationOfTheDocumentOnce() throws Exception {
        List<String> listed = ENDPOINTS.stream().map(Endpoint::operation).toList();

        assertThat(listed).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(listed)).isEqualTo(documentedOperations());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedOperations() throws Exception {
        try (InputStream in = ApiRoleMatrixIT.class.getResourceAsStream("/openapi.yaml")) {
            Map<String, Object> document =
                    (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            Map<String, Object> paths = (Map<String, Object>) document.get("paths");
            return paths.entrySet().stream()
                    .flatMap(path -> ((Map<String, Object>) path.getValue())
                            .keySet().stream()
                                    .filter(key -> Set.of("get", "post", "put", "delete", "patch")
                                            .contains(key))
                                    .map(method -> method + " " + path.getKey()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
