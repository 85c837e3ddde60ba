package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.device.DeviceStatus;

/** A queue server in memory: issues tickets per idempotency key, can be told to fail the next calls. */
final class FakeCore implements CoreGateway {

    final List<String> issueKeys = new ArrayList<>();
    final Map<String, Ticket> ticketsByKey = new HashMap<>();
    final Map<String, Ticket> ticketsById = new HashMap<>();
    final List<JsonObject> reports = new ArrayList<>();
    /** The devices listed by each heartbeat. */
    final List<List<String>> heartbeats = new java.util.concurrent.CopyOnWriteArrayList<>();

    final List<JsonObject> refusedReports = new ArrayList<>();
    final Queue<Throwable> nextIssueFailures = new ArrayDeque<>();
    Throwable dossierFailure;
    Throwable ticketFailure;
    boolean reportsFail;
    Consumer<QueueSnapshot> snapshots;
    Consumer<Boolean> connection;
    /** What {@link #issuing()} answers: open, nothing capped, until a test says otherwise. */
    IssuingState issuing = new IssuingState(true, null, null, null, List.of());

    private int next = 1;

    @Override
    public Future<IssuingState> issuing() {
        return Future.succeededFuture(issuing);
    }

    @Override
    public Future<JsonObject> siteInfo() {
        return Future.succeededFuture(new JsonObject()
                .put("code", "demo")
                .put("name", "Trung tâm Phục vụ hành chính công phường Demo")
                .put("timeZone", "Asia/Ho_Chi_Minh"));
    }

    @Override
    public Future<Ticket> issue(String service, String priority, String idempotencyKey) {
        issueKeys.add(idempotencyKey);
        Throwable failure = nextIssueFailures.poll();
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        Ticket ticket = ticketsByKey.computeIfAbsent(idempotencyKey, key -> {
            int n = next++;
            String id = "t" + n;
            return new Ticket(
                    id,
                    "demo",
                    service + String.format("%03d", n),
                    service,
                    priority,
                    "kiosk",
                    TicketState.WAITING,
                    Instant.parse("2026-11-23T01:15:00Z"),
                    null,
                    null,
                    null,
                    null,
                    0,
                    n - 1,
                    600L,
                    "http://127.0.0.1/t/" + id,
                    null);
        });
        ticketsById.put(ticket.id(), ticket);
        return Future.succeededFuture(ticket);
    }

    /** Check-ins by booking code: a ticket per code, the same one again on a repeat. */
    @Override
    public Future<org.xephang.api.QueueClient.Issued> checkIn(String code) {
        boolean replayed = ticketsByKey.containsKey("appointment/" + code);
        return issue("A", "lich-hen", "appointment/" + code)
                .map(ticket -> new org.xephang.api.QueueClient.Issued(ticket, replayed));
    }

    @Override
    public Future<Ticket> ticket(String ticketId) {
        if (ticketFailure != null) {
            return Future.failedFuture(ticketFailure);
        }
        Ticket ticket = ticketsById.get(ticketId);
        return ticket == null
                ? Future.failedFuture(
                        new org.xephang.api.QueueError(org.xephang.api.ErrorCode.UNKNOWN_TICKET, "?", "?"))
                : Future.succeededFuture(ticket);
    }

    @Override
    public Future<JsonObject> dossier(String code) {
        return dossierFailure != null
                ? Future.failedFuture(dossierFailure)
                : Future.succeededFuture(new JsonObject().put("code", code));
    }

    @Override
    public Future<Void> heartbeat(String agentId, String agentKind, List<String> devices) {
        heartbeats.add(List.copyOf(devices));
        return reportsFail ? Future.failedFuture(new ConnectException("Connection refused")) : Future.succeededFuture();
    }

    @Override
    public Future<Void> reportStatus(String device, String kind, DeviceStatus status) {
        JsonObject report = new JsonObject()
                .put("device", device)
                .put("kind", kind)
                .put("state", status.state().name())
                .put("detail", status.description())
                .put("since", status.since().toString());
        if (reportsFail) {
            refusedReports.add(report);
            return Future.failedFuture(new ConnectException("Connection refused"));
        }
        reports.add(report);
        return Future.succeededFuture();
    }

    @Override
    public Future<QueueSnapshot> snapshot() {
        return Future.failedFuture(new ConnectException("this fake has no queue to refresh"));
    }

    @Override
    public void follow(
            Consumer<QueueSnapshot> onSnapshot, Consumer<QueueEvent> onEvent, Consumer<Boolean> onConnection) {
        this.snapshots = onSnapshot;
        this.connection = onConnection;
    }

    @Override
    public void close() {}
}
