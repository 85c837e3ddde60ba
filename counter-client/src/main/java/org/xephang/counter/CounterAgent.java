package org.xephang.counter;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.CounterState;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceException;

/**
 * The counter agent: signs officers in at the counters it serves, carries out their actions through the core, keeps
 * each counter's LED showing the number being served (blank when paused or closed), and turns keypad presses into
 * ratings of the ticket just completed there (one rating per ticket; a press with nothing to rate is ignored).
 *
 * <p>Threading: every method is called on the agent's Vert.x context and all state lives on it; keypad presses and
 * device callbacks hop onto it; LED writes run on a one-thread worker so they never block the event loop.
 */
final class CounterAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CounterAgent.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KNOWN_NUMBERS = 5_000;
    private static final Pattern TICKET_NUMBER = Pattern.compile("([A-Z]+)0*(\\d+)");

    private final Vertx vertx;
    private final Context context;
    private final CounterCore core;
    private final DeskChannel pages;
    private final CounterOptions options;
    private final Clock clock;
    private final WorkerExecutor ledWriter;
    private final Map<Integer, Desk> desks = new LinkedHashMap<>();
    private final Map<String, Integer> sessions = new HashMap<>();
    private final Map<String, String> openTicketIds = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KNOWN_NUMBERS;
        }
    };

    private JsonObject site;
    private QueueSnapshot snapshot;
    private boolean connected;
    private boolean snapshotRefreshPending;
    private long siteRetryTimer = -1;
    private boolean closed;

    /** One counter served by this agent, with its devices and the officer signed in there. */
    static final class Desk {
        final int number;
        final DeskLed led;
        final DeskKeypad keypad;
        OfficerSession officer;
        OfficerSession lastOfficer;
        String pageSession;
        CounterView view;
        Ticket awaitingRating;
        Instant ratingUntil;
        long ratingTimer = -1;
        String ledShown;
        String ledWanted;
        boolean ledBusy;

        Desk(int number, DeskLed led, DeskKeypad keypad) {
            this.number = number;
            this.led = led;
            this.keypad = keypad;
        }
    }

    CounterAgent(Vertx vertx, CounterCore core, DeskChannel pages, CounterOptions options, List<Desk> deskList) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.core = core;
        this.pages = pages;
        this.options = options;
        this.clock = options.clock();
        this.ledWriter = vertx.createSharedWorkerExecutor("xephang-counter-led", 1);
        deskList.forEach(desk -> desks.put(desk.number, desk));
    }

    void start() {
        for (Desk desk : desks.values()) {
            if (desk.keypad != null) {
                desk.keypad.onPress(press -> context.runOnContext(v -> pressed(desk, press)));
            }
            updateLed(desk);
        }
        core.follow(
                fresh -> context.runOnContext(v -> snapshotArrived(fresh)),
                event -> context.runOnContext(v -> eventArrived(event)),
                up -> context.runOnContext(v -> connectionChanged(up)));
        loadSite();
    }

    // ---- sign-in ---------------------------------------------------------------------------------------------

    /** Signs the officer in at {@code counter}; answers the page's session token and the counter's view. */
    Future<JsonObject> signIn(String username, String password, int counter) {
        Desk desk = desks.get(counter);
        if (desk == null) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.UNKNOWN_COUNTER,
                    "Máy này không phục vụ quầy " + counter + ". Các quầy của máy: "
                            + desks.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "))
                            + "."));
        }
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return Future.failedFuture(
                    new QueueError(ErrorCode.INVALID_REQUEST, "Vui lòng nhập tên đăng nhập và mật khẩu"));
        }
        return core.login(username.trim(), password)
                .compose(officer -> officer.signIn(counter)
                        .onFailure(refused -> officer.close()) // not signed in here: its fresh token goes unused
                        .map(view -> seated(desk, officer, view)));
    }

    /** The officer is signed in at the desk's counter: replaces whoever was there; answers the page's session. */
    private JsonObject seated(Desk desk, OfficerSession officer, CounterView view) {
        int counter = desk.number;
        if (desk.pageSession != null) {
            sessions.remove(desk.pageSession);
            pages.publish(counter, "signed-out", new JsonObject().put("reason", "replaced"));
        }
        String token = newToken();
        OfficerSession previous = desk.lastOfficer;
        if (previous != null && previous != desk.officer) {
            previous.close(); // signed out earlier; its last ticket's rating window is over now
        }
        if (desk.officer != null) {
            desk.officer.close();
        }
        desk.officer = officer;
        desk.lastOfficer = officer;
        desk.pageSession = token;
        sessions.put(token, counter);
        desk.view = view;
        LOG.info("counter {}: {} signed in", counter, officer.username());
        deskChanged(desk);
        return new JsonObject().put("session", token).put("desk", deskView(desk));
    }

    /** The counter a page session belongs to, or a failure asking the officer to sign in again. */
    Future<Integer> counterOf(String token) {
        Integer counter = token == null ? null : sessions.get(token);
        return counter == null
                ? Future.failedFuture(
                        new QueueError(ErrorCode.UNAUTHENTICATED, "Phiên làm việc đã hết. Vui lòng đăng nhập lại."))
                : Future.succeededFuture(counter);
    }

    Future<JsonObject> signOut(String token) {
        return counterOf(token).compose(counter -> {
            Desk desk = desks.get(counter);
            OfficerSession officer = desk.officer;
            desk.officer = null;
            desk.pageSession = null;
            sessions.remove(token);
            return officer.signOut(counter)
                    .map(view -> {
                        desk.view = view;
                        deskChanged(desk);
                        return new JsonObject().put("signedOut", true);
                    })
                    .recover(failure -> {
                        LOG.warn("counter {}: sign-out at the server failed: {}", counter, failure.toString());
                        deskChanged(desk);
                        return Future.succeededFuture(new JsonObject().put("signedOut", true));
                    });
        });
    }

    // ---- officer actions -------------------------------------------------------------------------------------

    /** Carries out one officer action at the session's counter; answers the counter's new view. */
    Future<JsonObject> act(String token, String action, JsonObject body) {
        return counterOf(token).compose(counter -> {
            Desk desk = desks.get(counter);
            OfficerSession officer = desk.officer;
            return perform(desk, officer, action, body == null ? new JsonObject() : body)
                    .map(message -> {
                        JsonObject answer = new JsonObject().put("desk", deskView(desk));
                        if (message != null) {
                            answer.put("message", message);
                        }
                        return answer;
                    });
        });
    }

    private Future<String> perform(Desk desk, OfficerSession officer, String action, JsonObject body) {
        int counter = desk.number;
        return switch (action) {
            case "call-next" ->
                officer.callNext(counter).map(next -> {
                    next.ifPresent(ticket -> holding(desk, ticket));
                    return next.isPresent() ? null : "Không còn ai đang chờ ở các lĩnh vực của quầy này.";
                });
            case "call" ->
                resolveTicket(officer, body.getString("number"))
                        .compose(officer::call)
                        .map(ticket -> holding(desk, ticket));
            case "recall" -> current(desk).compose(officer::recall).map(ticket -> holding(desk, ticket));
            case "start" -> current(desk).compose(officer::start).map(ticket -> holding(desk, ticket));
            case "complete" ->
                current(desk).compose(officer::complete).map(ticket -> {
                    released(desk);
                    awaitRating(desk, ticket);
                    return null;
                });
            case "no-show" -> current(desk).compose(officer::noShow).map(ticket -> released(desk));
            case "transfer" -> transfer(desk, officer, body);
            case "dossier" -> dossier(desk, officer, body);
            case "pause" -> pause(desk, officer, body.getString("reason"));
            case "resume" ->
                officer.resume(counter).map(view -> {
                    desk.view = view;
                    deskChanged(desk);
                    return null;
                });
            default -> Future.failedFuture(new QueueError(ErrorCode.NOT_FOUND, "Không có thao tác " + action));
        };
    }

    private Future<String> transfer(Desk desk, OfficerSession officer, JsonObject body) {
        String service = blankToNull(body.getString("service"));
        Integer counter = body.getInteger("counter");
        if ((service == null) == (counter == null)) {
            return Future.failedFuture(
                    new QueueError(ErrorCode.INVALID_REQUEST, "Chọn một lĩnh vực hoặc một quầy để chuyển đến"));
        }
        boolean front = !"back".equalsIgnoreCase(body.getString("position", "back"));
        return current(desk)
                .compose(id -> officer.transfer(id, service, counter, front))
                .map(ticket -> {
                    released(desk);
                    return "Đã chuyển số " + ticket.number() + " đến "
                            + (service != null ? "lĩnh vực " + serviceName(service) : "quầy " + counter)
                            + (front ? " (đầu hàng)." : " (cuối hàng).");
                });
    }

    /** The field's name in the site's description ("Đăng ký kinh doanh"), or its code before the site has loaded. */
    private String serviceName(String code) {
        JsonArray services = site == null ? null : site.getJsonArray("services");
        if (services != null) {
            for (Object item : services) {
                if (item instanceof JsonObject service && code.equals(service.getString("code"))) {
                    return service.getString("name", code);
                }
            }
        }
        return code;
    }

    private Future<String> dossier(Desk desk, OfficerSession officer, JsonObject body) {
        String code = DossierCodes.normalise(body.getString("code"));
        if (code == null) {
            return Future.failedFuture(
                    new QueueError(ErrorCode.INVALID_REQUEST, "Không đọc được mã hồ sơ. Vui lòng nhập lại."));
        }
        String ticketId = body.getString("ticketId");
        Future<String> target = ticketId != null ? Future.succeededFuture(ticketId) : current(desk);
        return target.compose(id -> officer.linkDossier(id, code)).map(ticket -> {
            if (desk.view != null
                    && desk.view.ticket() != null
                    && desk.view.ticket().id().equals(ticket.id())) {
                holding(desk, ticket);
            }
            return "Đã gắn mã hồ sơ " + code + " với số " + ticket.number() + ".";
        });
    }

    private Future<String> pause(Desk desk, OfficerSession officer, String reason) {
        if (reason == null || reason.isBlank()) {
            return Future.failedFuture(new QueueError(ErrorCode.INVALID_REQUEST, "Vui lòng nhập lý do tạm dừng"));
        }
        return officer.pause(desk.number, reason.strip()).map(view -> {
            desk.view = view;
            deskChanged(desk);
            return null;
        });
    }

    /** The ticket to reprint: the one typed or scanned, or the one the counter holds now. */
    Future<Ticket> ticketToReprint(String token, String typed) {
        return counterOf(token).compose(counter -> {
            Desk desk = desks.get(counter);
            Future<String> id = typed == null || typed.isBlank() ? current(desk) : resolveTicket(desk.officer, typed);
            return id.compose(desk.officer::ticket);
        });
    }

    /** The site's description, or null before it has loaded. */
    JsonObject site() {
        return site;
    }

    /** The ticket the counter holds now, or a refusal saying there is none. */
    private Future<String> current(Desk desk) {
        Ticket ticket = desk.view == null ? null : desk.view.ticket();
        return ticket == null
                ? Future.failedFuture(new QueueError(
                        ErrorCode.INVALID_TRANSITION, "Quầy đang không phục vụ số nào. Hãy bấm Gọi số tiếp."))
                : Future.succeededFuture(ticket.id());
    }

    /**
     * Finds a ticket to call by its printed number ({@code A012}), or by its id or status URL (a scanned ticket QR). A
     * number this agent has not seen on the event stream (issued before it started, or before a reconnection) is asked
     * of the server, which knows every ticket of the day.
     */
    private Future<String> resolveTicket(OfficerSession officer, String typed) {
        if (typed == null || typed.isBlank()) {
            return Future.failedFuture(
                    new QueueError(ErrorCode.INVALID_REQUEST, "Vui lòng nhập số cần gọi, ví dụ A012"));
        }
        String text = typed.strip();
        String fromUrl = DossierCodes.ticketIdFromUrl(text);
        if (fromUrl != null) {
            return Future.succeededFuture(fromUrl);
        }
        String number = text.toUpperCase(Locale.ROOT).replace(" ", "");
        String id = openTicketIds.get(number);
        if (id == null) {
            id = openTicketIds.get(normaliseNumber(number));
        }
        if (id != null) {
            return Future.succeededFuture(id);
        }
        return officer.ticketByNumber(number).map(Ticket::id).recover(failure -> {
            if (failure instanceof QueueError error
                    && (error.code() == ErrorCode.UNKNOWN_TICKET || error.code() == ErrorCode.NOT_FOUND)) {
                // NOT_FOUND: a server older than the lookup; either way the number is not known today.
                return Future.failedFuture(new QueueError(
                        ErrorCode.UNKNOWN_TICKET,
                        "Không tìm thấy số " + number + " trong hàng chờ hôm nay. Có thể quét mã QR trên vé."));
            }
            return Future.failedFuture(failure);
        });
    }

    /** "A12" typed for "A012": the known number with the same letters and value, or the text as typed. */
    private String normaliseNumber(String number) {
        Matcher typed = TICKET_NUMBER.matcher(number);
        if (!typed.matches()) {
            return number;
        }
        for (String known : openTicketIds.keySet()) {
            Matcher candidate = TICKET_NUMBER.matcher(known);
            if (candidate.matches()
                    && candidate.group(1).equals(typed.group(1))
                    && candidate.group(2).equals(typed.group(2))) {
                return known;
            }
        }
        return number;
    }

    private String holding(Desk desk, Ticket ticket) {
        CounterView view = desk.view;
        if (view != null) {
            desk.view = new CounterView(
                    view.number(),
                    view.name(),
                    view.state(),
                    view.pauseReason(),
                    view.officer(),
                    view.services(),
                    ticket);
        }
        deskChanged(desk);
        return null;
    }

    private String released(Desk desk) {
        return holding(desk, null);
    }

    // ---- ratings ---------------------------------------------------------------------------------------------

    private void awaitRating(Desk desk, Ticket ticket) {
        if (desk.keypad == null) {
            return;
        }
        desk.awaitingRating = ticket;
        desk.ratingUntil = clock.instant().plus(options.ratingWindow());
        if (desk.ratingTimer >= 0) {
            vertx.cancelTimer(desk.ratingTimer);
        }
        desk.keypad.awaitRating(ticket.id());
        desk.ratingTimer = vertx.setTimer(options.ratingWindow().toMillis(), t -> {
            desk.ratingTimer = -1;
            if (desk.awaitingRating == ticket) {
                LOG.info(
                        "counter {}: no rating for {} within {}", desk.number, ticket.number(), options.ratingWindow());
                stopAwaiting(desk);
                deskChanged(desk);
            }
        });
    }

    private void stopAwaiting(Desk desk) {
        desk.awaitingRating = null;
        desk.ratingUntil = null;
        if (desk.keypad != null) {
            desk.keypad.cancelRating();
        }
    }

    /** A keypad press: the rating of the ticket just completed here, or ignored (and logged) when none awaits. */
    void pressed(Desk desk, DeskKeypad.Press press) {
        Ticket ticket = desk.awaitingRating;
        if (ticket == null
                || !ticket.id().equals(press.ticketId())
                || desk.ratingUntil == null
                || clock.instant().isAfter(desk.ratingUntil)) {
            LOG.info(
                    "counter {}: keypad press {} of {} ignored: no ticket awaits a rating",
                    desk.number,
                    press.level(),
                    press.scale());
            return;
        }
        OfficerSession officer = desk.officer != null ? desk.officer : desk.lastOfficer;
        desk.awaitingRating = null; // one rating per ticket, whatever the keypad sends next
        desk.ratingUntil = null;
        if (desk.ratingTimer >= 0) {
            vertx.cancelTimer(desk.ratingTimer);
            desk.ratingTimer = -1;
        }
        deskChanged(desk);
        officer.rate(ticket.id(), press.level(), press.scale(), desk.keypad.deviceId())
                .onComplete(done -> {
                    if (done.succeeded()) {
                        LOG.info(
                                "counter {}: ticket {} rated {} of {}",
                                desk.number,
                                ticket.number(),
                                press.level(),
                                press.scale());
                        pages.publish(
                                desk.number,
                                "rated",
                                new JsonObject()
                                        .put("number", ticket.number())
                                        .put("level", press.level())
                                        .put("scale", press.scale()));
                    } else if (done.cause() instanceof QueueError || PageFailures.isLostConnection(done.cause())) {
                        LOG.warn(
                                "counter {}: rating of {} not recorded: {}",
                                desk.number,
                                ticket.number(),
                                done.cause().toString());
                        pages.publish(desk.number, "problem", problem(done.cause()));
                    } else {
                        LOG.error("counter {}: rating of {} not recorded", desk.number, ticket.number(), done.cause());
                        pages.publish(desk.number, "problem", problem(done.cause()));
                    }
                });
    }

    /**
     * A key of the counter's USB HID keypad, read by the page: handed to that keypad, whose ratings take the same path
     * as every keypad's ({@link #pressed}). Answers whether the key became a rating.
     */
    Future<JsonObject> keypadKey(String token, String key) {
        return counterOf(token).compose(counter -> {
            Desk desk = desks.get(counter);
            if (!(desk.keypad instanceof HidKeypadDesk hid)) {
                return Future.failedFuture(new QueueError(
                        ErrorCode.NOT_FOUND, "Quầy " + counter + " không dùng bàn phím đánh giá cắm vào máy tính"));
            }
            if (key == null || key.isEmpty()) {
                return Future.failedFuture(new QueueError(ErrorCode.INVALID_REQUEST, "Thiếu phím đã bấm"));
            }
            return Future.succeededFuture(new JsonObject().put("rating", hid.keyPressed(key)));
        });
    }

    // ---- following the core ----------------------------------------------------------------------------------

    private void loadSite() {
        if (siteRetryTimer >= 0) {
            vertx.cancelTimer(siteRetryTimer);
            siteRetryTimer = -1;
        }
        if (closed) {
            return;
        }
        core.siteInfo().onComplete(loaded -> {
            if (loaded.succeeded()) {
                site = loaded.result();
                desks.values().forEach(desk -> pages.publish(desk.number, "desk", deskView(desk)));
            } else {
                LOG.warn(
                        "counter agent: site description not loaded yet: {}",
                        loaded.cause().toString());
                siteRetryTimer = vertx.setTimer(3_000, t -> {
                    siteRetryTimer = -1;
                    loadSite();
                });
            }
        });
    }

    private void snapshotArrived(QueueSnapshot fresh) {
        snapshot = fresh;
        for (CounterView view : fresh.counters()) {
            Desk desk = desks.get(view.number());
            if (desk != null) {
                desk.view = view;
            }
        }
        desks.values().forEach(this::deskChanged);
    }

    private void eventArrived(QueueEvent event) {
        Ticket ticket = event.ticket();
        if (ticket != null && ticket.number() != null) {
            if (ticket.state().isOpen()) {
                openTicketIds.put(ticket.number(), ticket.id());
            } else {
                openTicketIds.remove(ticket.number());
            }
        }
        refreshSnapshotSoon();
    }

    /** Coalesces a burst of events into one snapshot request. */
    private void refreshSnapshotSoon() {
        if (snapshotRefreshPending || closed) {
            return;
        }
        snapshotRefreshPending = true;
        vertx.setTimer(
                150,
                t -> core.snapshot().onComplete(done -> {
                    snapshotRefreshPending = false;
                    if (done.succeeded()) {
                        snapshotArrived(done.result());
                    } else {
                        LOG.debug(
                                "counter agent: snapshot refresh failed: {}",
                                done.cause().toString());
                    }
                }));
    }

    private void connectionChanged(boolean up) {
        if (up == connected) {
            return;
        }
        connected = up;
        LOG.info("counter agent: server connection {}", up ? "up" : "lost");
        if (up) {
            loadSite(); // the server may have restarted with a changed configuration
        }
        desks.values().forEach(this::deskChanged);
    }

    // ---- the desk's view and its LED -------------------------------------------------------------------------

    /** Publishes the desk's view without the site description (large, rarely changing: sent when it does). */
    private void deskChanged(Desk desk) {
        updateLed(desk);
        JsonObject view = deskView(desk);
        view.remove("site");
        pages.publish(desk.number, "desk", view);
    }

    /** Everything the counter page shows. */
    JsonObject deskView(int counter) {
        Desk desk = desks.get(counter);
        return desk == null ? new JsonObject() : deskView(desk);
    }

    private JsonObject deskView(Desk desk) {
        CounterView view = desk.view;
        JsonArray waiting = new JsonArray();
        List<String> served = view != null ? view.services() : List.of();
        if (snapshot != null) {
            snapshot.services().stream()
                    .filter(s -> served.isEmpty() || served.contains(s.code()))
                    .forEach(s -> waiting.add(s.toJson()));
        }
        Ticket ticket = view == null ? null : view.ticket();
        return new JsonObject()
                .put("counter", desk.number)
                .put("name", view == null ? "Quầy " + desk.number : view.name())
                .put(
                        "state",
                        view == null ? CounterState.CLOSED.name() : view.state().name())
                .put("pauseReason", view == null ? null : view.pauseReason())
                .put("officer", desk.officer == null ? null : desk.officer.username())
                .put("ticket", ticket == null ? null : ticket.toJson())
                .put("waiting", waiting)
                .put("awaitingRating", desk.awaitingRating == null ? null : desk.awaitingRating.number())
                .put("led", desk.ledShown)
                .put("hasKeypad", desk.keypad != null)
                .put("keypadKeys", desk.keypad instanceof HidKeypadDesk hid ? new JsonArray(hid.keys()) : null)
                .put("connected", connected)
                .put("site", site)
                .put("serverTime", clock.instant().toString());
    }

    /** What the LED should show: the number at the counter while it is open, blank otherwise. */
    static String ledText(CounterView view) {
        if (view == null || view.state() != CounterState.OPEN || view.ticket() == null) {
            return "";
        }
        return view.ticket().state().isAtCounter() ? view.ticket().number() : "";
    }

    private void updateLed(Desk desk) {
        if (desk.led == null) {
            return;
        }
        desk.ledWanted = ledText(desk.view);
        writeLed(desk);
    }

    private void writeLed(Desk desk) {
        String wanted = desk.ledWanted;
        if (desk.ledBusy || wanted == null || wanted.equals(desk.ledShown) || closed) {
            return;
        }
        desk.ledBusy = true;
        ledWriter
                .<Void>executeBlocking(() -> {
                    if (wanted.isEmpty()) {
                        desk.led.blank();
                    } else {
                        desk.led.show(wanted);
                    }
                    return null;
                })
                .onComplete(done -> context.runOnContext(v -> {
                    desk.ledBusy = false;
                    if (done.succeeded()) {
                        desk.ledShown = wanted;
                    } else {
                        Throwable cause = done.cause();
                        LOG.warn(
                                "counter {}: LED not updated to '{}': {}",
                                desk.number,
                                wanted,
                                cause instanceof DeviceException ? cause.getMessage() : cause.toString());
                        desk.ledShown = null;
                        vertx.setTimer(5_000, t -> writeLed(desk));
                        return;
                    }
                    writeLed(desk); // the wish may have changed meanwhile
                }));
    }

    /** What the page is told of a failure it did not ask for (a keypad rating not recorded). */
    static JsonObject problem(Throwable failure) {
        return PageFailures.errorFor(failure).toJson();
    }

    /**
     * For logs: "counter 3" for a page session of this agent, else the counters it serves. Reads the sessions only on
     * the agent's context.
     */
    String logName(String token) {
        Integer counter = Vertx.currentContext() == context && token != null ? sessions.get(token) : null;
        return counter != null ? "counter " + counter : "counter agent (counters " + desks.keySet() + ")";
    }

    Optional<Desk> desk(int counter) {
        return Optional.ofNullable(desks.get(counter));
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The context all of this agent's state lives on. */
    Context context() {
        return context;
    }

    @Override
    public void close() {
        closed = true;
        desks.values().forEach(desk -> {
            if (desk.ratingTimer >= 0) {
                vertx.cancelTimer(desk.ratingTimer);
            }
        });
        ledWriter.close();
        core.close();
    }
}
