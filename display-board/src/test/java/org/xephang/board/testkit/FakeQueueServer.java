package org.xephang.board.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xephang.api.announce.AnnouncementBuilder;
import org.xephang.api.announce.AnnouncementOptions;
import org.xephang.board.BoardApp;
import org.xephang.board.BoardOptions;

/**
 * A small stand-in for the queue server's public API, enough for the board page: {@code GET /api/v1/sites/demo},
 * {@code GET /api/v1/sites/demo/queue} and the {@code /events} WebSocket (snapshot first, then events with seq+1),
 * with the board mounted at {@code /board/}. Tests make calls, drop connections, stop and restart it on the same port.
 * Methods block until the server has done what they say; call them from the test thread.
 */
public final class FakeQueueServer implements AutoCloseable {

    public static final String SITE = "demo";

    private final Vertx vertx = Vertx.vertx();
    private final BoardOptions boardOptions;
    private final AnnouncementBuilder announcements =
            new AnnouncementBuilder(AnnouncementOptions.defaults().withRepeat(1));
    private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Integer, JsonObject> counters = new TreeMap<>();
    private final Map<String, JsonObject> services = new TreeMap<>();
    private final List<JsonObject> lastCalls = new ArrayList<>();
    private HttpServer server;
    private int port;
    private long seq;

    /** A site with six counters. */
    public FakeQueueServer(BoardOptions boardOptions) {
        this(boardOptions, 6);
    }

    /** A site with {@code counterCount} counters, odd ones for Hộ tịch (A), even ones for Đất đai (B). */
    public FakeQueueServer(BoardOptions boardOptions, int counterCount) {
        this.boardOptions = boardOptions;
        services.put("HT", service("HT", "Hộ tịch", "A", 3));
        services.put("DD", service("DD", "Đất đai", "B", 1));
        for (int number = 1; number <= counterCount; number++) {
            counters.put(
                    number,
                    new JsonObject()
                            .put("number", number)
                            .put("name", "Quầy " + number)
                            .put("state", "OPEN")
                            .put("services", new JsonArray().add(number % 2 == 0 ? "DD" : "HT")));
        }
        seq = 41;
    }

    private static JsonObject service(String code, String name, String prefix, int waiting) {
        return new JsonObject()
                .put("code", code)
                .put("name", name)
                .put("prefix", prefix)
                .put("waiting", waiting)
                .put("priorityWaiting", 0);
    }

    /** Starts listening (on a free port the first time, on the same port after {@link #stop()}). */
    public synchronized FakeQueueServer start() {
        Router router = Router.router(vertx);
        router.get("/api/v1/sites/" + SITE).handler(ctx -> ctx.json(siteInfo()));
        router.get("/api/v1/sites/" + SITE + "/queue").handler(ctx -> ctx.json(snapshot()));
        router.route("/board/*").subRouter(BoardApp.router(vertx, boardOptions));
        server = await(vertx.createHttpServer()
                .webSocketHandler(this::accept)
                .requestHandler(router)
                .listen(port));
        port = server.actualPort();
        return this;
    }

    /** Stops listening and closes every WebSocket, as a crashed or restarting server would. */
    public synchronized void stop() {
        await(server.close());
        sockets.clear();
    }

    public int port() {
        return port;
    }

    public String boardUrl() {
        return "http://127.0.0.1:" + port + "/board/";
    }

    /** How many WebSocket connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    public synchronized long seq() {
        return seq;
    }

    /** Starts a new event history, as a server whose database was replaced would (seq restarts lower). */
    public synchronized void resetHistory(long newSeq) {
        seq = newSeq;
    }

    private void accept(ServerWebSocket socket) {
        if (!socket.path().equals("/api/v1/sites/" + SITE + "/events")) {
            socket.close((short) 1008, "unknown path");
            return;
        }
        connections.incrementAndGet();
        synchronized (this) {
            sockets.add(socket);
            socket.closeHandler(v -> sockets.remove(socket));
            socket.writeTextMessage(snapshot().encode());
        }
    }

