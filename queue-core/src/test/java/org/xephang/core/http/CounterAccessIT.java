package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xephang.api.Role;

/**
 * Counter 3 against counter 4, at one site (docs/security.md: an officer acts only at the counter they are signed in
 * to): every operation of {@link ApiRoleMatrixIT#ENDPOINTS} that names a counter, tried by officer 3 at counter 4,
 * and every one an officer may do on a ticket, tried by officer 3 on the ticket counter 4 has called, is refused and
 * changes nothing. Generated from the matrix, so a new counter or ticket operation is covered as soon as it is listed.
 */
@Timeout(120)
class CounterAccessIT {

    @TempDir
    static Path dataDir;

    private static TestApi api;
    private static String atCounter4;

    @BeforeAll
    static void start() {
        api = TestApi.start(dataDir);
        api.signIn(3);
        api.signIn(4);
        api.issue("A");
        HttpResponse<Buffer> called =
                api.send(HttpMethod.POST, "/api/v1/sites/demo/counters/4/call-next", "officer4", null);
        assertThat(called.statusCode()).as(called.bodyAsString()).isEqualTo(200);
        atCounter4 = called.bodyAsJsonObject().getString("id");
        api.issue("A"); // one waiting for counter 3, so call-next there would have something to take
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<Arguments> everyOfficerOperationOnAnotherCounterOrItsTicket() {
        return ApiRoleMatrixIT.ENDPOINTS.stream()
                .filter(e -> e.roles() != null && e.roles().contains(Role.OFFICER))
                .filter(e -> !e.roles().containsAll(EnumSet.of(Role.KIOSK, Role.DISPLAY))) // the devices' own routes
                .filter(e -> e.template().contains("{counter}") || e.template().startsWith("/api/v1/tickets/{id}/"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOfficerOperationOnAnotherCounterOrItsTicket")
    void officer3CannotActAtCounter4NorOnItsTicket(ApiRoleMatrixIT.Endpoint endpoint) {
        long seqBefore = api.engine.snapshot(TestApi.SITE).seq();
        String path = endpoint.template()
                        .replace("{site}", "demo")
                        .replace("{counter}", "4")
                        .replace("{id}", atCounter4)
                + endpoint.query();

        HttpResponse<Buffer> answer = api.send(endpoint.method(), path, "officer3", endpoint.body());

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isIn(403, 409);
        assertThat(answer.bodyAsJsonObject().getString("error"))
                .isIn("FORBIDDEN", "NOT_SIGNED_IN", "INVALID_TRANSITION");
        assertThat(api.engine.snapshot(TestApi.SITE).seq()).isEqualTo(seqBefore);
    }
}
