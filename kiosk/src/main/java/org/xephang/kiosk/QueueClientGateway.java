package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.EventStream;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.SiteInfo;
import org.xephang.api.Ticket;

/**
 * The kiosk's link to the queue server over {@link QueueClient}, signed in with the kiosk's device account (signing in
 * again whenever there is no token yet, e.g. the server was down at start). The live queue comes from the event
 * stream: a burst of events is turned into one fresh snapshot so the page shows up-to-date waiting counts.
 */
final class QueueClientGateway implements CoreGateway {

    private static final Logger LOG = LoggerFactory.getLogger(QueueClientGateway.class);

    private final Vertx vertx;
    private final QueueClient client;
    private final KioskOptions options;
    private EventStream stream;
    private boolean refreshPending;

    QueueClientGateway(Vertx vertx, KioskOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.client = QueueClient.create(vertx, options.serverUrl());
    }

    @Override
    public Future<JsonObject> siteInfo() {
        return client.siteInfo(options.site()).map(SiteInfo::toJson);
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
    public Future<Ticket> ticket(String ticketId) {
        return client.ticket(ticketId);
    }

    @Override
    public Future<JsonObject> dossier(String code) {
        return client.dossier(code);
    }

    @Override
    public Future<Void> reportDeviceStatus(JsonObject report) {
        return signedIn(() -> client.reportDeviceStatus(
                options.site(),
                report.getString("device"),
                report.getString("kind"),
                report.getString("state"),
                report.getString("detail"),
                report.getString("since") == null ? null : Instant.parse(report.getString("since"))));
    }

    private <T> Future<T> signedIn(Supplier<Future<T>> call) {
        if (client.token() != null) {
            return call.get();
        }
        return client.login(options.username(), options.password()).compose(session -> call.get());
    }

    @Override
    public void follow(Consumer<QueueSnapshot> onSnapshot, Consumer<Boolean> onConnection) {
        stream = client.events(options.site())
                .onSnapshot(onSnapshot)
                .onEvent(event -> refreshSoon(onSnapshot))
                .onConnectionChange(onConnection)
                .start();
    }

    private void refreshSoon(Consumer<QueueSnapshot> onSnapshot) {
        if (refreshPending) {
            return;
        }
        refreshPending = true;
        vertx.setTimer(
                200,
                t -> client.snapshot(options.site()).onComplete(done -> {
                    refreshPending = false;
                    if (done.succeeded()) {
                        onSnapshot.accept(done.result());
                    } else {
                        LOG.debug(
                                "kiosk {}: queue refresh failed: {}",
                                options.kioskId(),
                                done.cause().toString());
                    }
                }));
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        client.close();
    }
}
