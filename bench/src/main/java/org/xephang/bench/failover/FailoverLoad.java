package org.xephang.bench.failover;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueError;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.bench.crash.CrashLedger;
import org.xephang.bench.harness.BenchCentre;

/**
 * The devices of the failover run: on every site a kiosk issuing (each request with its idempotency key, kept until a
 * node answers it) and an officer per counter calling, starting and completing, each with its own {@link QueueClient}
 * over every node's URL, as agents are configured. Clients behave as real ones: what the typed client could not get
 * served within its retry budget is tried again later with the same key; an officer whose request got no answer reads
 * the counter back from the snapshot. Everything runs on one Vert.x context, so the ledger needs no lock.
 */
final class FailoverLoad implements AutoCloseable {

    private final Vertx vertx;
    private final Context context;
    private final BenchCentre centre;
    private final String urls;
    private final long pauseMillis;
    private final CrashLedger ledger = new CrashLedger();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final List<KioskActor> kiosks = new ArrayList<>();
    private final List<OfficerActor> officers = new ArrayList<>();
    private final List<QueueClient> clients = new ArrayList<>();
    private boolean running;
    private int active;
    private Promise<Void> stopped;

    FailoverLoad(Vertx vertx, Context context, BenchCentre centre, String urls, long pauseMillis) {
        this.vertx = vertx;
        this.context = context;
        this.centre = centre;
        this.urls = urls;
        this.pauseMillis = pauseMillis;
    }

    CrashLedger ledger() {
        return ledger;
    }

    Map<String, AtomicLong> errors() {
        return errors;
    }

    /** Tickets acknowledged so far. Call on the context. */
    int tickets() {
        return ledger.tickets().size();
    }

    private QueueClient client() {
        QueueClient client = QueueClient.create(vertx, urls);
        clients.add(client);
        return client;
    }

    /**
     * Signs every device in, signs the officers in at their counters and reads each counter back, one device after
     * the other (the server's login throttle counts parallel sign-ins from one address as failures until they pass).
     */
    Future<Void> prepare() {
        Promise<Void> ready = Promise.promise();
        context.runOnContext(v -> {
            Future<Void> devices = Future.succeededFuture();
            for (String site : centre.siteCodes()) {
                KioskActor kiosk = new KioskActor(site, client());
                kiosks.add(kiosk);
                devices = devices.compose(x -> kiosk.client.login(BenchCentre.KIOSK, BenchCentre.PASSWORD))
                        .mapEmpty();
                for (int c = 1; c <= centre.counters(); c++) {
                    OfficerActor officer = new OfficerActor(site, c, client());
                    officers.add(officer);
                    devices = devices.compose(x ->
                                    officer.client.login(centre.officer(site, officer.counter), BenchCentre.PASSWORD))
                            .compose(session -> officer.client
                                    .signIn(site, officer.counter)
                                    .recover(e -> {
                                        count(e); // already signed in
                                        return Future.succeededFuture();
                                    }))
                            .compose(x -> officer.client.snapshot(site))
                            .map(snapshot -> {
                                officer.resync(snapshot);
                                return null;
                            });
                }
            }
            devices.onComplete(ready);
        });
        return ready.future();
    }

    void start() {
        context.runOnContext(v -> {
            running = true;
            active = kiosks.size() + officers.size();
            kiosks.forEach(KioskActor::loop);
            officers.forEach(OfficerActor::loop);
        });
    }

