package org.xephang.testkit.centre;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueEvent;
import org.xephang.core.QueueServer;
import org.xephang.core.QueueService;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;

/**
 * The real queue server for the agents' tests: {@link QueueEngine} on SQLite in a data folder with the example centre
 * ({@code examples/centre.yaml}, always open), served by {@link QueueServer} on 127.0.0.1 at a free port. It can be
 * stopped and started again on the same port and data, as a restart in the field would. Every event committed for
 * site {@code demo} is kept for assertions. Blocking: call from the test thread.
 */
public final class RunningCentre implements AutoCloseable {

    private static final String SITE = "demo";

    private final List<QueueEvent> events = new CopyOnWriteArrayList<>();
    private final Vertx vertx;
    private final Path dataDir;
    private final UnaryOperator<QueueServer.Options> customisation;
    private final CentreConfig config;
    private int port;
    private QueueEngine engine;
    private QueueServer server;
    private QueueService.Subscription subscription;

    private RunningCentre(Vertx vertx, Path dataDir, UnaryOperator<QueueServer.Options> customisation)
            throws Exception {
        this.vertx = vertx;
        this.dataDir = dataDir;
        this.customisation = customisation;
        Path example = Path.of("..", "examples", "centre.yaml");
        if (!Files.exists(example)) {
            throw new IllegalStateException("example centre not found at " + example.toAbsolutePath());
        }
        this.config = CentreConfigLoader.load(example);
    }

    /** The example centre, started. */
    public static RunningCentre started(Vertx vertx, Path dataDir) throws Exception {
        return started(vertx, dataDir, options -> options);
    }

    /**
     * The example centre, started with {@code customisation} applied to the server's options (sub-routers such as
     * the board, dossier routes through {@link QueueServer.Options#extend}).
     */
    public static RunningCentre started(Vertx vertx, Path dataDir, UnaryOperator<QueueServer.Options> customisation)
            throws Exception {
        return new RunningCentre(vertx, dataDir, customisation).start();
    }

    /** Starts on a free port the first time, on the same port after {@link #stop()}. */
    public RunningCentre start() throws Exception {
        server = await(QueueServer.listen(
                vertx,
                customisation.apply(new QueueServer.Options()
                        .host("127.0.0.1")
                        .port(port)
                        .accounts(config.accounts())
                        // the agents' own pages (board, kiosk, counter agents on this machine, any port)
                        .allowedOrigins(List.of("http://127.0.0.1:*", "http://localhost:*"))
                        .dataDir(dataDir))));
        port = server.port();
        engine = QueueEngine.open(config, dataDir, Clock.systemUTC(), new EngineOptions(true, url()));
        subscription = engine.subscribe(SITE, events::add);
        await(server.serve(engine));
        return this;
    }

    /** Closes the server (and its event streams) and the engine; {@link #start()} serves the same data again. */
    public void stop() throws Exception {
        if (server == null) {
            return;
        }
        await(server.close());
        subscription.close();
        engine.close();
        server = null;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public QueueEngine engine() {
        return engine;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Every event committed for site {@code demo} since the first start, in order. */
    public List<QueueEvent> events() {
        return events;
    }

    /** A client signed in as one of the example accounts (password {@code demo}). */
    public QueueClient client(String username) throws Exception {
        QueueClient client = QueueClient.create(vertx, url());
        await(client.login(username, "demo"));
        return client;
    }

    /** The result of {@code future}, waiting at most 20 s. */
    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