    /** Calls a ticket to a counter: a {@code ticket.called} event with its announcement. Returns the event. */
    public synchronized JsonObject call(String number, String service, int counter) {
        JsonObject ticket = ticket(number, service, counter, 1);
        services.get(service).put("waiting", Math.max(0, services.get(service).getInteger("waiting") - 1));
        return callEvent("ticket.called", ticket, counter);
    }

    /** Calls the ticket at that counter again: a {@code ticket.recalled} event. */
    public synchronized JsonObject recall(int counter) {
        JsonObject held = counters.get(counter).getJsonObject("ticket").copy();
        held.put("callCount", held.getInteger("callCount") + 1)
                .put("calledAt", Instant.now().toString());
        return callEvent("ticket.recalled", held, counter);
    }

    /** Sends an event that skips one seq, as a server would after the client missed one. */
    public synchronized void sendWithGap() {
        seq += 2;
        broadcast(new JsonObject()
                .put("id", UUID.randomUUID().toString())
                .put("seq", seq)
                .put("type", "ticket.issued")
                .put("at", Instant.now().toString())
                .put("site", SITE)
                .put("ticket", ticket("B002", "DD", null, 0).put("state", "WAITING")));
    }

    private JsonObject callEvent(String type, JsonObject ticket, int counter) {
        seq++;
        counters.get(counter).put("ticket", ticket);
        lastCalls.removeIf(c -> c.getString("ticketId").equals(ticket.getString("id")));
        lastCalls.add(
                0,
                new JsonObject()
                        .put("ticketId", ticket.getString("id"))
                        .put("number", ticket.getString("number"))
                        .put("service", ticket.getString("service"))
                        .put("counter", counter)
                        .put("at", ticket.getString("calledAt"))
                        .put("callCount", ticket.getInteger("callCount")));
        while (lastCalls.size() > 8) {
            lastCalls.remove(lastCalls.size() - 1);
        }
        JsonObject event = new JsonObject()
                .put("id", UUID.randomUUID().toString())
                .put("seq", seq)
                .put("type", type)
                .put("at", Instant.now().toString())
                .put("site", SITE)
                .put("ticket", ticket)
                .put("counter", counter)
                .put(
                        "announcement",
                        announcements
                                .build(ticket.getString("number"), counter, null)
                                .toJson());
        broadcast(event);
        return event;
    }

    private void broadcast(JsonObject event) {
        String text = event.encode();
        for (ServerWebSocket socket : sockets) {
            socket.writeTextMessage(text);
        }
    }

    private static JsonObject ticket(String number, String service, Integer counter, int callCount) {
        return new JsonObject()
                .put("id", "t-" + number + "-" + UUID.randomUUID())
                .put("site", SITE)
                .put("number", number)
                .put("service", service)
                .put("state", "CALLED")
                .put("issuedAt", Instant.now().minusSeconds(600).toString())
                .put("calledAt", Instant.now().toString())
                .put("counter", counter)
                .put("callCount", callCount);
    }

    private synchronized JsonObject snapshot() {
        return new JsonObject()
                .put("type", "snapshot")
                .put("seq", seq)
                .put("site", SITE)
                .put("at", Instant.now().toString())
                .put("services", new JsonArray(List.copyOf(services.values())))
                .put("counters", new JsonArray(List.copyOf(counters.values())))
                .put("lastCalls", new JsonArray(List.copyOf(lastCalls)));
    }

    private JsonObject siteInfo() {
        return new JsonObject()
                .put("code", SITE)
                .put("name", "Trung tâm Phục vụ hành chính công phường Bến Thành")
                .put("timeZone", "Asia/Ho_Chi_Minh")
                .put(
                        "services",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("code", "HT")
                                        .put("name", "Hộ tịch")
                                        .put("prefix", "A"))
                                .add(new JsonObject()
                                        .put("code", "DD")
                                        .put("name", "Đất đai")
                                        .put("prefix", "B")))
                .put("notice", "Giờ làm việc: 7:30–11:30, 13:30–17:00. Vui lòng giữ trật tự.");
    }

    private static <T> T await(Future<T> future) {
        try {
            return org.xephang.testkit.Await.await(future);
        } catch (Exception e) {
            throw new IllegalStateException("fake queue server: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
