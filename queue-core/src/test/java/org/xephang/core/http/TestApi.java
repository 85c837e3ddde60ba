package org.xephang.core.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.xephang.api.QueueClient;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueServer;
import org.xephang.core.QueueServerMain;
import org.xephang.core.QueueService;
import org.xephang.core.ServerTransport;
import org.xephang.core.backend.DossierBackend;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.notify.NotificationRoutes;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;
import org.xephang.testkit.Poll;

/**
 * A real server for HTTP tests: the real engine on SQLite in {@code dataDir}, the real API on 127.0.0.1 port 0, the
 * test centre of {@code src/test/resources/http/centre.yaml} (site {@code demo}, services A and B on counters 1–16,
 * C with a daily cap of 2 on counter 17; every password is {@code test}). Always open.
 */
final class TestApi implements AutoCloseable {

    static final String SITE = "demo";
    static final String PASSWORD = "test";

    final Vertx vertx;
    final QueueEngine engine;
    final QueueServer server;
    final WebClient http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Set when started through {@link #launch}: it owns the server, the dossier link, the engine and Vert.x. */
    private final QueueServerMain.Running running;

    private TestApi(Vertx vertx, QueueEngine engine, QueueServer server) {
        this(vertx, engine, server, null);
    }

    private TestApi(Vertx vertx, QueueEngine engine, QueueServer server, QueueServerMain.Running running) {
        this.vertx = vertx;
        this.engine = engine;
        this.server = server;
        this.running = running;
        this.http = WebClient.create(
                vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()),
                new PoolOptions().setHttp1MaxSize(64));
    }

    static TestApi start(Path dataDir) {
        return start(dataDir, StreamLimits.defaults());
    }

    static TestApi start(Path dataDir, StreamLimits limits) {
        return start(dataDir, limits, new HttpServerOptions());
    }

    static TestApi start(Path dataDir, StreamLimits limits, HttpServerOptions httpOptions) {
        return start(dataDir, limits, httpOptions, config(), Clock.systemUTC(), false, TESTS_KIOSK_RATE);
    }

    /** The test centre on a clock the test moves (waits and pauses that last without the test waiting). */
    static TestApi start(Path dataDir, Clock clock) {
        return start(
                dataDir, StreamLimits.defaults(), new HttpServerOptions(), config(), clock, false, TESTS_KIOSK_RATE);
    }

    /** The centre of test resource {@code resource} (for example {@code /http/two-sites.yaml}) instead. */
    static TestApi startWith(Path dataDir, String resource) {
        return start(
                dataDir,
                StreamLimits.defaults(),
                new HttpServerOptions(),
                config(resource),
                Clock.systemUTC(),
                false,
                TESTS_KIOSK_RATE);
    }

    /** {@link #startWith} with the dossier back-end's routes mounted (no dossier system behind them). */
    static TestApi startWithDossierRoutes(Path dataDir, String resource) {
        return start(
                dataDir,
                StreamLimits.defaults(),
                new HttpServerOptions(),
                config(resource),
                Clock.systemUTC(),
                true,
                TESTS_KIOSK_RATE);
    }

    /** {@link #startWithDossierRoutes(Path, String)} on {@code clock}. */
    static TestApi startWithDossierRoutes(Path dataDir, String resource, Clock clock) {
        return start(
                dataDir,
                StreamLimits.defaults(),
                new HttpServerOptions(),
                config(resource),
                clock,
                true,
                TESTS_KIOSK_RATE);
    }

    /**
     * The test centre with the kiosk issue limit a real server has ({@link HttpApi#KIOSK_ISSUES_PER_MINUTE}); every
     * other start lets kiosk1 issue as fast as the tests need.
     */
    static TestApi startWithTheShippedKioskLimit(Path dataDir) {
        return start(
                dataDir,
                StreamLimits.defaults(),
                new HttpServerOptions(),
                config(),
                Clock.systemUTC(),
                false,
                HttpApi.KIOSK_ISSUES_PER_MINUTE);
    }

    private static final int TESTS_KIOSK_RATE = 600_000;

    private static TestApi start(
            Path dataDir,
            StreamLimits limits,
            HttpServerOptions httpOptions,
            CentreConfig config,
            Clock clock,
            boolean dossierRoutes,
            int kioskIssuesPerMinute) {
        // The transport the server runs on by default (native epoll where it loads), so the API's tests cover it.
        Vertx vertx = serverVertx();
        QueueEngine engine = QueueEngine.open(config, dataDir, clock, new EngineOptions(true, "http://q.test"));
        QueueServer server = await(QueueServer.start(
                vertx,
                engine,
                new QueueServer.Options()
                        .host("127.0.0.1")
                        .port(0)
                        .clock(clock)
                        .accounts(config.accounts())
                        .dataDir(dataDir)
                        .streamLimits(limits)
                        .httpServerOptions(httpOptions)
                        .kioskIssuesPerMinute(kioskIssuesPerMinute)
                        .extend(api -> {
                            if (dossierRoutes) {
                                DossierBackend.create(vertx, DossierConfig.none(), Clock.systemUTC())
                                        .mount(api.router(), api.authenticator());
                                // The notification routes too, as xephang server mounts them (no provider: none sent).
                                WorkerExecutor worker = vertx.createSharedWorkerExecutor("test-notifications", 1);
                                new NotificationRoutes(
                                                engine::subscribeNotifications,
                                                engine::notificationOffer,
                                                site -> engine.notificationOutbox(),
                                                () -> worker,
                                                clock)
                                        .mount(api.router(), api.authenticator());
                            }
                        })));
        return new TestApi(vertx, engine, server);
    }

