package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.xephang.api.CounterState;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.api.WaitingTicket;

/** A queue server in memory for one site: a FIFO of waiting tickets, counters, ratings. */
final class FakeCounterCore implements CounterCore {

    record RatingRecord(String ticketId, int level, int scale, String device, String officer) {}

    final List<Ticket> waiting = new CopyOnWriteArrayList<>();
    final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    final Map<Integer, CounterView> counters = new ConcurrentHashMap<>();
    final List<RatingRecord> ratings = new CopyOnWriteArrayList<>();
    /** The numbers asked of the server by {@code ticketByNumber}. */
    final List<String> numberLookups = new CopyOnWriteArrayList<>();

    Consumer<QueueEvent> events;
    /** When set, the next calls of these kinds fail with it. */
    volatile Throwable loginFailure;

    volatile Throwable callNextFailure;

    volatile Throwable signInFailure;
    /** The officers whose session (token) is open: logged in and not closed. */
    final List<String> openSessions = new CopyOnWriteArrayList<>();

    private int next = 1;

    Ticket enqueue(String service) {
        int n = next++;
        Ticket ticket = new Ticket(
                "id" + n,
                "demo",
                service + String.format("%03d", n),
                service,
                null,
                "kiosk",
                TicketState.WAITING,
                Instant.parse("2026-11-23T01:00:00Z"),
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                null);
        waiting.add(ticket);
        tickets.put(ticket.id(), ticket);
        return ticket;
    }

    @Override
    public Future<JsonObject> siteInfo() {
        return Future.succeededFuture(new JsonObject().put("code", "demo").put("name", "Demo"));
    }

    @Override
    public Future<QueueSnapshot> snapshot() {
        return Future.succeededFuture(new QueueSnapshot(
                1,
                "demo",
                Instant.now(),
                List.of(new QueueSnapshot.ServiceQueue("A", "Đất đai", "A", waiting.size(), 0)),
                new ArrayList<>(counters.values()),
                List.of()));
    }

