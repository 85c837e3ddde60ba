package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, the security suite: a bounded fuzz of every documented operation ({@link ApiRoleMatrixIT#ENDPOINTS}) with
 * a fixed seed, so a failure is reproduced by running it again. Each operation gets {@value #CASES} mutated requests
 * (malformed and mistyped JSON, huge and decomposed Unicode text, nesting, odd path segments and methods), sent as
 * the administrator so the role gate lets them through to the checks behind it. None may answer 5xx; every refusal
 * is a JSON {@code {"error","message","messageEn"}}; a refused request changes nothing.
 */
@Timeout(300)
class ApiFuzzIT {

    private static final long SEED = 13;
    private static final int CASES = 8;

    @TempDir
    static Path dataDir;

    private static TestApi api;
    private static String ticketId;

    @BeforeAll
    static void start() {
        api = TestApi.start(dataDir);
        ticketId = api.issue("A").getString("id");
        api.signIn(3);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    record Mutation(ApiRoleMatrixIT.Endpoint endpoint, HttpMethod method, String path, String body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : body.substring(0, Math.min(60, body.length()));
            return method + " " + path.substring(0, Math.min(90, path.length())) + " " + shown;
        }
    }

    static Stream<Arguments> mutationsOfEveryOperation() {
        Random random = new Random(SEED);
        List<Arguments> cases = new ArrayList<>();
        for (ApiRoleMatrixIT.Endpoint endpoint : ApiRoleMatrixIT.ENDPOINTS) {
            if (endpoint.stream() || endpoint.template().startsWith("/api/v1/auth/")) {
                continue; // streams never end; logout and refresh would end the fuzzer's own token
            }
            for (int i = 0; i < CASES; i++) {
                cases.add(Arguments.of(mutate(endpoint, random)));
            }
        }
        return cases.stream();
    }

    private static final String[] SEGMENTS = {
        "%zz",
        "%u002e",
        "..%2f..%2fetc",
        "%00",
        "A".repeat(600),
        "😀",
        Normalizer.normalize("Hộ tịch", Normalizer.Form.NFD),
        "-1",
        "0",
        "99999999999",
        "null",
        "{id}",
        "%2e%2e",
        "a b",
        "ổ"
    };

    private static final String[] BODIES = {
        "{",
        "[]",
        "null",
        "\"text\"",
        "42",
        "{\"service\":42}",
        "{\"service\":null}",
        "{\"service\":[\"A\"]}",
        "{\"level\":\"3\",\"scale\":{}}",
        "{\"code\":\"" + "x".repeat(70_000) + "\"}",
        "{\"reason\":\"\\u0000\"}",
        "{\"service\":\"" + Normalizer.normalize("Đất đai", Normalizer.Form.NFD) + "\"}",
        "{\"position\":true}",
        "{\"counter\":1e309}",
        "{\"counter\":-5,\"service\":\"B\"}",
        "{\"state\":\"ONLINE\",\"device\":\"\\n\"}",
        "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}",
        "\u00ff\u00fe garbage",
        "{\"username\":{},\"password\":[]}"
    };

    private static final HttpMethod[] METHODS = {
        HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS
    };

    private static Mutation mutate(ApiRoleMatrixIT.Endpoint endpoint, Random random) {
        String template = endpoint.template();
        HttpMethod method = random.nextInt(5) == 0 ? METHODS[random.nextInt(METHODS.length)] : endpoint.method();
        String[] parts = template.split("/", -1);
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            boolean parameter = part.startsWith("{");
            String value = switch (part) {
                case "{site}" -> "demo";
                case "{counter}" -> "3";
                case "{id}" -> ticketId;
                case "{code}" -> "000.00.01.H29-260101-0001";
                case "{eventId}" -> "no-such-event";
                case "{username}" -> "officer16";
                default -> part;
            };
            if ((parameter && random.nextInt(3) == 0) || (!parameter && random.nextInt(25) == 0)) {
                value = SEGMENTS[random.nextInt(SEGMENTS.length)];
            }
            path.append('/').append(value);
        }
        if (random.nextInt(4) == 0) {
            path.append(random.nextBoolean() ? "?number=%zz&from=2026-99-99" : "?service=" + "Z".repeat(300));
        } else {
            path.append(endpoint.query());
        }
        String body = random.nextInt(6) == 0 ? endpoint.body() : BODIES[random.nextInt(BODIES.length)];
        return new Mutation(endpoint, method, path.toString(), body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutationsOfEveryOperation")
    void noMutationCausesA5xxOrANonJsonErrorOrAChangeWhenRefused(Mutation mutation) {
        long seqBefore = api.engine.snapshot(TestApi.SITE).seq();

        HostileInputIT.Answer answer = send(mutation);

        assertThat(answer.status()).as(answer.all()).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.head().toLowerCase(Locale.ROOT)).contains("content-type: application/json");
            JsonObject error = answer.json();
            assertThat(error.getString("error")).isNotBlank();
            assertThat(error.getString("message")).isNotBlank();
            assertThat(error.getString("messageEn")).isNotBlank().isNotEqualTo(error.getString("message"));
            assertThat(api.engine.snapshot(TestApi.SITE).seq()).isEqualTo(seqBefore);
        }
    }

    /** Writes the request byte for byte ({@code Connection: close}) with the admin's token; reads the answer. */
    private static HostileInputIT.Answer send(Mutation mutation) {
        byte[] body = mutation.body() == null ? new byte[0] : mutation.body().getBytes(StandardCharsets.UTF_8);
        String head = mutation.method().name() + " " + mutation.path() + " HTTP/1.1\r\nHost: q\r\n"
                + "Authorization: Bearer " + api.token("admin") + "\r\nConnection: close\r\n"
                + (body.length > 0 ? "Content-Type: application/json\r\n" : "")
                + "Content-Length: " + body.length + "\r\n\r\n";
        return HostileInputIT.exchange(api.port(), head.getBytes(StandardCharsets.UTF_8), body);
    }
}
