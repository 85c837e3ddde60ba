package org.xephang.core.cluster;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.auth.Authenticator;

/**
 * Any node answers any request (docs/adr/0027-request-forwarding-and-site-ownership.md): a request for a site this node
 * does not run ({@code /api/v1/sites/{site}/…}, {@code /api/v1/admin/sites/{site}}, {@code /api/v1/tickets/{id}…}
 * of a ticket of such a site, or {@code /api/v1/appointments/{code}} of a booking of such a site) is forwarded over HTTP to the node that owns the site, as the cluster's directory says.
 * The request keeps its method, path, query, body and headers (Authorization, Idempotency-Key, X-Request-Id…); the
 * answer keeps its status, headers and body, streamed (Server-Sent Events too); a WebSocket is relayed message by
 * message. A token is checked here first (a bad one never crosses); the owner checks it again with the route's roles.
 * While a site has no owner (mid-takeover), or the owner cannot be reached, the answer is 503 {@code UNAVAILABLE} with
 * {@code Retry-After: 1}: the client retries with the same idempotency key. A forwarded request is never forwarded
 * again. Event loop handler; the ticket lookup runs on a worker.
 */
public final class SiteForwarding implements Handler<RoutingContext> {

    /** Marks a request forwarded by another node (its node id): it is answered here, never forwarded again. */
    public static final String FORWARDED_BY = "X-Xephang-Forwarded-By";

    /**
     * How long a request for a site without an owner waits for one before it is refused: a clean hand-over (a site
     * moving to a node that settled) takes a fraction of this, so clients see a slower answer instead of a 503.
     */
    static final long OWNER_WAIT_MS = 1_500;

    private static final long OWNER_POLL_MS = 50;
    /** The header of a 503 that did nothing (set by {@code ApiFailureHandler} from {@code "applied": false}). */
    private static final String NOT_APPLIED = "X-Xephang-Not-Applied";