    @Override
    public Future<OfficerSession> login(String username, String password) {
        if (loginFailure != null) {
            return Future.failedFuture(loginFailure);
        }
        if (!"demo".equals(password)) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.UNAUTHENTICATED, "Sai tên đăng nhập hoặc mật khẩu", "Wrong username or password"));
        }
        openSessions.add(username);
        return Future.succeededFuture(new Session(username));
    }

    @Override
    public void follow(
            Consumer<QueueSnapshot> onSnapshot, Consumer<QueueEvent> onEvent, Consumer<Boolean> onConnection) {
        this.events = onEvent;
        onConnection.accept(true);
        snapshot().onSuccess(onSnapshot::accept);
    }

    @Override
    public void close() {}

    private Ticket change(Ticket t, TicketState state, Integer counter) {
        Ticket changed = new Ticket(
                t.id(),
                t.site(),
                t.number(),
                t.service(),
                t.priority(),
                t.channel(),
                state,
                t.issuedAt(),
                state == TicketState.CALLED ? Instant.now() : t.calledAt(),
                state == TicketState.SERVING ? Instant.now() : t.startedAt(),
                t.finishedAt(),
                counter,
                t.callCount() + (state == TicketState.CALLED ? 1 : 0),
                null,
                null,
                t.statusUrl(),
                t.dossierCode());
        tickets.put(changed.id(), changed);
        return changed;
    }

    private CounterView view(int counter, CounterState state, String reason, String officer, Ticket ticket) {
        CounterView view =
                new CounterView(counter, "Quầy " + counter, state, reason, null, officer, List.of("A"), ticket);
        counters.put(counter, view);
        return view;
    }

    private final class Session implements OfficerSession {
        private final String username;
        private int counter;

        Session(String username) {
            this.username = username;
        }

        @Override
        public String username() {
            return username;
        }

        @Override
        public Future<CounterView> signIn(int number) {
            if (signInFailure != null) {
                return Future.failedFuture(signInFailure);
            }
            counter = number;
            return Future.succeededFuture(view(number, CounterState.OPEN, null, username, null));
        }

        @Override
        public Future<CounterView> signOut(int number) {
            return Future.succeededFuture(view(number, CounterState.CLOSED, null, null, null));
        }

        @Override
        public Future<Optional<Ticket>> callNext(int number) {
            if (callNextFailure != null) {
                return Future.failedFuture(callNextFailure);
            }
            if (waiting.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            Ticket called = change(waiting.remove(0), TicketState.CALLED, number);
            view(number, CounterState.OPEN, null, username, called);
            return Future.succeededFuture(Optional.of(called));
        }

        @Override
        public Future<Ticket> call(String ticketId) {
            Ticket t = tickets.get(ticketId);
            if (t == null) {
                return Future.failedFuture(
                        new QueueError(ErrorCode.UNKNOWN_TICKET, "Không có vé này", "No such ticket"));
            }
            waiting.removeIf(w -> w.id().equals(ticketId));
            return Future.succeededFuture(change(t, TicketState.CALLED, counter));
        }

        @Override
        public Future<Ticket> recall(String ticketId) {
            return Future.succeededFuture(change(tickets.get(ticketId), TicketState.CALLED, counter));
        }

        @Override
        public Future<Ticket> start(String ticketId) {
            return Future.succeededFuture(change(tickets.get(ticketId), TicketState.SERVING, counter));
        }

        @Override
        public Future<Ticket> complete(String ticketId) {
            Ticket done = change(tickets.get(ticketId), TicketState.DONE, counter);
            view(counter, CounterState.OPEN, null, username, null);
            return Future.succeededFuture(done);
        }

        @Override
        public Future<Ticket> noShow(String ticketId) {
            return Future.succeededFuture(change(tickets.get(ticketId), TicketState.NO_SHOW, counter));
        }

        @Override
        public Future<Ticket> transfer(String ticketId, String service, Integer toCounter, boolean front) {
            return Future.succeededFuture(change(tickets.get(ticketId), TicketState.WAITING, toCounter));
        }

        @Override
        public Future<Ticket> linkDossier(String ticketId, String code) {
            Ticket t = tickets.get(ticketId);
            Ticket linked = new Ticket(
                    t.id(),
                    t.site(),
                    t.number(),
                    t.service(),
                    t.priority(),
                    t.channel(),
                    t.state(),
                    t.issuedAt(),
                    t.calledAt(),
                    t.startedAt(),
                    t.finishedAt(),
                    t.counter(),
                    t.callCount(),
                    null,
                    null,
                    t.statusUrl(),
                    code);
            tickets.put(ticketId, linked);
            return Future.succeededFuture(linked);
        }

        @Override
        public Future<Ticket> rate(String ticketId, int level, int scale, String device) {
            if (ratings.stream().anyMatch(r -> r.ticketId().equals(ticketId))) {
                return Future.failedFuture(new QueueError(
                        ErrorCode.ALREADY_RATED, "Vé này đã được đánh giá", "This ticket has already been rated"));
            }
            ratings.add(new RatingRecord(ticketId, level, scale, device, username));
            return Future.succeededFuture(tickets.get(ticketId));
        }

        @Override
        public Future<CounterView> pause(int number, String reason) {
            return Future.succeededFuture(view(number, CounterState.PAUSED, reason, username, null));
        }

        @Override
        public Future<CounterView> resume(int number) {
            return Future.succeededFuture(view(number, CounterState.OPEN, null, username, null));
        }

        @Override
        public Future<Ticket> ticket(String ticketId) {
            return Future.succeededFuture(tickets.get(ticketId));
        }

        /** As the server: letter and value, whatever the padding ("A2" finds A002). */
        @Override
        public Future<Ticket> ticketByNumber(String number) {
            numberLookups.add(number);
            String wanted = number.replaceFirst("^([A-Z]+)0*", "$1");
            return tickets.values().stream()
                    .filter(t -> t.number().replaceFirst("^([A-Z]+)0*", "$1").equals(wanted))
                    .findFirst()
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(new QueueError(
                            ErrorCode.UNKNOWN_TICKET,
                            "Hôm nay không có vé số " + number + " tại điểm này.",
                            "There is no ticket number " + number + " at this site today.")));
        }

        @Override
        public Future<List<WaitingTicket>> waiting() {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<List<org.xephang.api.DayBooking>> appointments(java.time.LocalDate day) {
            return Future.succeededFuture(List.of());
        }

        @Override
        public void close() {
            openSessions.remove(username);
        }
    }
}
