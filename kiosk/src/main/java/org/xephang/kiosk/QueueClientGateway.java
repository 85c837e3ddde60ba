package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xephang.agent.DeviceReporter;
import org.xephang.agent.ServerLink;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceStatus;

/**
 * The kiosk's link to the queue server over {@link QueueClient}, signed in with the kiosk's device account (signing in
 * again whenever there is no token yet, e.g. the server was down at start). The site is followed through the agent
 * kit's {@link ServerLink.ClientSource}.
 */
final class QueueClientGateway implements CoreGateway {

    private final QueueClient client;
    private final ServerLink.ClientSource site;
    private final KioskOptions options;
    private final DeviceReporter.Server reports;

    QueueClientGateway(Vertx vertx, KioskOptions options) {
        this.options = options;
        this.client = QueueClient.create(vertx, options.serverUrl());
        this.site = ServerLink.of(client, options.site());
        this.reports = DeviceReporter.Server.signedIn(
                client,
                options.site(),
                new DeviceReporter.Account(options.kioskId(), options.username(), options.password()));
    }

    @Override
    public Future<JsonObject> siteInfo() {
        return site.siteInfo();
    }

    @Override
    public Future<IssuingState> issuing() {
        return client.issuing(options.site());
    }

    @Override
    public Future<Ticket> issue(String service, String priority, String idempotencyKey) {
        return signedIn(() -> client.issue(options.site(), service, priority, "kiosk", idempotencyKey));
    }

    @Override
    public Future<QueueClient.Issued> checkIn(String code) {
        return signedIn(() -> client.checkIn(options.site(), code));
    }

    @Override
    public Future<Ticket> ticket(String ticketId) {
        return client.ticket(ticketId);
    }

    @Override
    public Future<JsonObject> dossier(String code) {
        return client.dossier(code);
    }

    @Override
    public Future<Void> reportStatus(String device, String kind, DeviceStatus status) {
        return reports.reportStatus(device, kind, status);
    }

    @Override
    public Future<Void> heartbeat(String agentId, String agentKind, List<String> devices) {
        return reports.heartbeat(agentId, agentKind, devices);
    }

    @Override
    public Future<JsonObject> numberBlocks(String service) {
        return signedIn(() -> client.numberBlocks(options.site(), service));
    }

    @Override
    public Future<io.vertx.core.json.JsonArray> uploadOfflineTickets(io.vertx.core.json.JsonArray tickets) {
        return signedIn(() -> client.uploadOfflineTickets(options.site(), tickets));
    }

    private <T> Future<T> signedIn(Supplier<Future<T>> call) {
        if (client.token() != null) {
            return call.get();
        }
        return client.login(options.username(), options.password()).compose(session -> call.get());
    }

    @Override
    public Future<QueueSnapshot> snapshot() {
        return site.snapshot();
    }

    @Override
    public void follow(
            Consumer<QueueSnapshot> onSnapshot, Consumer<QueueEvent> onEvent, Consumer<Boolean> onConnection) {
        site.follow(onSnapshot, onEvent, onConnection);
    }

    @Override
    public void close() {
        site.close();
        client.close();
    }
}
