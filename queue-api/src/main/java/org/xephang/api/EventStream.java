package org.xephang.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site's live event stream over WebSocket that heals itself: it connects, delivers the snapshot the server sends
 * first, then each event in {@code seq} order. When the connection drops, the server closes it for reading too
 * slowly, or an event's {@code seq} is not the previous one + 1 (a gap), it reconnects with backoff (0.5 s doubling
 * to 30 s, with jitter; to 4 s over a list of servers) and starts again from a fresh snapshot, so a consumer only has
 * to replace its state on {@code onSnapshot} and apply each {@code onEvent}. When the server itself failed (connection
 * refused or lost, upgrade refused with 503) the stream moves on to the next server of the client's list (at once
 * while some server of the round is untried), and so does the client's next request. A ping every 20 s detects dead links (no pong in 45 s →
 * reconnect).
 *
 * <p><b>Threading.</b> Every callback runs on one Vert.x context: the caller's when {@link #start()} is called from a
 * Vert.x thread, otherwise a fresh event-loop context. Callbacks are never concurrent and must not block. Set the
 * callbacks before {@link #start()}; {@link #close()} may be called from any thread and stops reconnecting.
 */
public final class EventStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** With several servers the stream goes round them faster, as a takeover in a cluster takes seconds. */
    private static final Duration MAX_RETRY_OVER_SERVERS = Duration.ofSeconds(4);

    private static final Duration NEXT_SERVER = Duration.ofMillis(50);
    private static final Duration PING_EVERY = Duration.ofSeconds(20);
    private static final Duration PONG_DEADLINE = Duration.ofSeconds(45);

    private final QueueClient client;
    private final String site;
    private final Vertx vertx;
    private final WebSocketClient sockets;
    private Consumer<QueueSnapshot> onSnapshot = snapshot -> {};
    private Consumer<QueueEvent> onEvent = event -> {};
    private Consumer<Boolean> onConnectionChange = connected -> {};
    private volatile Context context;
    private WebSocket socket;
    private URI server;
    private boolean resyncing;
    private int failuresInARow;
    private long lastSeq = -1;
    private long retryMillis = FIRST_RETRY.toMillis();
    private long lastPong;
    private long pingTimer = -1;
    private boolean connected;
    private volatile boolean closed;

    EventStream(QueueClient client, String site) {
        this.client = client;
        this.site = site;
        this.vertx = client.http().vertx();
        WebSocketClientOptions options = new WebSocketClientOptions()
                .setConnectTimeout(5_000)
                .setMaxMessageSize(8 * 1024 * 1024)
                .setMaxFrameSize(1024 * 1024);
        if (client.http().caFile() != null) {
            options.setTrustOptions(ApiTransport.trust(client.http().caFile()));
        }
        this.sockets = vertx.createWebSocketClient(options);
    }

    /** Called with each fresh snapshot: the first one, and after every reconnection or resynchronisation. */
    public EventStream onSnapshot(Consumer<QueueSnapshot> handler) {
        onSnapshot = handler;
        return this;
    }

    /** Called with each event after the last snapshot, seq = previous + 1. */
    public EventStream onEvent(Consumer<QueueEvent> handler) {
        onEvent = handler;
        return this;
    }

    /** Called with true when a snapshot arrived on a new connection, false when the connection is lost. */
    public EventStream onConnectionChange(Consumer<Boolean> handler) {
        onConnectionChange = handler;
        return this;
    }

    /**
     * Connects (and keeps reconnecting until {@link #close()}). Call once.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized EventStream start() {
        if (context != null) {
            throw new IllegalStateException("event stream of site " + site + " already started");
        }
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> connect());
        return this;
    }

    /** The seq of the last snapshot or event delivered, or -1 before the first snapshot. */
    public long lastSeq() {
        return lastSeq;
    }

    private void connect() {
        if (closed) {
            return;
        }
        URI base = client.currentServer();
        server = base;
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost())
                .setPort(ApiTransport.port(base))
                .setSsl("https".equals(base.getScheme()))
                .setURI(client.eventsPath(site));
        String token = client.token();
        if (token != null) {
            // Staff get the full events (officers, dossier codes); devices and anonymous readers the public view.
            options.addHeader("Authorization", "Bearer " + token);
        }
        sockets.connect(options).onComplete(result -> {
            if (result.failed()) {
                LOG.debug(
                        "Event stream of site {} not reachable on {}: {}",
                        site,
                        base,
                        result.cause().getMessage());
                if (result.cause() instanceof UpgradeRejectedException rejected
                        && rejected.getStatus() == 401
                        && client.canSignInAgain()) {
                    // A token this server does not know (another node of a cluster with its own key): sign in again.
                    client.signInAgain().onComplete(again -> retryLater(false));
                    return;
                }
                retryLater(true);
                return;
            }
            attach(result.result());
        });
    }

    private void attach(WebSocket ws) {
        if (closed) {
            ws.close();
            return;
        }
        socket = ws;
        lastSeq = -1;
        lastPong = System.nanoTime();
        ws.textMessageHandler(text -> receive(ws, text));
        ws.pongHandler(pong -> lastPong = System.nanoTime());
        ws.exceptionHandler(failure -> LOG.debug("Event stream of site {} failed: {}", site, failure.getMessage()));
        ws.closeHandler(v -> lost(ws, ws.closeStatusCode(), ws.closeReason()));
        pingTimer = vertx.setPeriodic(PING_EVERY.toMillis(), id -> {
            if (System.nanoTime() - lastPong > PONG_DEADLINE.toNanos()) {
                LOG.info("Event stream of site {}: no pong for {} s; reconnecting", site, PONG_DEADLINE.toSeconds());
                ws.close(); // the server is taken for lost: the next connection tries the next server
                return;
            }
            ws.writePing(Buffer.buffer());
        });
    }

    /** Closes the connection to start again from a snapshot, on the same server. */
    private void resynchronise(WebSocket ws) {
        resyncing = true;
        ws.close();
    }

    private void receive(WebSocket ws, String text) {
        if (ws != socket || closed) {
            return;
        }
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (RuntimeException notJson) {
            LOG.warn("Event stream of site {}: unreadable message; resynchronising", site, notJson);
            resynchronise(ws);
            return;
        }
        if ("snapshot".equals(json.getString("type"))) {
            QueueSnapshot snapshot = QueueSnapshot.fromJson(json);
            lastSeq = snapshot.seq();
            retryMillis = FIRST_RETRY.toMillis();
            failuresInARow = 0;
            onSnapshot.accept(snapshot);
            if (!connected) {
                connected = true;
                onConnectionChange.accept(true);
            }
            return;
        }
        QueueEvent event = QueueEvent.fromJson(json);
        if (lastSeq < 0 || event.seq() <= lastSeq) {
            return;
        }
        if (event.seq() != lastSeq + 1) {
            LOG.info("Event stream of site {}: gap after seq {} (got {}); resynchronising", site, lastSeq, event.seq());
            resynchronise(ws);
            return;
        }
        lastSeq = event.seq();
        onEvent.accept(event);
    }

    private void lost(WebSocket ws, Short status, String reason) {
        if (ws != socket) {
            return;
        }
        socket = null;
        vertx.cancelTimer(pingTimer);
        if (connected) {
            connected = false;
            onConnectionChange.accept(false);
        }
        boolean serverAlive = resyncing || (status != null && status == 1013);
        resyncing = false;
        if (status != null && status == 1013) {
            LOG.info("Event stream of site {}: server dropped us ({}); resynchronising", site, reason);
        }
        retryLater(!serverAlive);
    }

    /**
     * Connects again later. After a failure of the server, the client moves on to the next one of its list: at once
     * while some server of the list was not tried since the last snapshot, with backoff after a whole round.
     */
    private void retryLater(boolean serverFailed) {
        if (closed) {
            return;
        }
        int servers = client.servers().size();
        if (serverFailed) {
            client.serverFailed(server);
            failuresInARow++;
            if (servers > 1 && failuresInARow % servers != 0) {
                vertx.setTimer(NEXT_SERVER.toMillis(), id -> connect());
                return;
            }
        }
        long delay = retryMillis + ThreadLocalRandom.current().nextLong(retryMillis / 4 + 1);
        retryMillis = Math.min(retryMillis * 2, (servers > 1 ? MAX_RETRY_OVER_SERVERS : MAX_RETRY).toMillis());
        vertx.setTimer(delay, id -> connect());
    }

    /** Stops the stream for good; the last callback is {@code onConnectionChange(false)} if it was connected. */
    @Override
    public void close() {
        closed = true;
        Context current = context;
        if (current == null) {
            sockets.close();
            return;
        }
        current.runOnContext(v -> {
            WebSocket ws = socket;
            socket = null;
            vertx.cancelTimer(pingTimer);
            if (ws != null) {
                ws.close();
            }
            if (connected) {
                connected = false;
                onConnectionChange.accept(false);
            }
            sockets.close();
        });
    }
}
