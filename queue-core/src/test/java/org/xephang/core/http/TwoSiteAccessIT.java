package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 13 finding 3, over two sites ({@code src/test/resources/http/two-sites.yaml}): every documented operation of
 * {@link ApiRoleMatrixIT#ENDPOINTS} that names a site, a ticket or an account is refused with 403 to every account of
 * the other site, whatever its role, and changes nothing there; officers sign in only at their counters and act only
 * on tickets of the lines their counter serves; staff of another site see only the public view.
 */
@Timeout(120)
class TwoSiteAccessIT {

    private static final List<String> NORTH =
            List.of("admin-north", "supervisor-north", "officer-north", "kiosk-north", "board-north");

    @TempDir
    static Path dataDir;

    private static TestApi api;
    private static String southTicket;

    @BeforeAll
    static void start() {
        api = TestApi.startWithDossierRoutes(dataDir, "/http/two-sites.yaml");
        southTicket = issue("south", "A", "province").getString("id");
        ok(api.send(HttpMethod.POST, "/api/v1/sites/south/counters/1/sign-in", "officer-south", null));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonObject issue(String site, String service, String user) {
        HttpResponse<Buffer> answer = api.send(
                HttpMethod.POST,
                "/api/v1/sites/" + site + "/tickets",
                user,
                new JsonObject().put("service", service).encode());
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        return answer.bodyAsJsonObject();
    }

    private static HttpResponse<Buffer> ok(HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isBetween(200, 204);
        return answer;
    }

    static Stream<Arguments> everySiteBoundOperationWithEveryAccountOfTheOtherSite() {
        List<Arguments> cases = new ArrayList<>();
        for (ApiRoleMatrixIT.Endpoint endpoint : ApiRoleMatrixIT.ENDPOINTS) {
            String template = endpoint.template();
            boolean bound = template.contains("{site}") || template.contains("{id}") || template.contains("{username}");
            if (endpoint.roles() == null || endpoint.roles() == ApiRoleMatrixIT.OPEN || !bound) {
                continue; // public (the appointments' public operations too), or not about a site (login, logout)
            }
            for (String user : NORTH) {
                cases.add(Arguments.of(endpoint, user));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everySiteBoundOperationWithEveryAccountOfTheOtherSite")
    void anAccountOfOneSiteReachesNothingOfTheOther(ApiRoleMatrixIT.Endpoint endpoint, String user) {
        long seqBefore = api.engine.snapshot("south").seq();
        String path = endpoint.template()
                        .replace("{site}", "south")
                        .replace("{counter}", "1")
                        .replace("{id}", southTicket)
                        .replace("{code}", "X")
                        .replace("{eventId}", "no-such-event")
                        .replace("{username}", "officer-south")
                + endpoint.query();

        HttpResponse<Buffer> answer = endpoint.stream()
                ? api.send(HttpMethod.GET, path, user, null)
                : api.send(endpoint.method(), path, user, endpoint.body());

        if (endpoint.stream()) {
            return; // a stream is public: its staff view is checked below
        }
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(403);
        assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("FORBIDDEN");
        assertThat(api.engine.snapshot("south").seq()).isEqualTo(seqBefore);
    }

    @Test
    void aProvinceAdministratorActsAtEverySite() {
        assertThat(issue("north", "A", "province").getString("site")).isEqualTo("north");
        assertThat(issue("south", "A", "province").getString("site")).isEqualTo("south");
    }

    @Test
    void aSupervisorOfAnotherSiteSeesOnlyThePublicQueue() {
        JsonObject south = ok(api.send(HttpMethod.GET, "/api/v1/sites/south/queue", "supervisor-north", null))
                .bodyAsJsonObject();
        JsonObject north = ok(api.send(HttpMethod.GET, "/api/v1/sites/north/queue", "supervisor-north", null))
                .bodyAsJsonObject();

        assertThat(south.encode()).doesNotContain("officer-south").doesNotContain("\"officer\"");
        assertThat(north.encode()).contains("\"officer\"");
    }

    @Test
    void staffOfAnotherSiteGetOnlyThePublicStreamOfASite() {
        io.vertx.core.http.HttpClient client = api.vertx.createHttpClient();
        StringBuilder received = new StringBuilder();
        try {
            TestApi.await(client.request(new io.vertx.core.http.RequestOptions()
                            .setMethod(HttpMethod.GET)
                            .setHost("127.0.0.1")
                            .setPort(api.port())
                            .setURI("/api/v1/sites/south/events")
                            .addHeader("Accept", "text/event-stream")
                            .addHeader("Authorization", "Bearer " + api.token("supervisor-north")))
                    .compose(request -> {
                        request.response()
                                .onSuccess(answer -> answer.handler(chunk -> {
                                    synchronized (received) {
                                        received.append(chunk.toString(java.nio.charset.StandardCharsets.UTF_8));
                                    }
                                }));
                        return request.send();
                    }));
            org.xephang.testkit.Poll.until(java.time.Duration.ofSeconds(20), "the south snapshot", () -> {
                synchronized (received) {
                    return received.toString().contains("\"snapshot\"");
                }
            });
            String ticket = issue("south", "A", "province").getString("id");
            org.xephang.testkit.Poll.until(java.time.Duration.ofSeconds(20), "the new south ticket", () -> {
                synchronized (received) {
                    return received.toString().contains(ticket);
                }
            });
        } finally {
            TestApi.await(client.close());
        }

        synchronized (received) {
            // officer-south is signed in at counter 1 of south: staff of south would see them, north's do not
            assertThat(received.toString()).doesNotContain("officer-south").doesNotContain("\"officer\"");
        }
    }

    @Test
    void anOfficerSignsInOnlyAtTheCountersOfTheirAccount() {
        HttpResponse<Buffer> elsewhere =
                api.send(HttpMethod.POST, "/api/v1/sites/north/counters/9/sign-in", "officer-north", null);

        assertThat(elsewhere.statusCode()).as(elsewhere.bodyAsString()).isEqualTo(403);
        ok(api.send(HttpMethod.POST, "/api/v1/sites/north/counters/1/sign-in", "officer-north", null));
    }

    @Test
    void anOfficerActsOnlyOnTicketsOfTheLinesTheirCounterServes() {
        ok(api.send(HttpMethod.POST, "/api/v1/sites/north/counters/1/sign-in", "officer-north", null));
        ok(api.send(HttpMethod.POST, "/api/v1/sites/north/counters/2/sign-in", "officer-north-g", null));
        String g = issue("north", "G", "kiosk-north").getString("id");
        String h = issue("north", "H", "kiosk-north").getString("id");
        long seqBefore = api.engine.snapshot("north").seq();

        HttpResponse<Buffer> call = api.send(HttpMethod.POST, "/api/v1/tickets/" + g + "/call", "officer-north", "{}");
        HttpResponse<Buffer> cancel =
                api.send(HttpMethod.POST, "/api/v1/tickets/" + h + "/cancel", "officer-north", "{}");
        HttpResponse<Buffer> toFrontOfA = api.send(
                HttpMethod.POST,
                "/api/v1/tickets/" + g + "/transfer",
                "officer-north",
                "{\"service\":\"A\",\"position\":\"front\"}");

        assertThat(List.of(call.statusCode(), cancel.statusCode(), toFrontOfA.statusCode()))
                .as(call.bodyAsString())
                .containsOnly(403);
        assertThat(api.engine.snapshot("north").seq()).isEqualTo(seqBefore);
        ok(api.send(HttpMethod.POST, "/api/v1/tickets/" + g + "/call", "officer-north-g", "{}"));
    }
}