    /** Stops the devices; completes once none has a request under way. */
    Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            running = false;
            stopped = done;
            if (active == 0) {
                done.complete();
            }
        });
        return done.future();
    }

    private void actorStopped() {
        active--;
        if (active == 0 && stopped != null) {
            stopped.complete();
        }
    }

    /** Sends every issue still unanswered again with its key until a node answers, so the ledger knows its ticket. */
    Future<Void> resolveInDoubtIssues() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            List<Future<Void>> retries = new ArrayList<>();
            for (KioskActor kiosk : kiosks) {
                if (kiosk.pendingKey != null) {
                    retries.add(kiosk.resolve(10));
                }
            }
            Future.all(retries).<Void>mapEmpty().onComplete(done);
        });
        return done.future();
    }

    /** Every ticket the ledger knows, read back through the nodes (empty: the cluster does not know it). */
    Future<Map<String, Optional<Ticket>>> readBack() {
        Promise<Map<String, Optional<Ticket>>> done = Promise.promise();
        context.runOnContext(v -> {
            QueueClient reader = client();
            Map<String, Optional<Ticket>> seen = new ConcurrentHashMap<>();
            Iterator<String> ids = ledger.ticketIds().iterator();
            int readers = 16;
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                all.add(readNext(reader, ids, seen));
            }
            Future.all(all).map(x -> seen).onComplete(done);
        });
        return done.future();
    }

    private Future<Void> readNext(QueueClient reader, Iterator<String> ids, Map<String, Optional<Ticket>> seen) {
        if (!ids.hasNext()) {
            return Future.succeededFuture();
        }
        String id = ids.next();
        return reader.ticket(id)
                .map(Optional::of)
                .recover(e -> e instanceof QueueError error && error.code() == ErrorCode.UNKNOWN_TICKET
                        ? Future.succeededFuture(Optional.empty())
                        : Future.failedFuture(new IllegalStateException("cannot read ticket " + id + " back", e)))
                .compose(ticket -> {
                    seen.put(id, ticket);
                    return readNext(reader, ids, seen);
                });
    }

    private void count(Throwable failure) {
        String code = failure instanceof QueueError error
                ? error.code().name()
                : failure.getClass().getSimpleName();
        errors.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    /**
     * A request that may have been applied though no answer said so: no answer, or 502/503/504 (a node forwarding to
     * the owner answers 503 also when the owner's answer was lost).
     */
    private static boolean inDoubt(Throwable failure) {
        return QueueClient.isLostConnection(failure)
                || (failure instanceof QueueError error
                        && (error.code() == ErrorCode.INTERNAL || error.code() == ErrorCode.UNAVAILABLE));
    }

    private void later(long millis, Runnable step) {
        vertx.setTimer(Math.max(1, millis), t -> step.run());
    }

    @Override
    public void close() {
        clients.forEach(QueueClient::close);
    }

    /** A site's kiosk: one key per citizen request, kept until a node answers the request. */
    private final class KioskActor {
        final String site;
        final QueueClient client;
        long sequence;
        String pendingKey;
        String pendingService;

        KioskActor(String site, QueueClient client) {
            this.site = site;
            this.client = client;
        }

        void loop() {
            if (!running) {
                actorStopped();
                return;
            }
            issue().onComplete(r -> later(pauseMillis, this::loop));
        }

        Future<Void> issue() {
            if (pendingKey == null) {
                long i = sequence++;
                pendingKey = "failover-" + site + "-" + i + "-" + UUID.randomUUID();
                pendingService = centre.serviceCode((int) (i % centre.services()));
            }
            String key = pendingKey;
            return client.issueDetailed(site, pendingService, null, "kiosk", key)
                    .onSuccess(issued -> {
                        Ticket ticket = issued.ticket();
                        ledger.issued(key, ticket.id(), site, ticket.number());
                        pendingKey = null;
                    })
                    .onFailure(e -> {
                        count(e);
                        boolean refused = e instanceof QueueError error
                                && error.code() != ErrorCode.UNAVAILABLE
                                && error.code() != ErrorCode.INTERNAL;
                        if (refused) {
                            pendingKey = null; // refused for good (e.g. the daily cap): no ticket exists
                        }
                    })
                    .mapEmpty();
        }

        Future<Void> resolve(int attempts) {
            return issue().recover(e -> attempts > 1 && pendingKey != null
                    ? resolve(attempts - 1)
                    : Future.failedFuture(new IllegalStateException(
                            "kiosk of " + site + ": issue with key " + pendingKey + " never answered", e)));
        }
    }

    /** An officer at one counter: call next, start, complete, again; reads the counter back when in doubt. */
    private final class OfficerActor {
        final String site;
        final int counter;
        final QueueClient client;
        String current;
        TicketState state;

        OfficerActor(String site, int counter, QueueClient client) {
            this.site = site;
            this.counter = counter;
            this.client = client;
        }

        void resync(QueueSnapshot snapshot) {
            current = null;
            state = null;
            for (QueueSnapshot.CounterView view : snapshot.counters()) {
                if (view.number() == counter && view.ticket() != null) {
                    Ticket ticket = view.ticket();
                    current = ticket.id();
                    state = ticket.state();
                    ledger.foundAtCounter(current, site, ticket.number(), counter, state);
                }
            }
        }

        void loop() {
            if (!running) {
                actorStopped();
                return;
            }
            boolean calling = current == null;
            Future<?> step;
            if (calling) {
                step = client.callNext(site, counter)
                        .onSuccess(called -> called.ifPresent(ticket -> {
                            current = ticket.id();
                            state = TicketState.CALLED;
                            ledger.called(current, site, ticket.number(), counter);
                        }));
            } else {
                String id = current;
                boolean starting = state == TicketState.CALLED;
                ledger.sent(id, starting ? CrashLedger.Pending.START : CrashLedger.Pending.COMPLETE);
                step = (starting ? client.start(id) : client.complete(id)).onSuccess(ticket -> {
                    ledger.acknowledged(id, starting ? TicketState.SERVING : TicketState.DONE);
                    state = starting ? TicketState.SERVING : null;
                    current = starting ? id : null;
                });
            }
            step.onComplete(r -> {
                if (r.failed()) {
                    count(r.cause());
                    if (calling && inDoubt(r.cause())) {
                        ledger.callInDoubt(site, counter);
                    }
                    // Refused or unanswered: read the counter back, as the officer's screen would.
                    client.snapshot(site).onSuccess(this::resync).onComplete(x -> later(pauseMillis, this::loop));
                } else if (calling && r.result() instanceof Optional<?> called && called.isEmpty()) {
                    later(pauseMillis * 4, this::loop);
                } else {
                    later(pauseMillis, this::loop);
                }
            });
        }
    }
}
