package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.xephang.agent.ServerLink;
import org.xephang.api.DayBooking;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.Ticket;
import org.xephang.api.WaitingTicket;

/**
 * The counter agent's link to the queue server over {@link QueueClient}: one anonymous client for the site's public
 * reads and event stream, and one client per signed-in officer (each holding that officer's token, renewed by the
 * client when it expires).
 */
final class QueueClientCore implements CounterCore {

    private final Vertx vertx;
    private final String serverUrl;
    private final String site;
    private final QueueClient shared;
    private final ServerLink.ClientSource following;
    private final List<QueueClient> officers = new ArrayList<>();

    QueueClientCore(Vertx vertx, String serverUrl, String site) {
        this.vertx = vertx;
        this.serverUrl = serverUrl;
        this.site = site;
        this.shared = QueueClient.create(vertx, serverUrl);
        this.following = ServerLink.of(shared, site);
    }

    @Override
    public Future<JsonObject> siteInfo() {
        return following.siteInfo();
    }

    @Override
    public Future<QueueSnapshot> snapshot() {
        // Through a signed-in officer when there is one: the server shows officers and dossier codes to staff only,
        // and the counter's own page needs them; with nobody signed in, the public view is all there is to show.
        return officers.isEmpty()
                ? following.snapshot()
                : officers.get(officers.size() - 1).snapshot(site);
    }

    @Override
    public Future<OfficerSession> login(String username, String password) {
        QueueClient client = QueueClient.create(vertx, serverUrl);
        return client.login(username, password)
                .<OfficerSession>map(session -> {
                    officers.add(client);
                    return new ClientSession(client, username);
                })
                .onFailure(failure -> client.close());
    }

    @Override
    public void follow(
            Consumer<QueueSnapshot> onSnapshot, Consumer<QueueEvent> onEvent, Consumer<Boolean> onConnection) {
        following.follow(onSnapshot, onEvent, onConnection);
    }

    @Override
    public void close() {
        following.close();
        officers.forEach(QueueClient::close);
        shared.close();
    }

    /** One officer's calls, through a client holding their token. */
    private final class ClientSession implements OfficerSession {
        private final QueueClient client;
        private final String username;

        ClientSession(QueueClient client, String username) {
            this.client = client;
            this.username = username;
        }

        @Override
        public String username() {
            return username;
        }

        @Override
        public Future<CounterView> signIn(int counter) {
            return client.signIn(site, counter);
        }

        @Override
        public Future<CounterView> signOut(int counter) {
            return client.signOut(site, counter);
        }

        @Override
        public Future<Optional<Ticket>> callNext(int counter) {
            return client.callNext(site, counter);
        }

        @Override
        public Future<Ticket> call(String ticketId) {
            return client.call(ticketId);
        }

        @Override
        public Future<Ticket> recall(String ticketId) {
            return client.recall(ticketId);
        }

        @Override
        public Future<Ticket> start(String ticketId) {
            return client.start(ticketId);
        }

        @Override
        public Future<Ticket> complete(String ticketId) {
            return client.complete(ticketId);
        }

        @Override
        public Future<Ticket> noShow(String ticketId) {
            return client.noShow(ticketId);
        }

        @Override
        public Future<Ticket> transfer(String ticketId, String service, Integer counter, boolean front) {
            return service != null
                    ? client.transferToService(ticketId, service, front)
                    : client.transferToCounter(ticketId, counter, front);
        }

        @Override
        public Future<Ticket> linkDossier(String ticketId, String code) {
            return client.linkDossier(ticketId, code);
        }

        @Override
        public Future<Ticket> rate(String ticketId, int level, int scale, String device) {
            return client.rate(ticketId, level, scale, device);
        }

        @Override
        public Future<CounterView> pause(int counter, String reason) {
            return client.pause(site, counter, reason);
        }

        @Override
        public Future<CounterView> resume(int counter) {
            return client.resume(site, counter);
        }

        @Override
        public Future<Ticket> ticket(String ticketId) {
            return client.ticket(ticketId);
        }

        @Override
        public Future<Ticket> ticketByNumber(String number) {
            return client.ticketByNumber(site, number);
        }

        @Override
        public Future<List<WaitingTicket>> waiting() {
            return client.waiting(site, null);
        }

        @Override
        public Future<List<DayBooking>> appointments(LocalDate day) {
            return client.appointments(site, day);
        }

        @Override
        public void close() {
            officers.remove(client);
            client.close();
        }
    }
}
