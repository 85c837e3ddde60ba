package org.xephang.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed client's transport over a {@link ServerList}: one pooled web client per server, each request sent to the
 * server in use and, when that server fails to serve it (see {@link ServerRotation}), to the next one, with the same
 * headers (so a command keeps its {@code Idempotency-Key}) until a server answers or the request's budget is spent.
 * Thread-safe and non-blocking; waits between rounds are Vert.x timers.
 */
final class FailoverSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverSender.class);

    private final Vertx vertx;
    private final Map<URI, WebClient> clients = new LinkedHashMap<>();
    private volatile ServerRotation rotation;

    FailoverSender(Vertx vertx, ServerList servers, Path caFile) {
        this.vertx = vertx;
        this.rotation = new ServerRotation(
                servers, ServerRotation.Settings.defaults(servers.size()), Clock.systemUTC(), new SplittableRandom());
        for (URI server : servers.urls()) {
            boolean tls = "https".equals(server.getScheme());
            WebClientOptions options = new WebClientOptions()
                    .setDefaultHost(server.getHost())
                    .setDefaultPort(ApiTransport.port(server))
                    .setSsl(tls)
                    .setConnectTimeout(5_000)
                    .setUserAgent("xephang-client");
            if (tls && caFile != null) {
                options.setTrustOptions(ApiTransport.trust(caFile));
            }
            clients.put(server, WebClient.create(vertx, options));
        }
    }

    ServerRotation rotation() {
        return rotation;
    }

    void retryFor(Duration budget) {
        rotation = rotation.with(rotation.settings().withBudget(budget));
    }

    /** What one request is. */
    record Request(
            HttpMethod method,
            String path,
            JsonObject body,
            MultiMap headers,
            long timeoutMillis,
            boolean repeatable) {}

    /**
     * Sends {@code request}, moving over the servers as {@link ServerRotation} says. Completes with the first answer
     * that is not a server's failure (whatever its status), or with the last failure: a 502/503/504 answer, or the I/O
     * exception of a server that could not be reached.
     *
     * @param oneRound try each server at most once, without waiting (a refusal that may be the answer itself, such
     *     as a dossier system that is busy, is not worth the whole budget)
     */
    Future<HttpResponse<Buffer>> send(Request request, boolean oneRound) {
        ServerRotation current = rotation;
        Promise<HttpResponse<Buffer>> done = Promise.promise();
        attempt(request, current, current.attempts(request.repeatable()), oneRound, done);
        return done.future();
    }

    private void attempt(
            Request request,
            ServerRotation current,
            ServerRotation.Attempts attempts,
            boolean oneRound,
            Promise<HttpResponse<Buffer>> done) {
        URI server = current.current();
        HttpRequest<Buffer> http =
                clients.get(server).request(request.method(), request.path()).timeout(request.timeoutMillis());
        http.headers().addAll(request.headers());
        Future<HttpResponse<Buffer>> sent = request.body() == null ? http.send() : http.sendJsonObject(request.body());
        sent.onComplete(result -> {
            ServerRotation.Failure failure =
                    result.succeeded() ? failureOf(result.result()) : failureOf(result.cause());
            if (failure == null) {
                done.handle(result);
                return;
            }
            Optional<Duration> wait = attempts.failed(server, failure);
            if (oneRound && attempts.failures() >= current.servers().size()) {
                wait = Optional.empty();
            }
            String why = result.succeeded() ? "HTTP " + result.result().statusCode() : String.valueOf(result.cause());
            URI next = current.current();
            if (!next.equals(server) && attempts.failures() == 1) {
                // Once per request that finds its server failing: the client moves on (a burst of requests logs
                // once each, at the moment of the failover).
                LOG.info(
                        "Queue server {} did not serve {} {} ({}); moving to {}",
                        server,
                        request.method(),
                        request.path(),
                        why,
                        next);
            }
            if (wait.isEmpty()) {
                LOG.debug("{} {} on {} failed ({}); not retried", request.method(), request.path(), server, why);
                done.handle(result);
                return;
            }
            LOG.debug(
                    "{} {} on {} failed ({}); next attempt on {} in {} ms",
                    request.method(),
                    request.path(),
                    server,
                    why,
                    next,
                    wait.get().toMillis());
            if (wait.get().isZero()) {
                attempt(request, current, attempts, oneRound, done);
            } else {
                vertx.setTimer(wait.get().toMillis(), t -> attempt(request, current, attempts, oneRound, done));
            }
        });
    }

    /**
     * Marks a 503 of a cluster node that refused the request before anything ran (its site had no owner, or moved):
     * whatever the request was, it may be sent again (docs/adr/0033-takeover-without-waiting-the-lease.md).
     */
    static final String NOT_APPLIED = "X-Xephang-Not-Applied";

    /** {@link #failureOf(int)}, with a 503 marked {@link #NOT_APPLIED} not applied. */
    static ServerRotation.Failure failureOf(HttpResponse<?> answer) {
        if (answer.statusCode() == 503 && "1".equals(answer.getHeader(NOT_APPLIED))) {
            return ServerRotation.Failure.NOT_APPLIED;
        }
        return failureOf(answer.statusCode());
    }

    /**
     * A server's failure to serve, or null for an answer (any other status). A 503 is in doubt too: a standby's or a
     * fenced writer's 503 had no effect, but a node that forwarded the request to the site's owner answers 503 also
     * when the owner's answer was lost, so only a repeatable request is sent again after it.
     */
    static ServerRotation.Failure failureOf(int status) {
        return switch (status) {
            case 502, 503, 504 -> ServerRotation.Failure.IN_DOUBT;
            default -> null;
        };
    }

    /** A request that reached no server is NOT_APPLIED; a lost answer IN_DOUBT; anything else is not ours (null). */
    static ServerRotation.Failure failureOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return ServerRotation.Failure.NOT_APPLIED; // refused, or the connect timed out: nothing was sent
            }
        }
        return ApiTransport.isLostConnection(failure) ? ServerRotation.Failure.IN_DOUBT : null;
    }

    @Override
    public void close() {
        clients.values().forEach(WebClient::close);
    }
}
