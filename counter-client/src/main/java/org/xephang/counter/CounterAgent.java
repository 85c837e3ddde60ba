package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xephang.agent.AgentVerticle;
import org.xephang.agent.PageFailures;
import org.xephang.agent.ServerLink;
import org.xephang.api.CounterState;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.Ticket;

/**
 * The counter agent: signs officers in at the counters it serves ({@link OfficerSessions}), carries out their actions
 * through the core ({@link DeskActions}), keeps each counter's LED showing the number being served
 * ({@link DeskLedMirror}), and turns keypad presses into ratings of the ticket just completed there
 * ({@link RatingWindow}). It follows the site through the agent kit's {@link ServerLink} and tells the pages what
 * each desk shows.
 *
 * <p>Threading: a verticle ({@link AgentVerticle}); every method is called on its context and all state lives on it;
 * keypad presses and device callbacks hop onto it; LED writes run on a one-thread worker.
 */
final class CounterAgent extends AgentVerticle implements ServerLink.Listener, DeskViews {

    /** What the counter page is told of a bug in its agent. */
    static final String INTERNAL_FAILURE =
            "Lỗi hệ thống ở máy quầy. Vui lòng thử lại; nếu vẫn lỗi, xin báo bộ phận kỹ thuật.";

    static final String INTERNAL_FAILURE_EN =
            "A system error at the counter computer. Please try again; if it persists, please tell the technical team.";

    private static final Duration SNAPSHOT_REFRESH = Duration.ofMillis(150);

    private final CounterCore core;
    private final DeskChannel pages;
    private final CounterOptions options;
    private final Clock clock;
    private final Map<Integer, Desk> desks = new LinkedHashMap<>();
    private final KioskPrinterTrouble kioskPrinters = new KioskPrinterTrouble();
    private final OfficerSessions sessions;
    private final PageFailures failures;
    private DeskLedMirror leds;
    private RatingWindow ratings;
    private DeskActions actions;
    private ServerLink link;
    private QueueSnapshot snapshot;

    CounterAgent(CounterCore core, DeskChannel pages, CounterOptions options, List<Desk> deskList) {
        this.core = core;
        this.pages = pages;
        this.options = options;
        this.clock = options.clock();
        deskList.forEach(desk -> desks.put(desk.number, desk));
        this.sessions = new OfficerSessions(desks, core, pages, this);
        this.failures = new PageFailures(INTERNAL_FAILURE, INTERNAL_FAILURE_EN, ctx -> "counter agent");
    }

    @Override
    protected Future<Void> startAgent() {
        leds = new DeskLedMirror(context);
        ratings = new RatingWindow(vertx, clock, options.ratingWindow(), pages, this, failures);
        actions = new DeskActions(this, ratings, this::site);
        for (Desk desk : desks.values()) {
            if (desk.keypad != null) {
                desk.keypad.onPress(press -> onContext(v -> ratings.pressed(desk, press)));
            }
            leds.update(desk);
        }
        link = new ServerLink(context, core, this, ServerLink.Settings.of("counter agent", SNAPSHOT_REFRESH));
        link.start();
        return Future.succeededFuture();
    }

    // ---- what the pages ask ------------------------------------------------------------------------------------

    /** Signs the officer in at {@code counter}; answers the page's session token and the counter's view. */
    Future<JsonObject> signIn(String username, String password, int counter) {
        if (options.everyCounterOfTheSite() && !desks.containsKey(counter)) {
            addDeskOfTheSite(counter);
        }
        return sessions.signIn(username, password, counter);
    }

    /**
     * A desk without devices for a counter the site has and this agent had none for: one the administrator added while
     * the agent runs. Only with {@link CounterOptions#everyCounterOfTheSite()}; a counter the site does not have stays
     * refused by the sign-in.
     */
    private void addDeskOfTheSite(int counter) {
        if (snapshot == null) {
            return;
        }
        snapshot.counters().stream()
                .filter(view -> view.number() == counter)
                .findFirst()
                .ifPresent(view -> {
                    Desk desk = new Desk(counter, null, null);
                    desk.view = view;
                    desks.put(counter, desk);
                });
    }

    /** The counter a page session belongs to, or a failure asking the officer to sign in again. */
    Future<Integer> counterOf(String token) {
        return sessions.counterOf(token);
    }

    Future<JsonObject> signOut(String token) {
        return sessions.signOut(token);
    }