    /**
     * The test centre wired exactly as {@code xephang server} wires it ({@link QueueServerMain#launch}): the dossier
     * back-end's lookup and outbox routes mounted on the API and its forwarder started over the engine's outbox.
     * Always open, on 127.0.0.1 port 0.
     */
    static TestApi launch(Path dataDir, DossierConfig dossier) {
        Vertx vertx = Vertx.vertx();
        try {
            QueueServerMain.Running running = QueueServerMain.launch(
                    vertx,
                    config(),
                    dossier,
                    new QueueServerMain.Settings(configFile(), 0, dataDir, true, "127.0.0.1", "http://q.test"),
                    options -> options.kioskIssuesPerMinute(TESTS_KIOSK_RATE));
            return new TestApi(vertx, running.engine(), running.server(), running);
        } catch (QueueServerMain.UsageException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #launch} with the store in PostgreSQL ({@code store}: a {@code postgresql://} URL), no dossier system. */
    static TestApi launchOnPostgres(Path dataDir, String store) {
        Vertx vertx = Vertx.vertx();
        try {
            QueueServerMain.Running running = QueueServerMain.launch(
                    vertx,
                    config(),
                    DossierConfig.none(),
                    new QueueServerMain.Settings(
                            configFile(), 0, dataDir, true, "127.0.0.1", "http://q.test", store, null),
                    options -> options.kioskIssuesPerMinute(TESTS_KIOSK_RATE));
            return new TestApi(vertx, running.engine(), running.server(), running);
        } catch (QueueServerMain.UsageException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path configFile() {
        try {
            return Path.of(TestApi.class.getResource("/http/centre.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CentreConfig config() {
        return config("/http/centre.yaml");
    }

    static CentreConfig config(String resource) {
        try {
            return CentreConfigLoader.load(
                    Path.of(TestApi.class.getResource(resource).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.port();
    }

    QueueClient client() {
        return QueueClient.create(vertx, server.localUrl());
    }

    /** A token for the account (signed in once, then cached). */
    String token(String username) {
        return tokens.computeIfAbsent(username, name -> {
            HttpResponse<Buffer> response = send(
                    HttpMethod.POST,
                    "/api/v1/auth/login",
                    null,
                    new JsonObject()
                            .put("username", name)
                            .put("password", PASSWORD)
                            .encode());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("login " + name + ": " + response.bodyAsString());
            }
            return response.bodyAsJsonObject().getString("token");
        });
    }

    /** Forgets the cached token of {@code username} (after it was revoked); the next {@link #token} signs in again. */
    void forgetToken(String username) {
        tokens.remove(username);
    }

    /** Sends a raw request (body as given, may be malformed) with the account's token, or none when null. */
    HttpResponse<Buffer> send(HttpMethod method, String path, String username, String body) {
        HttpRequest<Buffer> request = http.request(method, path).timeout(20_000);
        if (username != null) {
            request.putHeader("Authorization", "Bearer " + token(username));
        }
        if (body == null) {
            return await(request.send());
        }
        request.putHeader("Content-Type", "application/json");
        return await(request.sendBuffer(Buffer.buffer(body)));
    }

    /** Signs the officer of counter {@code n} in at that counter. */
    void signIn(int counter) {
        HttpResponse<Buffer> response =
                send(HttpMethod.POST, "/api/v1/sites/demo/counters/" + counter + "/sign-in", "officer" + counter, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in " + counter + ": " + response.bodyAsString());
        }
    }

    JsonObject issue(String service) {
        HttpResponse<Buffer> response = send(
                HttpMethod.POST,
                "/api/v1/sites/demo/tickets",
                "kiosk1",
                new JsonObject().put("service", service).encode());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("issue " + service + ": " + response.bodyAsString());
        }
        return response.bodyAsJsonObject();
    }

    /** Issues straight on the engine (when the HTTP server is down). */
    void issue(QueueService queue, String service) {
        queue.issue(SITE, new IssueCommand(service, null, null, null), new Actor("kiosk1", Role.KIOSK))
                .toCompletableFuture()
                .join();
    }

    /** A Vert.x on the server's default transport ({@link ServerTransport#AUTO}). */
    static Vertx serverVertx() {
        try {
            return ServerTransport.AUTO.vertx();
        } catch (QueueServerMain.UsageException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return org.xephang.testkit.Await.await(future);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 20 ms until it holds; fails after {@code timeout}. */
    static void eventually(Duration timeout, BooleanSupplier condition) {
        Poll.until(timeout, "the condition", condition);
    }

    /** Books a slot through the public API (201 asserted) and answers the booking code. */
    String book(String service, String start, String name, String phone) {
        HttpResponse<Buffer> answer = send(
                HttpMethod.POST,
                "/api/v1/sites/" + SITE + "/appointments",
                null,
                new JsonObject()
                        .put("service", service)
                        .put("start", start)
                        .put("name", name)
                        .put("phone", phone)
                        .encode());
        if (answer.statusCode() != 201) {
            throw new AssertionError("booking refused: " + answer.bodyAsString());
        }
        return answer.bodyAsJsonObject().getString("code");
    }

    /** The kiosk checks a booking in through the API (201 asserted: its ticket is issued). */
    void checkIn(String code) {
        HttpResponse<Buffer> answer = send(
                HttpMethod.POST,
                "/api/v1/sites/" + SITE + "/check-in",
                "kiosk1",
                new JsonObject().put("code", code).encode());
        if (answer.statusCode() != 201) {
            throw new AssertionError("check-in refused: " + answer.bodyAsString());
        }
    }

    @Override
    public void close() {
        if (running != null) {
            http.close();
            running.close();
            return;
        }
        await(server.close());
        http.close();
        engine.close();
        await(vertx.close());
    }
}
