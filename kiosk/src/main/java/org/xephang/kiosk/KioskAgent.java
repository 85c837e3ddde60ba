package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.AgentVerticle;
import org.xephang.agent.DeviceReporter;
import org.xephang.agent.PageFailures;
import org.xephang.agent.PrintedTicket;
import org.xephang.agent.ServerLink;
import org.xephang.api.QueueError;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceStatus;

/**
 * The kiosk's logic: issues tickets through the core (one idempotency key per citizen request, kept across retries:
 * {@link IssueRetries}), or from its leased numbers while the server is away ({@link KioskOffline}), prints them on the
 * local printer ({@link KioskPrinting}), lets them be reprinted ({@link RecentTickets}), and keeps the core told about
 * the printer (agent-kit's {@code DeviceReporter}).
 *
 * <p>Threading: a verticle ({@link AgentVerticle}); every method is called on its context, and all state lives on it.
 * The site is followed through a {@link ServerLink}; printing runs on a one-thread worker executor so jobs never
 * overlap and never block the event loop.
 */
final class KioskAgent extends AgentVerticle implements ServerLink.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(KioskAgent.class);
    /** How often the home screen's "open / closed / no more numbers" is checked with the core. */
    private static final Duration ISSUING_CHECK = Duration.ofSeconds(30);

    /** What the kiosk page is told of a bug in its agent. */
    static final String INTERNAL_FAILURE =
            "Lỗi hệ thống ở ki-ốt. Vui lòng thử lại; nếu vẫn lỗi, xin báo cán bộ hỗ trợ.";

    static final String INTERNAL_FAILURE_EN =
            "A system error at the kiosk. Please try again; if it persists, please ask a staff member for help.";

    private final CoreGateway core;
    private final ReceiptPrinter printer;
    private final PageChannel pages;
    private final KioskOptions options;
    private final Clock clock;
    private KioskPrinting printing;
    private IssueRetries retries;
    private KioskOffline offline;
    /** Where the server's ticket pages are ({@code …/t/{id}}), learnt from its tickets; the server URL before that. */
    private String statusBase;

    private final Map<String, Future<JsonObject>> requestsInFlight = new HashMap<>();
    private final RecentTickets recentTickets;
    private final ScannerHealth scannerHealth;
    private final IssuingNotice notice = new IssuingNotice();
    private final Map<String, Integer> waiting = new HashMap<>();

    private ServerLink link;
    /** Completes the first time the server link is up: from then on a tap is issued by the server. */
    private final Promise<Void> linkUp = Promise.promise();

    private DeviceReporter reports;
    private long issuingTimer = -1;
    private boolean closed;

    KioskAgent(CoreGateway core, ReceiptPrinter printer, PageChannel pages, KioskOptions options) {
        this.core = core;
        this.printer = printer;
        this.pages = pages;
        this.options = options;
        this.clock = options.clock();
        this.statusBase = options.serverUrl();
        this.recentTickets = new RecentTickets(core);
        this.scannerHealth = new ScannerHealth(options.kioskId() + "/scanner", clock);
    }

    /** Follows the site (its description and queue) and starts reporting the printer's status. */
    @Override
    protected Future<Void> startAgent() {
        offline = new KioskOffline(
                vertx,
                core,
                options.offlineJournal() == null ? null : new OfflineJournal(options.offlineJournal()),
                options.kioskId(),
                options.site(),
                clock);
        return offline.open().compose(opened -> startFollowing());
    }

    private Future<Void> startFollowing() {
        printing = new KioskPrinting(vertx, this, printer, pages, options.kioskId());
        retries = new IssueRetries(vertx, core, options);
        printer.addStatusListener((previous, current) -> onContext(v -> printerChanged(current)));
        link = new ServerLink(
                context, core, this, ServerLink.Settings.of("kiosk " + options.kioskId(), Duration.ofMillis(200)));
        link.start();
        reports = DeviceReporter.start(
                context,
                core,
                options.kioskId(),
                "kiosk",
                List.of(new DeviceReporter.Reported(
                        printer.deviceId(),
                        "printer",
                        printer::status,
                        printer::addStatusListener,
                        printer::removeStatusListener)),
                this::connected);
        issuingTimer = vertx.setPeriodic(ISSUING_CHECK.toMillis(), t -> checkIssuing());
        return Future.succeededFuture();
    }

    /**
     * Completes once the agent's link to the server has come up for the first time, so that a tap is issued by the
     * server. Before that a kiosk with an offline journal takes a tap as issued while the server is away (from its
     * leased numbers, which it only gets from the server): a kiosk just started has none and refuses the tap. The demo
     * says it is ready only after this. Any thread.
     */
    Future<Void> ready() {
        return linkUp.future();
    }

    // ---- issuing and printing -------------------------------------------------------------------------------

    /**
     * Issues a ticket for the citizen's request and starts printing it. The answer ({@code ticket}, {@code print})
     * comes as soon as the ticket exists; the print result follows as a {@code print} page event. The same
     * {@code requestId} again (a double tap, a page retry) gives the same ticket.
     */
    Future<JsonObject> issue(String service, String priority, String requestId) {
        String key =
                options.kioskId() + ":" + (requestId == null || requestId.isBlank() ? UUID.randomUUID() : requestId);
        Future<JsonObject> inFlight = requestsInFlight.get(key);
        if (inFlight != null) {
            return inFlight;
        }
        Future<Ticket> issued = offline.enabled() && !connected()
                ? issueOffline(service, priority)
                : retries.issue(service, priority, key).recover(failure -> {
                    if (!offline.enabled() || !PageFailures.isLostConnection(failure)) {
                        return Future.failedFuture(failure);
                    }
                    LOG.warn("kiosk {}: the server did not answer; issuing offline", options.kioskId());
                    return issueOffline(service, priority);
                });
        Future<JsonObject> answer = issued.map(ticket -> {
            boolean isOffline = KioskOffline.CHANNEL.equals(ticket.channel());
            if (!isOffline) {
                notice.issued();
                learnStatusBase(ticket);
            }
            PrintOutcome outcome = printOnce(ticket);
            if (isOffline) {
                publishState();
            }
            return new JsonObject()
                    .put("ticket", ticket.toJson())
                    .put("print", outcome.toJson())
                    .put("offline", isOffline);
        });
        answer.onFailure(failure -> noteRefusal(service, failure));
        requestsInFlight.put(key, answer);
        // Keep answered requests a while, so a late retry of the same tap finds its ticket; forget failed ones at
        // once, so a retry tries again (with the same key, so still at most one ticket).
        answer.onComplete(done -> {
            if (done.succeeded()) {
                vertx.setTimer(options.requestMemory().toMillis(), t -> requestsInFlight.remove(key));
            } else {
                requestsInFlight.remove(key);
            }
        });
        return answer;
    }

    /**
     * Checks a booking in (typed on the keypad or scanned) and prints its ticket, once: a repeated check-in answers the
     * same ticket and prints it only if it was not printed here. The answer carries {@code ticket}, {@code print} and
     * {@code replayed}.
     */
    Future<JsonObject> checkIn(String code) {
        return core.checkIn(code).map(issued -> {
            Ticket ticket = issued.ticket();
            PrintOutcome outcome = printOnce(ticket);
            return new JsonObject()
                    .put("ticket", ticket.toJson())
                    .put("print", outcome.toJson())
                    .put("replayed", issued.replayed());
        });
    }

    /**
     * A ticket from the kiosk's leased numbers (docs/adr/0029-offline-issuing.md): on the kiosk's disk before it is
     * printed, uploaded when the server answers again. The place printed is the last count the kiosk saw.
     */
    private Future<Ticket> issueOffline(String service, String priority) {
        return offline.issue(service, priority, site(), waiting.get(service), zone(), statusBase);
    }

    private void learnStatusBase(Ticket ticket) {
        String url = ticket.statusUrl();
        int at = url == null ? -1 : url.lastIndexOf("/t/");
        if (at > 0) {
            statusBase = url.substring(0, at);
        }
    }

    /** Uploads the offline tickets and refills the number blocks, when the server answers. */
    private void reconcile() {
        if (closed || !offline.enabled() || !connected()) {
            return;
        }
        int before = offline.pendingUploads();
        offline.serverAnswers(KioskOffline.serviceCodes(site()), today()).onComplete(done -> {
            if (before != offline.pendingUploads() || done.failed()) {
                publishState();
            }
        });
    }

    private void noteRefusal(String service, Throwable failure) {
        if (!(failure instanceof QueueError error)) {
            LOG.warn("kiosk {}: could not issue a ticket: {}", options.kioskId(), failure.toString());
            return;
        }
        if (notice.refused(service, error, clock.instant(), today())) {
            publishState();
        }
    }

    /** Prints a ticket again (after a printer fault, or from the settings screen); completes with the outcome. */
    Future<PrintOutcome> reprint(String ticketId) {
        PrintOutcome current = printing.outcome(ticketId);
        if (current != null && !current.finished()) {
            return Future.succeededFuture(current);
        }
        return freshTicket(ticketId).compose(fresh -> {
            recentTickets.remember(fresh);
            PrintOutcome started = printing.start(fresh, siteForPaper());
            return started.finished() ? Future.succeededFuture(started) : printing.done(fresh.id());
        });
    }

    /** The latest print outcome of a ticket issued or reprinted here, or null. */
    PrintOutcome printOutcome(String ticketId) {
        return printing.outcome(ticketId);
    }

    /** Remembers a ticket and prints it unless it was printed (or is printing) here already. */
    private PrintOutcome printOnce(Ticket ticket) {
        recentTickets.remember(ticket);
        PrintOutcome outcome = printing.outcome(ticket.id());
        return outcome != null ? outcome : printing.start(ticket, siteForPaper());
    }

    private JsonObject siteForPaper() {
        return site() == null ? new JsonObject() : site();
    }

    /** A ticket issued or reprinted here recently (for its QR), or null. */
    Ticket recentTicket(String ticketId) {
        return recentTickets.get(ticketId);
    }

    Future<Ticket> ticket(String ticketId) {
        return recentTickets.ticket(ticketId);
    }

    /** The ticket as the server knows it now (for a scanned ticket), falling back to the copy issued here. */
    Future<Ticket> freshTicket(String ticketId) {
        return recentTickets.fresh(ticketId);
    }

    // ---- dossiers and scans ---------------------------------------------------------------------------------

    /** The status of a dossier for the status screen ({@link DossierStatusLookup}). */
    Future<JsonObject> dossier(String code) {
        return DossierStatusLookup.status(core, code, options.kioskId());
    }

    /** What the last scan says of the scanner: a hint for the technician, or null when it read well. */
    void scannerRead(String hint) {
        if (reports != null) {
            scannerHealth.read(hint, reports);
        }
    }

    /** A scanner read something: the pages open the dossier screen (or say it could not be read). */
    void scanned(JsonObject scan) {
        pages.publish("scan", scan);
    }

    // ---- state for the pages --------------------------------------------------------------------------------

    /** Everything the page needs to draw its home screen. */
    JsonObject state() {
        Instant now = clock.instant();
        JsonObject waitingJson = new JsonObject();
        waiting.forEach(waitingJson::put);
        return new JsonObject()
                .put("kioskId", options.kioskId())
                .put("site", site())
                .put("connected", connected())
                .put("waiting", waitingJson)
                .put("closed", notice.closed(now))
                .put("capReached", notice.capReached(today()))
                .put(
                        "offline",
                        new JsonObject()
                                .put("enabled", offline != null && offline.enabled())
                                .put("ready", offline != null && offline.ready(today()))
                                .put("remaining", offline == null ? new JsonObject() : offline.remaining(today()))
                                .put("pendingUploads", offline == null ? 0 : offline.pendingUploads()))
                .put("printer", PrinterTrouble.forPage(printer.status()))
                .put("homeTimeoutSeconds", options.homeTimeout().toSeconds())
                .put("serverTime", now.toString());
    }

    /** Whether {@code pin} opens the settings screen. */
    boolean settingsPinMatches(String pin) {
        return pin != null
                && MessageDigest.isEqual(
                        pin.getBytes(StandardCharsets.UTF_8),
                        options.settingsPin().getBytes(StandardCharsets.UTF_8));
    }

    /** Tickets issued or reprinted here recently, newest first, with their print outcome (settings screen). */
    JsonArray recent() {
        return recentTickets.list(printing::outcome);
    }

    /** The state without the site description (large, and it rarely changes: sent when it does). */
    private void publishState() {
        JsonObject state = state();
        state.remove("site");
        pages.publish("state", state);
    }

    // ---- following the core and the printer -----------------------------------------------------------------

    /** The site's description, or null before it has loaded. */
    private JsonObject site() {
        JsonObject loaded = link == null ? null : link.site();
        return loaded != null || offline == null ? loaded : offline.lastSite();
    }

    private boolean connected() {
        return link != null && link.connected();
    }

    @Override
    public void siteLoaded(JsonObject site) {
        offline.siteLoaded(site);
        pages.publish("state", state());
        reconcile();
    }

    /**
     * Asks the core whether tickets are issued now, so that the home screen says "closed" or "no more numbers today"
     * before anyone taps (the refusal of a tap says the same, but only to the one who tapped).
     */
    private void checkIssuing() {
        if (closed || !connected()) {
            return;
        }
        reconcile();
        core.issuing().onComplete(answer -> {
            if (answer.failed()) {
                notice.notRead(options.kioskId(), answer.cause());
            } else if (notice.read(answer.result(), clock.instant(), today(), ISSUING_CHECK)) {
                publishState();
            }
        });
    }

    @Override
    public void snapshotArrived(QueueSnapshot snapshot) {
        waiting.clear();
        snapshot.services().forEach(s -> waiting.put(s.code(), s.waiting()));
        publishState();
    }

    @Override
    public void connectionChanged(boolean up) {
        if (up) { // the link loads the site again: the server may have restarted with a changed configuration
            linkUp.tryComplete();
            reports.linkReturned();
            checkIssuing();
            offline.linkUp();
            reconcile();
        }
        publishState();
    }

    private void printerChanged(DeviceStatus current) {
        LOG.info("kiosk {}: printer {}", options.kioskId(), current);
        publishState();
    }

    private ZoneId zone() {
        JsonObject site = site();
        if (site != null && site.getString("timeZone") != null) {
            try {
                return ZoneId.of(site.getString("timeZone"));
            } catch (RuntimeException badZone) {
                LOG.warn("kiosk {}: unknown site time zone {}", options.kioskId(), site.getString("timeZone"));
            }
        }
        return PrintedTicket.DEFAULT_ZONE;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone()));
    }

    /** The kiosk's id for logs, e.g. {@code kiosk1}. */
    String kioskId() {
        return options.kioskId();
    }

    @Override
    protected Future<Void> stopAgent() {
        closed = true;
        if (link != null) {
            link.close();
        }
        if (issuingTimer >= 0) {
            vertx.cancelTimer(issuingTimer);
        }
        if (reports != null) {
            reports.close();
        }
        if (printing != null) {
            printing.close();
        }
        if (offline != null) {
            offline.close();
        }
        core.close();
        printer.close();
        return Future.succeededFuture();
    }
}
