package org.xephang.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of {@link QueueClient}: its servers ({@link FailoverSender}: a web client per server, moving on when one
 * fails), the bearer token and the credentials that
 * renew it (a request answered 401 is sent once more after signing in again), the API's paths, and the reading of the
 * server's {@code {"error": CODE, "message": …}} answers into {@link QueueError}s.
 */
final class ApiTransport {

    static final String API = "/api/v1";
    private static final String LOGIN = API + "/auth/login";
    private static final long REQUEST_TIMEOUT_MS = 15_000;
    /** Vert.x fails pending requests with this (no stack trace, no subclass) when their connection closes. */
    private static final String VERTX_CONNECTION_CLOSED = "Connection was closed";

    private record Credentials(String username, String password) {}

    private final Vertx vertx;
    private final FailoverSender sender;
    private final Path caFile;
    private volatile String token;
    private volatile Credentials credentials;

    ApiTransport(Vertx vertx, ServerList servers, Path caFile) {
        this.vertx = vertx;
        this.caFile = caFile;
        this.sender = new FailoverSender(vertx, servers, caFile);
    }

    static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** The certificate authorities of a PEM file, trusted instead of the JVM's own (a site's private CA). */
    static PemTrustOptions trust(Path caFile) {
        return new PemTrustOptions().addCertPath(caFile.toString());
    }

    Vertx vertx() {
        return vertx;
    }

    /** The server in use now. */
    URI base() {
        return sender.rotation().current();
    }

    ServerList servers() {
        return sender.rotation().servers();
    }

    void serverFailed(URI server) {
        sender.rotation().failed(server);
    }

    void retryFor(java.time.Duration budget) {
        sender.retryFor(budget);
    }

    boolean canSignInAgain() {
        return credentials != null;
    }

    /** Signs in again with the kept credentials (a server did not know the token). */
    Future<QueueClient.Session> signInAgain() {
        Credentials creds = credentials;
        return creds == null
                ? Future.failedFuture(new IllegalStateException("no credentials to sign in again"))
                : login(creds.username(), creds.password());
    }

    /** The PEM file of certificate authorities trusted over HTTPS, or null for the JVM's own. */
    Path caFile() {
        return caFile;
    }

    String token() {
        return token;
    }

    /** Signs in and keeps the token and the credentials. */
    Future<QueueClient.Session> login(String username, String password) {
        JsonObject body = new JsonObject().put("username", username).put("password", password);
        return send(HttpMethod.POST, LOGIN, body, null, false).map(response -> {
            QueueClient.Session session = QueueClient.Session.fromJson(response.bodyAsJsonObject());
            credentials = new Credentials(username, password);
            token = session.token();
            return session;
        });
    }

    /** A token obtained elsewhere; no automatic renewal. */
    void useToken(String bearerToken) {
        token = bearerToken;
        credentials = null;
    }

    Future<HttpResponse<Buffer>> get(String path) {
        return send(HttpMethod.GET, path, null, null, true);
    }

    Future<HttpResponse<Buffer>> post(String path, JsonObject body) {
        return send(HttpMethod.POST, path, body, null, true);
    }

    Future<HttpResponse<Buffer>> send(
            HttpMethod method, String path, JsonObject body, String idempotencyKey, boolean renewOn401) {
        String tokenUsed = token;
        return attempt(method, path, body, idempotencyKey, tokenUsed).compose(response -> {
            Credentials creds = credentials;
            if (response.statusCode() == 401 && renewOn401 && creds != null && tokenUsed != null) {
                return login(creds.username(), creds.password())
                        .compose(session -> attempt(method, path, body, idempotencyKey, session.token()))
                        .compose(ApiTransport::checked);
            }
            return checked(response);
        });
    }

    private Future<HttpResponse<Buffer>> attempt(
            HttpMethod method, String path, JsonObject body, String idempotencyKey, String bearer) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        headers.set("Accept", "application/json");
        if (bearer != null) {
            headers.set("Authorization", "Bearer " + bearer);
        }
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        // Safe to send again after a lost answer: reads, the sign-in, commands with their idempotency key.
        boolean repeatable = method == HttpMethod.GET || idempotencyKey != null || path.equals(LOGIN);
        return sender.send(
                new FailoverSender.Request(method, path, body, headers, REQUEST_TIMEOUT_MS, repeatable),
                path.startsWith(API + "/dossiers/"));
    }

    private static Future<HttpResponse<Buffer>> checked(HttpResponse<Buffer> response) {
        if (response.statusCode() < 400) {
            return Future.succeededFuture(response);
        }
        return Future.failedFuture(errorOf(response));
    }

    static QueueError errorOf(HttpResponse<Buffer> response) {
        try {
            JsonObject json = response.bodyAsJsonObject();
            if (json != null && json.getValue("error") instanceof String) {
                return QueueError.fromJson(json);
            }
        } catch (DecodeException | ClassCastException notJson) {
            return unexpected(response);
        }
        return unexpected(response);
    }

    private static QueueError unexpected(HttpResponse<Buffer> response) {
        ErrorCode code = response.statusCode() == 503 ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
        return new QueueError(
                code,
                "Máy chủ trả lời HTTP " + response.statusCode() + " không kèm mã lỗi.",
                "The server answered HTTP " + response.statusCode() + " without an error code.");
    }

    /**
     * Whether a failure of this client, or one of its causes, says the queue server could not be reached (connection
     * refused or reset, connection closed, timeout) rather than that it refused the request or that the caller has a
     * bug. Agents show the first as "lost connection" and retry; never the others.
     */
    static boolean isLostConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException // connect refused or timed out, reset, unknown host, TLS
                    || t instanceof TimeoutException // the request's own timeout
                    || t instanceof HttpClosedException
                    || VERTX_CONNECTION_CLOSED.equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static Ticket ticketOf(HttpResponse<Buffer> response) {
        return Ticket.fromJson(response.bodyAsJsonObject());
    }

    static String sitePath(String site) {
        return API + "/sites/" + segment(site);
    }

    static String counterPath(String site, int counter) {
        return sitePath(site) + "/counters/" + counter;
    }

    static String ticketPath(String ticketId) {
        return API + "/tickets/" + segment(ticketId);
    }

    static String segment(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    void close() {
        sender.close();
    }
}