    private static final Logger LOG = LoggerFactory.getLogger(SiteForwarding.class);
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-extensions",
            "sec-websocket-accept",
            "sec-websocket-protocol");
    private static final String PREFIX = "/api/v1/";

    private final ClusterQueue queue;
    private final Authenticator auth;
    private final HttpClient client;
    private final WebSocketClient webSockets;

    public SiteForwarding(Vertx vertx, ClusterQueue queue, Authenticator auth) {
        this.queue = queue;
        this.auth = auth;
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout(2_000).setIdleTimeout(120),
                new PoolOptions().setHttp1MaxSize(32));
        this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(2_000));
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.startsWith(PREFIX)) {
            ctx.next();
            return;
        }
        String[] parts = path.substring(PREFIX.length()).split("/");
        if (parts.length >= 2 && parts[0].equals("sites")) {
            forSite(ctx, parts[1]);
        } else if (parts.length >= 3 && parts[0].equals("admin") && parts[1].equals("sites")) {
            forSite(ctx, parts[2]);
        } else if (parts.length >= 2 && parts[0].equals("tickets")) {
            forTicket(ctx, parts[1]);
        } else if (parts.length == 2 && parts[0].equals("appointments")) {
            forBooking(ctx, parts[1]);
        } else {
            ctx.next();
        }
    }

    private void forTicket(RoutingContext ctx, String ticketId) {
        if (queue.ticket(ticketId).isPresent() || ctx.request().getHeader(FORWARDED_BY) != null) {
            ctx.next();
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> siteOfTicket(ticketId), false)
                .onSuccess(site -> {
                    if (site.isEmpty()) {
                        ctx.next(); // unknown here and in the store: the local route answers UNKNOWN_TICKET
                    } else {
                        forSite(ctx, site.get());
                    }
                })
                .onFailure(ctx::fail);
    }

    /** A booking's requests (read, cancel, move by its code) go to the owner of its site, found in the store. */
    private void forBooking(RoutingContext ctx, String typed) {
        Optional<String> code = org.xephang.core.appointment.BookingCode.parse(typed);
        if (code.isEmpty() || ctx.request().getHeader(FORWARDED_BY) != null) {
            ctx.next(); // a malformed code is refused here; a forwarded request is answered here
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> ClusterAppointments.siteOfBooking(queue.store(), code.get()), false)
                .onSuccess(site -> {
                    if (site.isEmpty()) {
                        ctx.next(); // unknown in the store: the local route answers UNKNOWN_APPOINTMENT
                    } else {
                        forSite(ctx, site.get());
                    }
                })
                .onFailure(ctx::fail);
    }

    /** The site of a ticket, from the store (a ticket of a site this node does not run is not in its memory). */
    private Optional<String> siteOfTicket(String ticketId) throws java.sql.SQLException {
        try (Connection connection = queue.store().connect();
                PreparedStatement s = connection.prepareStatement("SELECT site FROM ticket WHERE id = ?")) {
            s.setString(1, ticketId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void forSite(RoutingContext ctx, String site) {
        if (queue.ownedSites().contains(site)
                || !queue.siteCodes().contains(site)
                || ctx.request().getHeader(FORWARDED_BY) != null) {
            // Run here, unknown (404 here), or forwarded once already: the site's routes answer, and refuse with 503
            // (not applied) when the site left this node since; never forwarded again.
            ctx.next();
            return;
        }
        if (ctx.request().canUpgradeToWebSocket()) {
            // The upgrade must be taken before anything asynchronous (the request is read by then).
            ctx.request()
                    .toWebSocket()
                    .onSuccess(ws -> relayWebSocket(ctx, ws, site))
                    .onFailure(ctx::fail);
            return;
        }
        boolean stream = path(ctx).endsWith("/events");
        Future<Void> checked = stream ? Future.succeededFuture() : auth.checkBeforeForwarding(ctx);
        checked.onSuccess(ok -> toOwner(ctx, site, System.nanoTime() + OWNER_WAIT_MS * 1_000_000))
                .onFailure(failed -> {
                    if (!ctx.failed() && !ctx.response().ended()) {
                        refuse(ctx, site, failed);
                    }
                });
    }

    /**
     * Forwards to the site's owner; while it has none (a hand-over, a takeover under way) asks again every {@link
     * #OWNER_POLL_MS} until {@code deadline}, and serves the request here if this node took the site meanwhile.
     */
    private void toOwner(RoutingContext ctx, String site, long deadline) {
        if (ctx.response().closed()) {
            return;
        }
        Optional<ClusterDirectory.Owner> known = queue.directory().knownOwner(site);
        if (known.isPresent() && !known.get().node().equals(queue.directory().self())) {
            forward(ctx, site, known.get().url(), deadline); // the owner as this node knows it: no round trip
            return;
        }
        if (queue.ownedSites().contains(site)) {
            ctx.next();
            return;
        }
        if (System.nanoTime() < deadline) {
            ctx.vertx().setTimer(OWNER_POLL_MS, t -> toOwner(ctx, site, deadline));
            return;
        }
        // Last, the cluster's map itself (an owner whose announcement did not reach this node).
        queue.directory().owner(site).onComplete(found -> {
            if (found.failed()) {
                refuse(ctx, site, found.cause());
            } else if (found.result().isPresent()
                    && !found.result().get().node().equals(queue.directory().self())) {
                forward(ctx, site, found.result().get().url(), deadline);
            } else if (queue.ownedSites().contains(site)) {
                ctx.next();
            } else {
                refuse(ctx, site, null);
            }
        });
    }

    private static String path(RoutingContext ctx) {
        return ctx.normalizedPath();
    }

    /** 503 for a request applied nowhere: no owner, or the owner not reached before anything was sent. */
    private static void refuse(RoutingContext ctx, String site, Throwable cause) {
        if (cause != null) {
            LOG.info("Cannot forward a request for site {}: {}", site, cause.toString());
        }
        ctx.fail(ClusterQueue.notHere(site));
    }

    /** 503 for a request the owner may have received: its answer was lost, so the client must not assume anything. */
    private static void lost(RoutingContext ctx, String site, Throwable cause) {
        LOG.info("The owner's answer to a request for site {} was lost: {}", site, cause.toString());
        ctx.fail(answerLost(site));
    }

    private MultiMap forwardedHeaders(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                headers.add(name, value);
            }
        });
        String requestId = ctx.response().headers().get("X-Request-Id");
        if (requestId != null) {
            headers.set("X-Request-Id", requestId);
        }
        if (request.remoteAddress() != null) {
            headers.set("X-Forwarded-For", request.remoteAddress().hostAddress());
        }
        // The owner counts its per-address limits against the client, not this node (signed: docs/adr/0034).
        headers.set(
                org.xephang.core.auth.ForwardedClient.HEADER,
                auth.forwardedClient().vouch(auth.clientAddress(ctx)));
        headers.set(FORWARDED_BY, queue.directory().self());
        return headers;
    }

    private void forward(RoutingContext ctx, String site, String ownerUrl, long deadline) {
        HttpServerRequest request = ctx.request();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setAbsoluteURI(ownerUrl + request.uri())
                .setHeaders(forwardedHeaders(ctx));
        Buffer body = ctx.body() == null || ctx.body().buffer() == null
                ? Buffer.buffer()
                : ctx.body().buffer();
        client.request(options)
                .onFailure(
                        notConnected -> { // nothing was sent: wait for an owner that answers, or refuse
                            if (System.nanoTime() < deadline) {
                                ctx.vertx().setTimer(OWNER_POLL_MS, t -> toOwner(ctx, site, deadline));
                            } else {
                                refuse(ctx, site, notConnected);
                            }
                        })
                .onSuccess(outgoing -> outgoing.send(body)
                        .onSuccess(answer -> {
                            if (answer.statusCode() == 503
                                    && "1".equals(answer.getHeader(NOT_APPLIED))
                                    && System.nanoTime() < deadline) {
                                // The owner we knew gave the site up and did nothing: wait for the next one.
                                answer.body()
                                        .onComplete(drained ->
                                                ctx.vertx().setTimer(OWNER_POLL_MS, t -> toOwner(ctx, site, deadline)));
                            } else {
                                relayAnswer(ctx, answer);
                            }
                        })
                        .onFailure(failed -> lost(ctx, site, failed)));
    }

    private static void relayAnswer(RoutingContext ctx, HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(answer.statusCode());
        // The owner's headers replace this node's (security headers, the request id: the same values).
        answer.headers().names().stream()
                .filter(name -> !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)))
                .forEach(name -> response.headers().set(name, answer.headers().getAll(name)));
        String length = answer.getHeader("Content-Length");
        if (length != null) {
            response.putHeader("Content-Length", length);
        } else {
            response.setChunked(true);
        }
        // A client that goes away (a board closing its stream) closes the owner's side too.
        response.closeHandler(v -> answer.request().reset());
        answer.pipeTo(response).onFailure(broken -> LOG.debug("A forwarded answer broke off: {}", broken.toString()));
    }

    /**
     * Relays an accepted WebSocket (the live event stream) to the owner, text message by text message, and the close.
     * Without an owner, or when it cannot be reached, the socket is closed with 1013 (try again later).
     */
    private void relayWebSocket(RoutingContext ctx, ServerWebSocket downstream, String site) {
        downstream.pause();
        queue.directory()
                .owner(site)
                .compose(owner -> {
                    if (owner.isEmpty()
                            || owner.get().node().equals(queue.directory().self())) {
                        return Future.failedFuture("site " + site + " has no owner now");
                    }
                    String wsUrl = owner.get().url().replaceFirst("^http", "ws")
                            + ctx.request().uri();
                    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(wsUrl);
                    forwardedHeaders(ctx).forEach(options::addHeader);
                    return webSockets.connect(options);
                })
                .onComplete(connected -> {
                    if (connected.failed()) {
                        LOG.info(
                                "Cannot relay an event stream of site {}: {}",
                                site,
                                connected.cause().toString());
                        downstream.close((short) 1013, "the site is moving to another server; reconnect");
                        return;
                    }
                    WebSocket upstream = connected.result();
                    upstream.textMessageHandler(text -> {
                        if (downstream.writeQueueFull()) {
                            // Like a slow reader of the owner: try again later, from a fresh snapshot.
                            downstream.close((short) 1013, "too slow; reconnect for a fresh snapshot");
                            upstream.close();
                        } else {
                            downstream.writeTextMessage(text);
                        }
                    });
                    downstream.textMessageHandler(upstream::writeTextMessage);
                    upstream.closeHandler(v -> {
                        Short status = upstream.closeStatusCode();
                        downstream.close(
                                status == null ? (short) 1012 : status,
                                upstream.closeReason() == null ? "" : upstream.closeReason());
                    });
                    downstream.closeHandler(v -> upstream.close());
                    downstream.resume();
                });
    }

    /** Stops the HTTP clients. */
    public Future<Void> close() {
        return Future.join(client.close(), webSockets.close()).mapEmpty();
    }

    /**
     * The refusal of a forwarding node that lost the owner's answer: the owner may have applied the command, so the
     * client must not assume it did not (an officer looks at the counter before pressing again).
     */
    static QueueError answerLost(String site) {
        return QueueError.withDetails(
                ErrorCode.UNAVAILABLE,
                "Mất kết nối tới máy chủ đang phục vụ điểm \"" + site + "\" trước khi có kết quả; hãy kiểm tra màn hình"
                        + " quầy trước khi bấm lại. / The answer of the site's server was lost; check before retrying.",
                "The connection to the server serving site \"" + site
                        + "\" was lost before the answer came; check the counter screen before pressing again.",
                Map.of("retryAfterSeconds", 1));
    }
}