    /** Carries out one officer action at the session's counter; answers the counter's new view. */
    Future<JsonObject> act(String token, String action, JsonObject body) {
        return sessions.deskOf(token)
                .compose(desk -> actions.perform(desk, action, body == null ? new JsonObject() : body)
                        .map(said -> {
                            JsonObject answer = new JsonObject().put("desk", deskView(desk));
                            if (said != null) {
                                answer.put("message", said.vi()).put("messageEn", said.en());
                            }
                            return answer;
                        }));
    }

    /** The ticket to reprint: the one typed or scanned, or the one the counter holds now. */
    Future<Ticket> ticketToReprint(String token, String typed) {
        return sessions.deskOf(token).compose(desk -> actions.ticketToReprint(desk, typed));
    }

    /** A key of the counter's USB HID keypad, read by the page; answers whether it became a rating. */
    Future<JsonObject> keypadKey(String token, String key) {
        return sessions.deskOf(token).compose(desk -> ratings.keypadKey(desk, key));
    }

    /** A keypad press at the desk (tests drive it directly). */
    void pressed(Desk desk, DeskKeypad.Press press) {
        ratings.pressed(desk, press);
    }

    /** The site's description, or null before it has loaded. */
    JsonObject site() {
        return link == null ? null : link.site();
    }

    Instant now() {
        return clock.instant();
    }

    /** Today in the site's time zone (Vietnam's until the site's description has loaded). */
    LocalDate siteToday() {
        JsonObject site = site();
        String zone = site == null ? null : site.getString("timeZone");
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(zone == null ? "Asia/Ho_Chi_Minh" : zone));
    }

    // ---- following the server ----------------------------------------------------------------------------------

    @Override
    public void siteLoaded(JsonObject site) {
        desks.values().forEach(desk -> pages.publish(desk.number, "desk", deskView(desk)));
    }

    @Override
    public void snapshotArrived(QueueSnapshot fresh) {
        snapshot = fresh;
        for (CounterView view : fresh.counters()) {
            Desk desk = desks.get(view.number());
            if (desk != null) {
                desk.view = view;
            }
        }
        desks.values().forEach(this::deskChanged);
    }

    @Override
    public void eventArrived(QueueEvent event) {
        if (kioskPrinters.changedBy(event)) {
            desks.values().forEach(this::deskChanged);
            return;
        }
        actions.ticketSeen(event); // the link asks for a fresh snapshot after the burst
    }

    @Override
    public void connectionChanged(boolean up) {
        desks.values().forEach(this::deskChanged);
    }

    // ---- the desk's view ---------------------------------------------------------------------------------------

    /** Publishes the desk's view without the site description (large, rarely changing: sent when it does). */
    @Override
    public void deskChanged(Desk desk) {
        if (leds != null) {
            leds.update(desk);
        }
        JsonObject view = deskView(desk);
        view.remove("site");
        pages.publish(desk.number, "desk", view);
    }

    /** Everything the counter page shows. */
    JsonObject deskView(int counter) {
        Desk desk = desks.get(counter);
        return desk == null ? new JsonObject() : deskView(desk);
    }

    @Override
    public JsonObject deskView(Desk desk) {
        CounterView view = desk.view;
        JsonArray waiting = new JsonArray();
        List<String> served = view != null ? view.services() : List.of();
        if (snapshot != null) {
            snapshot.services().stream()
                    .filter(s -> served.isEmpty() || served.contains(s.code()))
                    .forEach(s -> waiting.add(s.toJson()));
        }
        Ticket ticket = desk.ticket();
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
                .put("keypadKeys", RatingWindow.hidKeys(desk))
                .put("connected", link != null && link.connected())
                .put("kioskPrinters", kioskPrinters.toJson())
                .put("site", site())
                .put("serverTime", clock.instant().toString());
    }

    /**
     * For logs: "counter 3" for a page session of this agent, else the counters it serves. Reads the sessions only on
     * the agent's context.
     */
    String logName(String token) {
        Integer counter = Vertx.currentContext() == context ? sessions.counterOrNull(token) : null;
        return counter != null ? "counter " + counter : "counter agent (counters " + desks.keySet() + ")";
    }

    Optional<Desk> desk(int counter) {
        return Optional.ofNullable(desks.get(counter));
    }

    /** The page failure rule of this agent. */
    PageFailures failures() {
        return failures;
    }

    @Override
    protected Future<Void> stopAgent() {
        if (link != null) {
            link.close();
        }
        if (ratings != null) {
            ratings.closeAll(desks.values());
        }
        if (leds != null) {
            leds.close();
        }
        core.close();
        return Future.succeededFuture();
    }
}
