package org.xephang.core.backend.sim;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.forward.ForwarderConfig;
import org.xephang.core.backend.forward.WebhookSignature;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.core.backend.sim.SimulatedFailure.Scope;

/**
 * A simulated provincial dossier system on HTTP, for the demo, installers and tests. It holds {@link SampleDossier
 * sample dossiers} in every status (including overdue and rescheduled ones), answers lookups in the three styles the
 * server speaks, receives forwarded events (checking their signature and idempotency key, recording each one), and can
 * be scripted to fail.
 *
 * <p>Paths: generic lookup {@code GET /generic/dossiers/{code}}; iGate {@code POST
 * /igate/auth/realms/digo/protocol/openid-connect/token} then {@code GET /igate/pa/dossier/search?code=}; DVCQG
 * {@code POST /dvcqg/login} then {@code POST /dvcqg/service}; forwarded events {@code POST /webhook} (generic) and
 * {@code POST /o/rest/v2/bookings} (OpenCPS); the sample codes {@code GET /samples}; control {@code POST
 * /control/failures {scope, kind, times, retryAfterSeconds?, delayMillis?}}, {@code DELETE /control/failures}, {@code
 * GET /control/received}.
 *
 * <p>Threading: the HTTP side runs on one event loop; the Java accessors are thread-safe.
 */
