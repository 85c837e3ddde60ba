package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 findings 8–10: hostile input from anyone on the network never causes a 500 and always gets a JSON error
 * body, even when Netty or Vert.x refuse it before the router; message framing is strict (no request smuggling, no
 * h2c); every page carries CSP, frame and sniffing protections; the data folder is the server's own. Requests are
 * written byte for byte on a socket, as an attacker would.
 */
@Timeout(60)
class HostileInputIT {

    @TempDir
    static Path dataDir;

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(dataDir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Status line, head and body of the first answer (the whole exchange is kept for pipelining checks). */
    record Answer(int status, String head, String body, String all) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** Writes {@code request} as is, reads until the server closes (or 3 s of silence), parses the first answer. */
    static Answer raw(String request) {
        return exchange(api.port(), request.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
    }

    /** Writes {@code head} then {@code body} to the server on {@code port}; reads and parses the first answer. */
    static Answer exchange(int port, byte[] requestHead, byte[] requestBody) {
        String request = new String(requestHead, StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead);
            try {
                out.write(requestBody);
            } catch (IOException closedEarly) {
                // the server answered (and closed) before reading the whole body: the answer is what counts
            }
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException silent) {
                // keep-alive: what arrived is the answer
            } catch (IOException reset) {
                // the server reset the connection after answering
            }
            String all = received.toString(StandardCharsets.UTF_8);
            int headEnd = all.indexOf("\r\n\r\n");
            assertThat(headEnd)
                    .as("an answer to:\n" + request.substring(0, Math.min(200, request.length())))
                    .isPositive();
            String head = all.substring(0, headEnd);
            String rest = all.substring(headEnd + 4);
            String body = rest;
            String lower = head.toLowerCase();
            int lengthAt = lower.indexOf("content-length:");
            if (lengthAt >= 0) {
                int end = lower.indexOf("\r\n", lengthAt);
                int length = Integer.parseInt(head.substring(lengthAt + 15, end < 0 ? head.length() : end)
                        .trim());
                byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
                body = new String(bytes, 0, Math.min(length, bytes.length), StandardCharsets.UTF_8);
            }
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, body, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertJsonError(Answer answer, int status) {
        assertThat(answer.status()).as(answer.all()).isEqualTo(status);
        assertThat(answer.head().toLowerCase()).contains("content-type: application/json");
        JsonObject error = answer.json();
        assertThat(error.getString("error")).isNotBlank().isNotEqualTo("INTERNAL");
        assertThat(error.getString("message")).isNotBlank();
        assertThat(error.getString("messageEn")).isNotBlank().isNotEqualTo(error.getString("message"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "http://", "://kiosk", "http://[::1", "null null"})
    void aMalformedOriginIsA400WithAJsonBodyNotA500(String origin) {
        Answer answer = raw("GET /api/v1/sites/demo/queue HTTP/1.1\r\nHost: q\r\nOrigin: " + origin
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.all()).isLessThan(500);
        assertJsonError(answer, 400);
    }

    @Test
    void aChunkSizeThatOverflowsIsA400WithAJsonBody() {
        Answer answer = raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: q\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n");

        assertJsonError(answer, 400);
    }

    @Test
    void aSignedTokenWhoseExpiryIsAStringIsA401() throws IOException {
        byte[] key = Base64.getDecoder()
                .decode(Files.readString(dataDir.resolve("token-signing.key")).trim());
        JWTAuth jwt = JWTAuth.create(
                api.vertx,
                new JWTAuthOptions()
                        .addPubSecKey(
                                new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(key))));
        String token = jwt.generateToken(
                new JsonObject()
                        .put("sub", "admin")
                        .put("role", "ADMIN")
                        .put("iss", "xephang")
                        .put("iat", Instant.now().getEpochSecond())
                        .put("exp", "tomorrow"),
                new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));

        Answer answer = raw("GET /api/v1/sites/demo/stats HTTP/1.1\r\nHost: q\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");

        assertJsonError(answer, 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/sites/%zz/queue", "/api/v1/sites/%u002e/queue", "/api/v1/tickets/%", "/t/%zz"})
    void aBadPercentEscapeIsA400WithAJsonBody(String path) {
        Answer answer = raw("GET " + path + " HTTP/1.1\r\nHost: q\r\nConnection: close\r\n\r\n");

        assertJsonError(answer, 400);
    }

    @Test
    void aTooLongUriIsA414WithAJsonBody() {
        Answer answer = raw(
                "GET /api/v1/sites/" + "a".repeat(20_000) + "/queue HTTP/1.1\r\nHost: q\r\nConnection: close\r\n\r\n");

        assertJsonError(answer, 414);
    }

    @Test
    void tooLargeHeadersAreA431WithAJsonBody() {
        Answer answer = raw("GET /api/v1/sites/demo/queue HTTP/1.1\r\nHost: q\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertJsonError(answer, 431);
    }

    @Test
    void aTransferEncodingOtherThanChunkedIsRefusedAndAPipelinedRequestBehindItNeverRuns() {
        String smuggled = "GET /api/v1/sites/demo/stats HTTP/1.1\r\nHost: q\r\n\r\n";
        String body = "0\r\n\r\n" + smuggled;
        Answer answer = raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: q\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: xchunked\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

        assertJsonError(answer, 400);
        assertThat(answer.all()).containsOnlyOnce("HTTP/1.1 ");
    }

    @Test
    void anH2cUpgradeIsNotAccepted() {
        Answer answer = raw("GET /health HTTP/1.1\r\nHost: q\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.all()).isNotEqualTo(101);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/t/some-ticket", "/stats/", "/api/v1/sites/demo", "/api/v1/no-such-thing"})
    void everyAnswerForbidsFramingAndSniffing(String path) {
        Answer answer = raw("GET " + path + " HTTP/1.1\r\nHost: q\r\nConnection: close\r\n\r\n");

        String head = answer.head().toLowerCase();
        assertThat(head).contains("x-content-type-options: nosniff");
        assertThat(head).contains("x-frame-options: deny");
        assertThat(head).containsPattern("content-security-policy: [^\r\n]*frame-ancestors 'none'");
    }

    @Test
    void theDataFolderAndItsFilesAreTheServersOwn() throws IOException {
        assertThat(Files.getPosixFilePermissions(dataDir))
                .doesNotContain(
                        PosixFilePermission.GROUP_READ,
                        PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_EXECUTE);
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                assertThat(permissions)
                        .as(file.toString())
                        .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            }
        }
    }
}
