package org.xephang.api;

import static org.xephang.api.ApiTransport.API;
import static org.xephang.api.ApiTransport.counterPath;
import static org.xephang.api.ApiTransport.segment;
import static org.xephang.api.ApiTransport.sitePath;
import static org.xephang.api.ApiTransport.ticketOf;
import static org.xephang.api.ApiTransport.ticketPath;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed client of the queue server's HTTP API v1 (docs/architecture.md §5), used by the kiosk, board and counter agents,
 * the launcher and the benchmarks.
 *
 * <p><b>Results.</b> Every call returns a {@link Future}. When the server refuses, the future fails with a
 * {@link QueueError} carrying the server's code and Vietnamese message; when the server cannot be reached (connection
 * refused, timeout) it fails with the underlying I/O exception, so callers can tell "refused" from "unreachable".
 *
 * <p><b>Sign-in.</b> {@link #login} keeps the token and the credentials; a request answered 401 is retried once after
 * signing in again, so long-running agents survive token expiry and a server that lost its key. {@link #useToken}
 * sets a token obtained elsewhere (no automatic renewal then).
 *
 * <p><b>Threading.</b> Thread-safe and non-blocking. Futures complete on the caller's Vert.x context when called from
 * one, otherwise on a Vert.x event loop; never block in their callbacks. One client per server; {@link #close} it
 * when done. {@link #events} opens a self-healing {@link EventStream}.
 *
 * <p><b>Layout.</b> This class is the one entry point and holds the calls, grouped by area (public reads, tickets,
 * counters, devices, events); the HTTP side (web clients over the list of servers, token renewal, paths, error
 * answers) is {@link ApiTransport}, moving over the servers with {@link FailoverSender}.
 *
 * <p><b>Size.</b> A little over 450 lines on purpose: the API has some thirty-three calls, each a documented method of
 * a few lines naming its path and the type of its answer over {@link ApiTransport}. Splitting them into one client
 * per area would give every agent several objects to hold for one server and one sign-in.
 */
public final class QueueClient implements AutoCloseable {

    private final ApiTransport http;

    private QueueClient(Vertx vertx, ServerList servers, Path caFile) {
        this.http = new ApiTransport(vertx, servers, caFile);
    }

    /**
     * A client of the server at {@code https://…} whose certificate is signed by a certificate authority of {@code
     * caFile} (PEM), for sites with their own CA or a self-signed server certificate. The host name is verified.
     */
    public static QueueClient create(Vertx vertx, String baseUrl, Path caFile) {
        ServerList servers = ServerList.parse(baseUrl);
        if (!Files.isReadable(Objects.requireNonNull(caFile, "caFile"))) {
            throw new IllegalArgumentException("CA file " + caFile + " cannot be read");
        }
        return new QueueClient(vertx, servers, caFile);
    }

    /**
     * A client of the server at {@code baseUrl}, e.g. {@code http://192.168.1.10:8080} (no path), or of the nodes of a
     * cluster listed with commas ({@code http://10.0.0.11:8080,http://10.0.0.12:8080}): the client uses one of them and
     * moves to the next when it fails to serve (connection refused or lost, timeout, HTTP 502/503/504), retrying each
     * request for up to 20 s (see {@link ServerRotation}; {@link #retryFor} changes it), with the same {@code
     * Idempotency-Key}. A request that may have had an effect (its answer lost, or 502/503/504) is repeated only when
     * that is safe: a read, a command with an idempotency key, a sign-in; any other one fails (as a lost connection or
     * UNAVAILABLE) for the caller to check (e.g. a counter reads its state back from the snapshot); only a request that
     * reached no server is always sent to the next one. With one URL each request is sent once, as before
     * (docs/adr/0028-agents-server-list-and-retries.md).
     *
     * @throws IllegalArgumentException when a URL is not http(s)://host[:port]
     */
    public static QueueClient create(Vertx vertx, String baseUrl) {
        String caFile = System.getProperty(CA_FILE_PROPERTY, System.getenv(CA_FILE_VARIABLE));
        ServerList servers = ServerList.parse(baseUrl);
        boolean tls = servers.urls().stream().anyMatch(u -> "https".equals(u.getScheme()));
        if (caFile != null && !caFile.isBlank() && tls) {
            return create(vertx, baseUrl, Path.of(caFile.strip()));
        }
        return new QueueClient(vertx, servers, null);
    }

    /**
     * How long after its first attempt a request may still be retried on the next server (default 20 s with several
     * servers, none with one); {@code Duration.ZERO} sends each request once.
     */
    public QueueClient retryFor(Duration budget) {
        http.retryFor(budget);
        return this;
    }

    /** The servers this client may use, in order of preference. */
    public ServerList servers() {
        return http.servers();
    }

    /** The server in use now (the one the next request goes to). */
    URI currentServer() {
        return http.base();
    }

    /** {@code server} failed (e.g. the event stream lost it): later requests go to the next server. */
    void serverFailed(URI server) {
        http.serverFailed(server);
    }

    /** Whether this client keeps credentials to sign in again ({@link #login} was used). */
    boolean canSignInAgain() {
        return http.canSignInAgain();
    }

    /** Signs in again with the kept credentials (a server did not know the token). */
    Future<Session> signInAgain() {
        return http.signInAgain();
    }

    /**
     * The environment variable naming a PEM file of certificate authorities that every client of the process trusts
     * for an {@code https://} server (a site's own CA).
     */
    public static final String CA_FILE_VARIABLE = "XEPHANG_CA_FILE";

    /** The system property with the same meaning, set by an agent's {@code --ca-file}; it wins over the variable. */
    public static final String CA_FILE_PROPERTY = "xephang.caFile";

    /** The base URL of the server in use now (the first of the list until one fails). */
    public String baseUrl() {
        return http.base().toString();
    }

    /** The HTTP side shared with the {@link EventStream}s of this client. */
    ApiTransport http() {
        return http;
    }

    /** A successful sign-in. */
    public record Session(String token, Role role, Instant expiresAt) {
        static Session fromJson(JsonObject json) {
            return new Session(
                    json.getString("token"),
                    Role.valueOf(json.getString("role")),
                    Instant.parse(json.getString("expiresAt")));
        }
    }

    /** Signs in and keeps the token (and the credentials, to sign in again when the token expires). */
    public Future<Session> login(String username, String password) {
        return http.login(username, password);
    }

    /** Uses a token obtained elsewhere; no automatic renewal. */
    public QueueClient useToken(String bearerToken) {
        http.useToken(bearerToken);
        return this;
    }

    /** The current token, or null before sign-in. */
    public String token() {
        return http.token();
    }

    // ---- public reads

    public Future<SiteInfo> siteInfo(String site) {
        return http.get(sitePath(site)).map(r -> SiteInfo.fromJson(r.bodyAsJsonObject()));
    }

    public Future<QueueSnapshot> snapshot(String site) {
        return http.get(sitePath(site) + "/queue").map(r -> QueueSnapshot.fromJson(r.bodyAsJsonObject()));
    }

    public Future<Ticket> ticket(String ticketId) {
        return http.get(ticketPath(ticketId)).map(ApiTransport::ticketOf);
    }

    /** The normalised dossier status ({@code GET /api/v1/dossiers/{code}}), as JSON. */
    public Future<JsonObject> dossier(String code) {
        return http.get(API + "/dossiers/" + segment(code)).map(HttpResponse::bodyAsJsonObject);
    }

    // ---- tickets

    /**
     * Today's ticket at {@code site} printed with {@code number} (signed in as OFFICER, SUPERVISOR or ADMIN), for
     * calling a specific ticket whose issue this client did not see. The server reads the number leniently ({@code a12}
     * finds {@code A012}). Fails with a {@link QueueError} UNKNOWN_TICKET when no ticket of today has that number,
     * INVALID_REQUEST when it is not a letter and digits.
     */
    public Future<Ticket> ticketByNumber(String site, String number) {
        return http.get(sitePath(site) + "/tickets?number=" + segment(number)).map(ApiTransport::ticketOf);
    }

    /**
     * The site's statistics over the local days {@code from}…{@code to}, both inclusive (SUPERVISOR, ADMIN). Fails with
     * a {@link QueueError} INVALID_REQUEST when {@code from} is after {@code to} or the range is longer than a year.
     */
    public Future<SiteStatistics> statistics(String site, LocalDate from, LocalDate to) {
        return http.get(sitePath(site) + "/stats?from=" + from + "&to=" + to)
                .map(response -> SiteStatistics.fromJson(response.bodyAsJsonObject()));
    }

    /**
     * The site's waiting tickets (signed in as OFFICER, SUPERVISOR or ADMIN), or only {@code service}'s when not null:
     * numbers, priority, time of issue and position, no personal data. Fails with a {@link QueueError} UNKNOWN_SERVICE
     * for a service the site does not have.
     */
    public Future<List<WaitingTicket>> waiting(String site, String service) {
        return http.get(sitePath(site) + "/waiting" + (service == null ? "" : "?service=" + segment(service)))
                .map(response -> response.bodyAsJsonObject().getJsonArray("tickets").stream()
                        .map(item -> WaitingTicket.fromJson((JsonObject) item))
                        .toList());
    }

    /**
     * The bookings of the site's local {@code day} (signed in as OFFICER, SUPERVISOR or ADMIN): code, field, slot and
     * whether the citizen has checked in. Fails with a {@link QueueError} UNAVAILABLE when the server takes no bookings.
     */
    public Future<List<DayBooking>> appointments(String site, LocalDate day) {
        return http.get(sitePath(site) + "/appointments?date=" + day)
                .map(response -> response.bodyAsJsonObject().getJsonArray("appointments").stream()
                        .map(item -> DayBooking.fromJson((JsonObject) item))
                        .toList());
    }

    /** Whether the site issues tickets now, and which services reached their daily cap (public). */
    public Future<IssuingState> issuing(String site) {
        return http.get(sitePath(site) + "/issuing")
                .map(response -> IssuingState.fromJson(response.bodyAsJsonObject()));
    }

    /** An issued ticket; {@code replayed} when the idempotency key had already issued it (HTTP 200, not 201). */
    public record Issued(Ticket ticket, boolean replayed) {}

    /**
     * Issues a ticket for {@code service}. The same non-null {@code idempotencyKey} again (for example a retry after a
     * timeout) returns the same ticket instead of a second one.
     *
     * @param priority a priority category code, or null
     * @param channel {@code "kiosk"}, {@code "counter"}, {@code "web"}…, or null for the server's default
     */
    public Future<Ticket> issue(String site, String service, String priority, String channel, String idempotencyKey) {
        return issueDetailed(site, service, priority, channel, idempotencyKey).map(Issued::ticket);
    }

    /** Like {@link #issue} and tells whether the ticket was a replay of an earlier request with the same key. */
    public Future<Issued> issueDetailed(
            String site, String service, String priority, String channel, String idempotencyKey) {
        JsonObject body = new JsonObject().put("service", service);
        if (priority != null) {
            body.put("priority", priority);
        }
        if (channel != null) {
            body.put("channel", channel);
        }
        return http.send(HttpMethod.POST, sitePath(site) + "/tickets", body, idempotencyKey, true)
                .map(r -> new Issued(ticketOf(r), r.statusCode() == 200));
    }

    /**
     * Checks a booking in at a kiosk of {@code site} ({@code POST /sites/{site}/check-in}, KIOSK): its ticket, {@code
     * replayed} when an earlier check-in had already made it. Fails with a {@link QueueError} for a code of another site
     * or day, too early, or unknown (the message is fit for the screen).
     */
    public Future<Issued> checkIn(String site, String code) {
        return http.post(sitePath(site) + "/check-in", new JsonObject().put("code", code))
                .map(r -> new Issued(ticketOf(r), r.statusCode() == 200));
    }

    /**
     * The kiosk's number blocks of a field for today ({@code POST /sites/{site}/number-blocks}, KIOSK;
     * docs/adr/0029-offline-issuing.md): {@code {service, blockSize, refillBelow, blocks:[{id, service, day, first, last,
     * used, prefix, width}]}}, a new block leased first when few numbers are left. Fails with CONFLICT when the site has
     * offline issuing off.
     */
    public Future<JsonObject> numberBlocks(String site, String service) {
        return http.post(sitePath(site) + "/number-blocks", new JsonObject().put("service", service))
                .map(HttpResponse::bodyAsJsonObject);
    }

    /**
     * Uploads tickets a kiosk issued offline ({@code POST /sites/{site}/offline-tickets}, KIOSK): each {@code {id,
     * service, sequence, priority, tappedAt}}; answers one result per ticket {@code {id, status: created|replayed|
     * refused, ticket | error, message}}. Idempotent per ticket id.
     */
    public Future<JsonArray> uploadOfflineTickets(String site, JsonArray tickets) {
        return http.post(sitePath(site) + "/offline-tickets", new JsonObject().put("tickets", tickets))
                .map(response -> response.bodyAsJsonObject().getJsonArray("results"));
    }

    /** Empty when nothing waits for this counter (HTTP 204). */
    public Future<Optional<Ticket>> callNext(String site, int counter) {
        return http.post(counterPath(site, counter) + "/call-next", null)
                .map(r -> r.statusCode() == 204 ? Optional.empty() : Optional.of(ticketOf(r)));
    }

    public Future<Ticket> call(String ticketId) {
        return ticketCommand(ticketId, "call", null);
    }

    public Future<Ticket> recall(String ticketId) {
        return ticketCommand(ticketId, "recall", null);
    }

    public Future<Ticket> start(String ticketId) {
        return ticketCommand(ticketId, "start", null);
    }

    public Future<Ticket> complete(String ticketId) {
        return ticketCommand(ticketId, "complete", null);
    }

    public Future<Ticket> noShow(String ticketId) {
        return ticketCommand(ticketId, "no-show", null);
    }

    public Future<Ticket> cancel(String ticketId) {
        return ticketCommand(ticketId, "cancel", null);
    }

    /** Moves the ticket to another service (keeps its number); front or back of that queue. */
    public Future<Ticket> transferToService(String ticketId, String service, boolean toFront) {
        return ticketCommand(
                ticketId,
                "transfer",
                new JsonObject().put("service", service).put("position", toFront ? "front" : "back"));
    }

    /** Moves the ticket to a specific counter (keeps its number); front or back of that counter's queue. */
    public Future<Ticket> transferToCounter(String ticketId, int counter, boolean toFront) {
        return ticketCommand(
                ticketId,
                "transfer",
                new JsonObject().put("counter", counter).put("position", toFront ? "front" : "back"));
    }

    public Future<Ticket> linkDossier(String ticketId, String dossierCode) {
        return http.send(
                        HttpMethod.PUT,
                        ticketPath(ticketId) + "/dossier",
                        new JsonObject().put("code", dossierCode),
                        null,
                        true)
                .map(ApiTransport::ticketOf);
    }

    /**
     * Records the citizen's rating.
     *
     * @param level 1 = best, up to {@code scale}
     * @param scale the keypad's number of buttons: 3, 4 or 5
     * @param device the keypad's id, or null when an officer entered it
     */
    public Future<Ticket> rate(String ticketId, int level, int scale, String device) {
        JsonObject body = new JsonObject().put("level", level).put("scale", scale);
        if (device != null) {
            body.put("device", device);
        }
        return ticketCommand(ticketId, "rating", body);
    }

    // ---- counters

    public Future<QueueSnapshot.CounterView> signIn(String site, int counter) {
        return counterCommand(site, counter, "sign-in", null);
    }

    public Future<QueueSnapshot.CounterView> signOut(String site, int counter) {
        return counterCommand(site, counter, "sign-out", null);
    }

    public Future<QueueSnapshot.CounterView> pause(String site, int counter, String reason) {
        return counterCommand(site, counter, "pause", new JsonObject().put("reason", reason));
    }

    public Future<QueueSnapshot.CounterView> resume(String site, int counter) {
        return counterCommand(site, counter, "resume", null);
    }

    // ---- devices

    /**
     * Reports a device's status (becomes a {@code device.status} event).
     *
     * @param device e.g. {@code "kiosk1/printer"}
     * @param kind {@code printer}, {@code scanner}, {@code led}, {@code keypad}
     * @param state ONLINE, PAPER_NEAR_END, PAPER_OUT, COVER_OPEN, OFFLINE or ERROR
     * @param detail a short Vietnamese description, or null
     * @param since when the device entered the state, or null for now
     */
    public Future<Void> reportDeviceStatus(
            String site, String device, String kind, String state, String detail, Instant since) {
        JsonObject body = new JsonObject()
                .put("device", device)
                .put("kind", kind)
                .put("state", state)
                .put("detail", detail)
                .put("since", since == null ? null : since.toString());
        return http.post(sitePath(site) + "/devices/status", body).mapEmpty();
    }

    /**
     * An agent's heartbeat (send it every 20 s): the agent and the devices it drives are alive as they last reported.
     * A device not heard of for 60 s becomes OFFLINE on the server.
     *
     * @param agent the agent's id, e.g. {@code kiosk1}
     * @param kind {@code kiosk}, {@code board} or {@code counter}
     * @param devices the ids of the devices it drives and reports, e.g. {@code kiosk1/printer}
     */
    public Future<Void> heartbeat(String site, String agent, String kind, List<String> devices) {
        JsonObject body = new JsonObject()
                .put("agent", agent)
                .put("kind", kind)
                .put("devices", new JsonArray(List.copyOf(devices)));
        return http.post(sitePath(site) + "/devices/heartbeat", body).mapEmpty();
    }

    /** The site's devices with their health (SUPERVISOR, ADMIN), ordered by id. */
    public Future<List<DeviceHealth>> devices(String site) {
        return http.get(sitePath(site) + "/devices")
                .map(response -> response.bodyAsJsonObject().getJsonArray("devices").stream()
                        .map(item -> DeviceHealth.fromJson((JsonObject) item))
                        .toList());
    }

    /** A stream of the site's events; call {@link EventStream#start()} after setting its callbacks. */
    public EventStream events(String site) {
        return new EventStream(this, site);
    }

    String eventsPath(String site) {
        return sitePath(site) + "/events";
    }

    // ---- plumbing

    private Future<Ticket> ticketCommand(String ticketId, String action, JsonObject body) {
        return http.post(ticketPath(ticketId) + "/" + action, body).map(ApiTransport::ticketOf);
    }

    private Future<QueueSnapshot.CounterView> counterCommand(String site, int counter, String action, JsonObject body) {
        return http.post(counterPath(site, counter) + "/" + action, body)
                .map(r -> QueueSnapshot.CounterView.fromJson(r.bodyAsJsonObject()));
    }

    /**
     * Whether a failure of this client, or one of its causes, says the queue server could not be reached (connection
     * refused or reset, connection closed, timeout) rather than that it refused the request or that the caller has a
     * bug. Agents show the first as "lost connection" and retry; never the others.
     */
    public static boolean isLostConnection(Throwable failure) {
        return ApiTransport.isLostConnection(failure);
    }

    @Override
    public void close() {
        http.close();
    }
}