public final class DossierSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DossierSimulator.class);
    private static final DateTimeFormatter IGATE_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(SampleDossiers.VIETNAM);
    private static final DateTimeFormatter DVCQG_DATE =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(SampleDossiers.VIETNAM);
    private static final DateTimeFormatter ISO_OFFSET =
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(SampleDossiers.VIETNAM);

    /** This simulated iGate deployment's own status ids and names (ids differ between real deployments). */
    private static final Map<Integer, Map.Entry<Integer, String>> IGATE_STATUS = Map.of(
            1, Map.entry(0, "Chờ tiếp nhận"),
            2, Map.entry(1, "Đã tiếp nhận"),
            3, Map.entry(11, "Từ chối tiếp nhận"),
            4, Map.entry(2, "Đang xử lý"),
            5, Map.entry(3, "Chờ bổ sung hồ sơ"),
            6, Map.entry(4, "Chờ thực hiện nghĩa vụ tài chính"),
            7, Map.entry(12, "Công dân rút hồ sơ"),
            8, Map.entry(13, "Dừng xử lý"),
            9, Map.entry(5, "Có kết quả"),
            10, Map.entry(6, "Đã trả kết quả"));

    /** How many received deliveries (and idempotency keys) {@link Options#defaults()} keeps. */
    public static final int DEFAULT_KEEP_RECEIVED = 10_000;

    /**
     * What the simulator accepts.
     *
     * @param tokenLifetime the iGate access token's {@code expires_in}
     * @param keepReceived how many of the newest forwarded requests {@link #received()} keeps, and how many of the
     *     newest idempotency keys it remembers to mark repeats as duplicates; older ones are forgotten so a long demo
     *     runs in bounded memory
     */
    public record Options(
            String host,
            int port,
            String webhookSecret,
            String igateClientId,
            String igateClientSecret,
            Duration tokenLifetime,
            String dvcqgUsername,
            String dvcqgPassword,
            String dvcqgDstcode,
            Clock clock,
            int keepReceived) {

        public Options {
            if (keepReceived < 1) {
                throw new IllegalArgumentException("keepReceived must be at least 1, got " + keepReceived);
            }
        }

        /**
         * Port 0 on 127.0.0.1 with the demo credentials ({@code docs/webhook.md}), keeping the newest {@value
         * #DEFAULT_KEEP_RECEIVED} deliveries.
         */
        public static Options defaults() {
            return new Options(
                    "127.0.0.1",
                    0,
                    "demo-webhook-secret",
                    "xephang-demo",
                    "demo-client-secret",
                    Duration.ofMinutes(5),
                    "xephang",
                    "demo",
                    "H56.27",
                    Clock.systemUTC(),
                    DEFAULT_KEEP_RECEIVED);
        }

        public Options withPort(int newPort) {
            return new Options(
                    host,
                    newPort,
                    webhookSecret,
                    igateClientId,
                    igateClientSecret,
                    tokenLifetime,
                    dvcqgUsername,
                    dvcqgPassword,
                    dvcqgDstcode,
                    clock,
                    keepReceived);
        }

        public Options withTokenLifetime(Duration lifetime) {
            return new Options(
                    host,
                    port,
                    webhookSecret,
                    igateClientId,
                    igateClientSecret,
                    lifetime,
                    dvcqgUsername,
                    dvcqgPassword,
                    dvcqgDstcode,
                    clock,
                    keepReceived);
        }

        public Options withKeepReceived(int newest) {
            return new Options(
                    host,
                    port,
                    webhookSecret,
                    igateClientId,
                    igateClientSecret,
                    tokenLifetime,
                    dvcqgUsername,
                    dvcqgPassword,
                    dvcqgDstcode,
                    clock,
                    newest);
        }
    }

    /** The routing-context key of {@link SimulatedFailure.Kind#SLOW_AFTER_RECORDING}'s delay for the answer. */
    private static final String ANSWER_DELAY = "sim.answerDelay";

    private record ScriptedStep(SimulatedFailure failure, AtomicInteger remaining) {}

    private final Vertx vertx;
    private final Options options;
    private final WebhookSignature signature;
    private final List<SampleDossier> samples;
    private final Map<String, SampleDossier> byCode = new LinkedHashMap<>();
    private final Map<Scope, Deque<ScriptedStep>> script = new EnumMap<>(Scope.class);
    /** The newest {@code keepReceived} deliveries, oldest first; guarded by itself, as is {@link #seenKeys}. */
    private final Deque<ReceivedDelivery> received = new ArrayDeque<>();
    /** The newest {@code keepReceived} idempotency keys, in the order first seen. */
    private final Set<String> seenKeys = new LinkedHashSet<>();

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger loginRequests = new AtomicInteger();
    private final AtomicInteger lookupRequests = new AtomicInteger();
    private HttpServer server;

    private DossierSimulator(Vertx vertx, Options options) {
        this.vertx = vertx;
        this.options = options;
        this.signature = new WebhookSignature(options.webhookSecret());
        this.samples = SampleDossiers.create(options.clock());
        samples.forEach(sample -> byCode.put(sample.code(), sample));
        for (Scope scope : Scope.values()) {
            script.put(scope, new ArrayDeque<>());
        }
    }

    /** Starts the simulator; the future fails when the port cannot be bound. */
    public static Future<DossierSimulator> start(Vertx vertx, Options options) {
        DossierSimulator simulator = new DossierSimulator(vertx, options);
        return vertx.createHttpServer(new HttpServerOptions().setHost(options.host()))
                .requestHandler(simulator.router())
                .listen(options.port())
                .map(listening -> {
                    simulator.server = listening;
                    LOG.info("simulated dossier system listening on {}", simulator.baseUrl());
                    return simulator;
                });
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        return "http://" + options.host() + ":" + port();
    }

    /** Where the generic webhook profile should post. */
    public String webhookUrl() {
        return baseUrl() + "/webhook";
    }

    /** The base URL for the OpenCPS bookings profile ({@code /o/rest/v2/bookings} is appended by it). */
    public String openCpsBaseUrl() {
        return baseUrl();
    }

    public Options options() {
        return options;
    }

    /** The sample dossiers (for the demo page's QR codes and for tests). */
    public List<SampleDossier> samples() {
        return List.copyOf(samples);
    }

    /** A lookup configuration that points the server at this simulator in {@code style} (generic, igate, dvcqg). */
    public LookupConfig lookupConfig(String style, Duration timeout) {
        return switch (style) {
            case "generic" ->
                new LookupConfig(
                        "generic",
                        timeout,
                        null,
                        0,
                        new LookupConfig.Generic(baseUrl() + "/generic/dossiers/{code}", null),
                        null,
                        null);
            case "igate" ->
                new LookupConfig(
                        "igate",
                        timeout,
                        null,
                        0,
                        null,
                        new LookupConfig.Igate(
                                baseUrl() + "/igate/auth/realms/digo/protocol/openid-connect/token",
                                options.igateClientId(),
                                options.igateClientSecret(),
                                baseUrl() + "/igate/pa/dossier/search",
                                Map.of()),
                        null);
            case "dvcqg" ->
                new LookupConfig(
                        "dvcqg",
                        timeout,
                        null,
                        0,
                        null,
                        null,
                        new LookupConfig.Dvcqg(
                                baseUrl() + "/dvcqg/login",
                                baseUrl() + "/dvcqg/service",
                                options.dvcqgDstcode(),
                                options.dvcqgUsername(),
                                options.dvcqgPassword(),
                                options.dvcqgDstcode()));
            default -> throw new IllegalArgumentException("style must be generic, igate or dvcqg: " + style);
        };
    }

    /**
     * The whole dossier link of the demo: lookups at this simulator in {@code style} (generic, igate, dvcqg) with a 4 s
     * timeout, and every event forwarded to its {@code /webhook}, signed with its secret.
     */
    public DossierConfig demoConfig(String style) {
        return new DossierConfig(
                lookupConfig(style, Duration.ofSeconds(4)),
                ForwarderConfig.webhook(webhookUrl(), options.webhookSecret()));
    }

    /** The next {@code times} requests of {@code scope} fail this way (after any failures already scripted). */
    public void script(Scope scope, SimulatedFailure failure, int times) {
        synchronized (script) {
            script.get(scope).add(new ScriptedStep(failure, new AtomicInteger(times)));
        }
    }

    /** Back to normal at once. */
    public void clearFailures() {
        synchronized (script) {
            script.values().forEach(Deque::clear);
        }
    }

    /** How many scripted failures are still to come for {@code scope}. */
    public int pendingFailures(Scope scope) {
        synchronized (script) {
            return script.get(scope).stream()
                    .mapToInt(step -> step.remaining().get())
                    .sum();
        }
    }

    /**
     * The forwarded requests received, in arrival order: all of them, or the newest {@link Options#keepReceived()}
     * in a long run. Requests failed by a script before they were taken in are not included; those of {@link
     * SimulatedFailure.Kind#SLOW_AFTER_RECORDING} are.
     */
    public List<ReceivedDelivery> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * The validly signed, first-time deliveries among {@link #received()}, in arrival order: what a real system would
     * have stored. A key repeated after more than {@link Options#keepReceived()} newer keys is no longer recognised as
     * a duplicate.
     */
    public List<ReceivedDelivery> accepted() {
        return received().stream()
                .filter(d -> d.signatureValid() && !d.duplicate())
                .toList();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    public int loginRequests() {
        return loginRequests.get();
    }

    public int lookupRequests() {
        return lookupRequests.get();
    }

    /** Forgets every DVCQG session, as a gateway restart would. */
    public void expireSessions() {
        sessions.clear();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close()
                    .onFailure(failure ->
                            LOG.warn("simulated dossier system did not close cleanly: {}", failure.toString()));
        }
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(1_048_576));
        router.route("/generic/*").handler(ctx -> gate(Scope.LOOKUP, ctx));
        router.route("/igate/*").handler(ctx -> gate(Scope.LOOKUP, ctx));
        router.route("/dvcqg/*").handler(ctx -> gate(Scope.LOOKUP, ctx));
        router.route("/webhook").handler(ctx -> gate(Scope.WEBHOOK, ctx));
        router.route("/o/rest/v2/bookings").handler(ctx -> gate(Scope.WEBHOOK, ctx));

        router.get("/generic/dossiers/:code").handler(this::genericLookup);
        router.post("/igate/auth/realms/digo/protocol/openid-connect/token").handler(this::igateToken);
        router.get("/igate/pa/dossier/search").handler(this::igateSearch);
        router.post("/dvcqg/login").handler(this::dvcqgLogin);
        router.post("/dvcqg/service").handler(this::dvcqgService);
        router.post("/webhook").handler(this::receive);
        router.post("/o/rest/v2/bookings").handler(this::receive);
        router.get("/samples").handler(this::listSamples);
        router.post("/control/failures").handler(this::controlScript);
        router.delete("/control/failures").handler(ctx -> {
            clearFailures();
            ctx.response().setStatusCode(204).end();
        });
        router.get("/control/received").handler(ctx -> {
            JsonArray list = new JsonArray();
            received().forEach(d -> list.add(d.summary()));
            json(ctx, 200, new JsonObject().put("received", list));
        });
        return router;
    }

    private Optional<SimulatedFailure> nextFailure(Scope scope) {
        synchronized (script) {
            Deque<ScriptedStep> steps = script.get(scope);
            ScriptedStep head = steps.peek();
            if (head == null) {
                return Optional.empty();
            }
            if (head.remaining().decrementAndGet() <= 0) {
                steps.poll();
            }
            return Optional.of(head.failure());
        }
    }

    private void gate(Scope scope, RoutingContext ctx) {
        SimulatedFailure failure = nextFailure(scope).orElse(null);
        if (failure == null) {
            ctx.next();
            return;
        }
        LOG.debug("simulated dossier system: {} on {}", failure.kind(), ctx.normalizedPath());
        switch (failure.kind()) {
            case SERVER_ERROR -> ctx.response().setStatusCode(500).end("Internal Server Error (simulated)");
            case UNAVAILABLE ->
                ctx.response()
                        .setStatusCode(503)
                        .putHeader(
                                "Retry-After",
                                Long.toString(failure.retryAfter().toSeconds()))
                        .end("Service Unavailable (simulated)");
            case RATE_LIMITED ->
                ctx.response()
                        .setStatusCode(429)
                        .putHeader(
                                "Retry-After",
                                Long.toString(failure.retryAfter().toSeconds()))
                        .end("Too Many Requests (simulated)");
            case MALFORMED_JSON ->
                ctx.response()
                        .setStatusCode(200)
                        .putHeader("Content-Type", "application/json")
                        .end("{\"content\": [ {\"code\": ");
            case SLOW -> vertx.setTimer(Math.max(1, failure.delay().toMillis()), timer -> ctx.next());
            case SLOW_AFTER_RECORDING -> {
                if (scope == Scope.WEBHOOK) {
                    ctx.put(ANSWER_DELAY, failure.delay());
                    ctx.next();
                } else {
                    vertx.setTimer(Math.max(1, failure.delay().toMillis()), timer -> ctx.next());
                }
            }
            case TIMEOUT -> {
                // never answer: the client's own timeout has to fire
            }
        }
    }

    private void genericLookup(RoutingContext ctx) {
        lookupRequests.incrementAndGet();
        SampleDossier dossier = byCode.get(ctx.pathParam("code"));
        if (dossier == null) {
            json(ctx, 404, new JsonObject().put("error", "NOT_FOUND"));
            return;
        }
        JsonArray history = new JsonArray();
        dossier.history()
                .forEach(step -> history.add(new JsonObject()
                        .put("at", iso(step.at()))
                        .put("description", step.description())
                        .put("unit", step.unit())));
        json(
                ctx,
                200,
                new JsonObject()
                        .put("code", dossier.code())
                        .put("procedure", dossier.procedure())
                        .put("owner", dossier.ownerName())
                        .put("status", dossier.status())
                        .put("receivedAt", iso(dossier.receivedAt()))
                        .put("appointmentAt", iso(dossier.appointmentAt()))
                        .put("rescheduledAppointmentAt", iso(dossier.rescheduledAppointmentAt()))
                        .put("finishedAt", iso(dossier.finishedAt()))
                        .put("returnedAt", iso(dossier.returnedAt()))
                        .put("currentStep", dossier.currentStep())
                        .put("returnPlace", dossier.returnPlace())
                        .put("history", history));
    }

    private void igateToken(RoutingContext ctx) {
        tokenRequests.incrementAndGet();
        MultiMap form = ctx.request().formAttributes();
        if (!"client_credentials".equals(form.get("grant_type"))
                || !options.igateClientId().equals(form.get("client_id"))
                || !options.igateClientSecret().equals(form.get("client_secret"))) {
            json(ctx, 401, new JsonObject().put("error", "unauthorized_client"));
            return;
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, options.clock().instant().plus(options.tokenLifetime()));
        json(
                ctx,
                200,
                new JsonObject()
                        .put("access_token", token)
                        .put("expires_in", options.tokenLifetime().toSeconds())
                        .put("token_type", "Bearer"));
    }

    private void igateSearch(RoutingContext ctx) {
        lookupRequests.incrementAndGet();
        String authorization = ctx.request().getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        Instant expiry = tokens.get(token);
        if (expiry == null || !options.clock().instant().isBefore(expiry)) {
            json(ctx, 401, new JsonObject().put("error", "invalid_token"));
            return;
        }
        SampleDossier dossier = byCode.get(ctx.request().getParam("code", ""));
        JsonArray content = new JsonArray();
        if (dossier != null) {
            content.add(igateItem(dossier));
        }
        json(
                ctx,
                200,
                new JsonObject()
                        .put("content", content)
                        .put("numberOfElements", content.size())
                        .put("last", true));
    }

    private JsonObject igateItem(SampleDossier dossier) {
        Map.Entry<Integer, String> status = IGATE_STATUS.get(dossier.status());
        JsonArray tasks = new JsonArray();
        dossier.history()
                .forEach(step -> tasks.add(new JsonObject()
                        .put("name", step.description())
                        .put("agency", new JsonObject().put("name", step.unit()))
                        .put("completedDate", igate(step.at()))));
        JsonObject item = new JsonObject()
                .put(
                        "id",
                        UUID.nameUUIDFromBytes(dossier.code().getBytes(StandardCharsets.UTF_8))
                                .toString())
                .put("code", dossier.code())
                .put("nationCode", "000.00.27." + dossier.code())
                .put(
                        "applicant",
                        new JsonObject()
                                .put(
                                        "data",
                                        new JsonObject()
                                                .put("fullname", dossier.ownerName())
                                                .put("identityNumber", dossier.idNumber())
                                                .put("phoneNumber", dossier.phone())))
                .put(
                        "procedure",
                        new JsonObject()
                                .put(
                                        "translate",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("languageId", 228)
                                                        .put("name", dossier.procedure()))))
                .put(
                        "dossierStatus",
                        new JsonObject()
                                .put("id", status.getKey())
                                .put(
                                        "name",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("languageId", 228)
                                                        .put("name", status.getValue()))))
                .put("appliedDate", igate(dossier.receivedAt()))
                .put("acceptedDate", igate(dossier.receivedAt()))
                .put("appointmentDate", igate(dossier.appointmentAt()))
                .put("extendedAppointmentDate", igate(dossier.rescheduledAppointmentAt()))
                .put("completedDate", igate(dossier.finishedAt()))
                .put("returnedDate", igate(dossier.returnedAt()))
                .put("task", tasks);
        item.put(
                "currentTask",
                dossier.currentStep() == null
                        ? new JsonArray()
                        : new JsonArray().add(new JsonObject().put("name", dossier.currentStep())));
        if (dossier.returnPlace() != null) {
            item.put("receivingPlace", new JsonObject().put("name", dossier.returnPlace()));
        }
        return item;
    }

    private void dvcqgLogin(RoutingContext ctx) {
        loginRequests.incrementAndGet();
        JsonObject body = jsonBody(ctx);
        if (!options.dvcqgDstcode().equals(ctx.request().getHeader("dstcode"))
                || body == null
                || !options.dvcqgUsername().equals(body.getString("username"))
                || !options.dvcqgPassword().equals(body.getString("password"))) {
            json(ctx, 200, new JsonObject().put("error_code", 1).put("message", "Sai thông tin đăng nhập"));
            return;
        }
        String session = UUID.randomUUID().toString();
        sessions.add(session);
        json(ctx, 200, new JsonObject().put("error_code", 0).put("session", session));
    }

    private void dvcqgService(RoutingContext ctx) {
        lookupRequests.incrementAndGet();
        JsonObject body = jsonBody(ctx);
        if (body == null || !sessions.contains(body.getString("session", ""))) {
            json(ctx, 200, new JsonObject().put("error_code", -1).put("message", "Phiên làm việc hết hạn"));
            return;
        }
        if (!"TraCuuHoSo".equals(body.getString("service"))) {
            json(ctx, 200, new JsonObject().put("error_code", 2).put("message", "Dịch vụ không hỗ trợ"));
            return;
        }
        SampleDossier dossier = byCode.get(body.getString("mahoso", ""));
        JsonArray result = new JsonArray();
        if (dossier != null) {
            JsonArray steps = new JsonArray();
            dossier.history()
                    .forEach(step -> steps.add(new JsonObject()
                            .put("ThoiDiemXuLy", dvcqg(step.at()))
                            .put("NoiDungXuLy", step.description())
                            .put("PhongBanXuLy", step.unit())));
            result.add(new JsonObject()
                    .put("MaHoSo", dossier.code())
                    .put("TenTTHC", dossier.procedure())
                    .put("ChuHoSo", dossier.ownerName())
                    .put("SoCMND", dossier.idNumber())
                    .put("SoDienThoai", dossier.phone())
                    .put("NgayTiepNhan", dvcqg(dossier.receivedAt()))
                    .put("NgayHenTra", dvcqg(dossier.appointmentAt()))
                    .put("NgayHenTraMoi", dvcqg(dossier.rescheduledAppointmentAt()))
                    .put("TrangThaiHoSo", Integer.toString(dossier.status()))
                    .put("NgayKetThucXuLy", dvcqg(dossier.finishedAt()))
                    .put("NgayTra", dvcqg(dossier.returnedAt()))
                    .put("BuocXuLyHienTai", dossier.currentStep())
                    .put("NoiTraKetQua", dossier.returnPlace())
                    .put("QuaTrinhXuLy", steps));
        }
        json(
                ctx,
                200,
                new JsonObject()
                        .put("error_code", 0)
                        .put("message", "Thành công")
                        .put("result", result));
    }

    private void receive(RoutingContext ctx) {
        Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        String key = ctx.request().getHeader(WebhookSignature.IDEMPOTENCY_HEADER);
        boolean valid = signature.verify(
                ctx.request().getHeader(WebhookSignature.SIGNATURE_HEADER),
                ctx.request().getHeader(WebhookSignature.TIMESTAMP_HEADER),
                body.getBytes(),
                options.clock().instant(),
                WebhookSignature.DEFAULT_TOLERANCE);
        Map<String, String> form = new LinkedHashMap<>();
        ctx.request().formAttributes().forEach(form::put);
        boolean duplicate;
        synchronized (received) {
            duplicate = valid && key != null && !remember(key);
            received.addLast(new ReceivedDelivery(
                    ctx.normalizedPath(),
                    key,
                    ctx.request().getHeader(WebhookSignature.EVENT_TYPE_HEADER),
                    body,
                    Map.copyOf(form),
                    valid,
                    duplicate,
                    options.clock().instant()));
            while (received.size() > options.keepReceived()) {
                received.removeFirst();
            }
        }
        int status;
        JsonObject answer;
        if (!valid) {
            status = 401;
            answer = new JsonObject().put("error", "INVALID_SIGNATURE");
        } else if (key == null) {
            status = 400;
            answer = new JsonObject().put("error", "MISSING_IDEMPOTENCY_KEY");
        } else {
            status = 200;
            answer = new JsonObject().put("received", true).put("duplicate", duplicate);
        }
        Duration answerDelay = ctx.get(ANSWER_DELAY);
        if (answerDelay == null) {
            json(ctx, status, answer);
            return;
        }
        vertx.setTimer(Math.max(1, answerDelay.toMillis()), timer -> {
            if (!ctx.response().closed() && !ctx.response().ended()) {
                json(ctx, status, answer);
            }
        });
    }

    /** Whether {@code key} is new (then remembered, forgetting the oldest beyond the limit). Holds received's lock. */
    private boolean remember(String key) {
        if (!seenKeys.add(key)) {
            return false;
        }
        if (seenKeys.size() > options.keepReceived()) {
            Iterator<String> oldest = seenKeys.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private void listSamples(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        samples.forEach(sample -> list.add(new JsonObject()
                .put("code", sample.code())
                .put("status", sample.status())
                .put("label", sample.label())
                .put("procedure", sample.procedure())
                .put("receiptQr", "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?MaHoSo=" + sample.code())));
        json(ctx, 200, new JsonObject().put("dossiers", list));
    }

    private void controlScript(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx);
        try {
            if (body == null) {
                throw new IllegalArgumentException("body must be JSON");
            }
            Scope scope = Scope.valueOf(body.getString("scope", "webhook").toUpperCase(java.util.Locale.ROOT));
            int times = body.getInteger("times", 1);
            script(scope, SimulatedFailure.fromJson(body), times);
            ctx.response().setStatusCode(204).end();
        } catch (IllegalArgumentException | ClassCastException e) {
            json(
                    ctx,
                    400,
                    new JsonObject()
                            .put("error", "INVALID_REQUEST")
                            .put(
                                    "message",
                                    "scope: lookup|webhook, kind: server-error|unavailable|timeout|rate-limited|slow"
                                            + "|slow-after-recording|malformed-json, times: number"));
        }
    }

    private static JsonObject jsonBody(RoutingContext ctx) {
        try {
            return ctx.body().asJsonObject();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    private static String iso(Instant instant) {
        return instant == null ? null : ISO_OFFSET.format(instant);
    }

    private static String igate(Instant instant) {
        return instant == null ? null : IGATE_DATE.format(instant);
    }

    private static String dvcqg(Instant instant) {
        return instant == null ? null : DVCQG_DATE.format(instant);
    }
}
