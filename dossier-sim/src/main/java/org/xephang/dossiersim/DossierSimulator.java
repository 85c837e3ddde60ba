package org.xephang.dossiersim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.dossiersim.SimulatedFailure.Scope;

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
 * <p>Each simulated thing is its own class: {@link GenericLookupApi}, {@link IgateApi}, {@link DvcqgApi}, the
 * {@link WebhookReceiver} and the {@link FailureScript} that gates them all. The simulator speaks only the wire
 * formats: a server is pointed at it with the {@code dossier:} YAML of {@link #dossierYaml(String, Duration)}.
 *
 * <p>Threading: the HTTP side runs on one event loop; the Java accessors are thread-safe.
 */
public final class DossierSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DossierSimulator.class);
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

    private final Vertx vertx;
    private final Options options;
    private final List<SampleDossier> samples;
    private final FailureScript failures;
    private final GenericLookupApi generic;
    private final IgateApi igate;
    private final DvcqgApi dvcqg;
    private final WebhookReceiver webhooks;
    private final PortalApi portal = new PortalApi();
    /** Lookups of every style (the iGate token and DVCQG login requests are counted apart). */
    private final AtomicInteger lookupRequests = new AtomicInteger();

    private HttpServer server;

    private DossierSimulator(Vertx vertx, Options options) {
        this.vertx = vertx;
        this.options = options;
        this.samples = SampleDossiers.create(options.clock());
        Map<String, SampleDossier> byCode = new LinkedHashMap<>();
        samples.forEach(sample -> byCode.put(sample.code(), sample));
        this.failures = new FailureScript(vertx);
        this.generic = new GenericLookupApi(byCode, lookupRequests);
        this.igate = new IgateApi(options, byCode, lookupRequests);
        this.dvcqg = new DvcqgApi(options, byCode, lookupRequests);
        this.webhooks = new WebhookReceiver(vertx, options);
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

    /**
     * Puts a booking on the simulated online portal: {@code site} is the site code for the generic shape, the unit
     * code ({@code madonvi}) for the DVCQG shape.
     */
    public void addPortalBooking(
            String id, String site, String service, java.time.Instant start, String name, String phone) {
        portal.add(new PortalApi.PortalBooking(id, site, service, start, name, phone));
    }

    /** How many requests the portal took (failed ones included). */
    public int portalRequests() {
        return portal.requests();
    }

    /** The generic portal's bookings URL ({@code ?site=&date=} appended by the server). */
    public String portalGenericUrl() {
        return baseUrl() + PortalApi.GENERIC_PATH;
    }

    /** The DVCQG-style portal's service URL. */
    public String portalDvcqgUrl() {
        return baseUrl() + PortalApi.DVCQG_PATH;
    }

    /** The key the generic portal wants in {@code X-Api-Key}. */
    public static String portalApiKey() {
        return PortalApi.API_KEY;
    }

    /** The sample dossiers (for the demo page's QR codes and for tests). */
    public List<SampleDossier> samples() {
        return List.copyOf(samples);
    }

    /** The generic lookup URL, with the {@code {code}} placeholder the server fills in. */
    public String genericLookupUrl() {
        return baseUrl() + GenericLookupApi.PATH + "{code}";
    }

    public String igateTokenUrl() {
        return baseUrl() + IgateApi.TOKEN_PATH;
    }

    public String igateSearchUrl() {
        return baseUrl() + IgateApi.SEARCH_PATH;
    }

    public String dvcqgLoginUrl() {
        return baseUrl() + DvcqgApi.LOGIN_PATH;
    }

    public String dvcqgServiceUrl() {
        return baseUrl() + DvcqgApi.SERVICE_PATH;
    }

    /**
     * The {@code dossier:} section of a centre YAML ({@code docs/webhook.md}) that points a server at this simulator:
     * lookups in {@code style} (generic, igate, dvcqg) with this {@code timeout}, and every event forwarded to its
     * {@code /webhook}, signed with its secret. The server reads it as it reads any configuration.
     */
    public String dossierYaml(String style, Duration timeout) {
        String lookup = switch (style) {
            case "generic" -> """
                            generic:
                              url: "%s"
                        """.formatted(genericLookupUrl());
            case "igate" ->
                """
                            igate:
                              tokenUrl: "%s"
                              clientId: "%s"
                              clientSecret: "%s"
                              searchUrl: "%s"
                        """.formatted(igateTokenUrl(), options.igateClientId(), options.igateClientSecret(), igateSearchUrl());
            case "dvcqg" ->
                """
                            dvcqg:
                              loginUrl: "%s"
                              serviceUrl: "%s"
                              dstcode: "%s"
                              username: "%s"
                              password: "%s"
                              madonvi: "%s"
                        """.formatted(
                                dvcqgLoginUrl(),
                                dvcqgServiceUrl(),
                                options.dvcqgDstcode(),
                                options.dvcqgUsername(),
                                options.dvcqgPassword(),
                                options.dvcqgDstcode());
            default -> throw new IllegalArgumentException("style must be generic, igate or dvcqg: " + style);
        };
        return """
                dossier:
                  lookup:
                    style: %s
                    timeout: %dms
                %s  forward:
                    profile: webhook
                    url: "%s"
                    secret: "%s"
                """.formatted(style, timeout.toMillis(), lookup, webhookUrl(), options.webhookSecret());
    }

    /** {@link #dossierYaml(String, Duration)} with the demo's 4 s lookup timeout. */
    public String dossierYaml(String style) {
        return dossierYaml(style, Duration.ofSeconds(4));
    }

    /** The next {@code times} requests of {@code scope} fail this way (after any failures already scripted). */
    public void script(Scope scope, SimulatedFailure failure, int times) {
        failures.add(scope, failure, times);
    }

    /** Back to normal at once. */
    public void clearFailures() {
        failures.clear();
    }

    /** How many scripted failures are still to come for {@code scope}. */
    public int pendingFailures(Scope scope) {
        return failures.pending(scope);
    }

    /**
     * The forwarded requests received, in arrival order: all of them, or the newest {@link Options#keepReceived()}
     * in a long run. Requests failed by a script before they were taken in are not included; those of {@link
     * SimulatedFailure.Kind#SLOW_AFTER_RECORDING} are.
     */
    public List<ReceivedDelivery> received() {
        return webhooks.received();
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
        return igate.tokenRequests();
    }

    public int loginRequests() {
        return dvcqg.loginRequests();
    }

    public int lookupRequests() {
        return lookupRequests.get();
    }

    /** Forgets every DVCQG session, as a gateway restart would. */
    public void expireSessions() {
        dvcqg.expireSessions();
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
        generic.mount(router, failures);
        igate.mount(router, failures);
        dvcqg.mount(router, failures);
        webhooks.mount(router, failures);
        portal.mount(router, failures);
        failures.mount(router);
        router.get("/samples").handler(this::listSamples);
        router.get("/").handler(DossierSimulator::describe);
        return router;
    }

    /** What the simulator serves: the address the demo prints opens this, not a "not found". */
    private static void describe(RoutingContext ctx) {
        JsonAnswers.send(
                ctx,
                200,
                new JsonObject()
                        .put(
                                "name",
                                "Hệ thống hồ sơ mô phỏng (chỉ để chạy thử) / simulated dossier system (trials only)")
                        .put(
                                "samples",
                                new JsonObject()
                                        .put("path", "/samples")
                                        .put("what", "Các hồ sơ mẫu và mã QR biên nhận / the sample dossiers"))
                        .put(
                                "received",
                                new JsonObject()
                                        .put("path", "/control/received")
                                        .put("what", "Các sự kiện đã nhận qua webhook / the events received"))
                        .put(
                                "lookups",
                                new JsonObject()
                                        .put("generic", GenericLookupApi.PATH + "{code}")
                                        .put("igate", IgateApi.SEARCH_PATH)
                                        .put("dvcqg", DvcqgApi.SERVICE_PATH))
                        .put(
                                "webhooks",
                                new JsonArray()
                                        .add(WebhookReceiver.WEBHOOK_PATH)
                                        .add(WebhookReceiver.OPENCPS_PATH)));
    }

    private void listSamples(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        samples.forEach(sample -> list.add(new JsonObject()
                .put("code", sample.code())
                .put("status", sample.status())
                .put("label", sample.label())
                .put("procedure", sample.procedure())
                .put("receiptQr", "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?MaHoSo=" + sample.code())));
        JsonAnswers.send(ctx, 200, new JsonObject().put("dossiers", list));
    }
}
