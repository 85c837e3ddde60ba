package org.xephang.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.Optional;

/**
 * The few API v1 calls the load generator makes (docs/architecture.md §5), straight over a Vert.x {@link WebClient} with a
 * pool as large as the number of simulated devices, so the client adds as little as possible to what is measured.
 * Non-2xx answers fail the future with an {@link ApiException}.
 */
public final class ApiClient implements AutoCloseable {

    private final WebClient client;

    public ApiClient(Vertx vertx, URI baseUri, int connections) {
        WebClientOptions options = new WebClientOptions()
                .setDefaultHost(baseUri.getHost())
                .setDefaultPort(baseUri.getPort())
                .setKeepAlive(true)
                .setConnectTimeout(5_000)
                .setIdleTimeout(0);
        this.client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(connections));
    }

    /** A failed API call: the HTTP status and the {@code error} code of the body (or the raw body). */
    public static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        ApiException(int status, String code, String message) {
            super(status + " " + code + ": " + message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    public Future<String> login(String username, String password) {
        return send(
                        client.post("/api/v1/auth/login"),
                        new JsonObject().put("username", username).put("password", password))
                .map(r -> r.bodyAsJsonObject().getString("token"));
    }

    /** POST …/tickets; the ticket JSON (201 new, 200 replayed). */
    public Future<JsonObject> issue(String token, String site, String service, String idempotencyKey) {
        HttpRequest<Buffer> request = authorised(client.post("/api/v1/sites/" + site + "/tickets"), token);
        if (idempotencyKey != null) {
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        return send(request, new JsonObject().put("service", service)).map(HttpResponse::bodyAsJsonObject);
    }

    public Future<Void> signIn(String token, String site, int counter) {
        return send(authorised(client.post(counterPath(site, counter) + "/sign-in"), token), new JsonObject())
                .mapEmpty();
    }

    /** The called ticket, or empty on 204 (nothing waits). */
    public Future<Optional<JsonObject>> callNext(String token, String site, int counter) {
        return send(authorised(client.post(counterPath(site, counter) + "/call-next"), token), new JsonObject())
                .map(r -> r.statusCode() == 204 ? Optional.empty() : Optional.of(r.bodyAsJsonObject()));
    }

    /** POST /api/v1/tickets/{id}/{action} for start, complete, no-show, recall, cancel. */
    public Future<JsonObject> ticketAction(String token, String ticketId, String action) {
        return send(authorised(client.post("/api/v1/tickets/" + ticketId + "/" + action), token), new JsonObject())
                .map(HttpResponse::bodyAsJsonObject);
    }

    /** GET /api/v1/tickets/{id} (public). */
    public Future<JsonObject> ticket(String ticketId) {
        return send(client.get("/api/v1/tickets/" + ticketId), null).map(HttpResponse::bodyAsJsonObject);
    }

    /** GET /api/v1/sites/{site}/queue (public). */
    public Future<JsonObject> snapshot(String site) {
        return send(client.get("/api/v1/sites/" + site + "/queue"), null).map(HttpResponse::bodyAsJsonObject);
    }

    private static String counterPath(String site, int counter) {
        return "/api/v1/sites/" + site + "/counters/" + counter;
    }

    private static HttpRequest<Buffer> authorised(HttpRequest<Buffer> request, String token) {
        return request.putHeader("Authorization", "Bearer " + token);
    }

    private static Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, JsonObject body) {
        Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
        return sent.compose(response -> {
            if (response.statusCode() / 100 == 2) {
                return Future.succeededFuture(response);
            }
            String code = "HTTP_" + response.statusCode();
            String message = response.bodyAsString();
            String type = response.getHeader("Content-Type");
            if (type != null && type.startsWith("application/json") && message != null && message.startsWith("{")) {
                JsonObject error = new JsonObject(message);
                code = error.getString("error", code);
                message = error.getString("message", message);
            }
            return Future.failedFuture(new ApiException(response.statusCode(), code, message));
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
