package org.xephang.counter;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.xephang.api.QueueEvent;
import org.xephang.core.QueueServer;
import org.xephang.core.QueueService;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;

/**
 * The real queue server (engine + HTTP) on a free port with the example centre and a temporary data folder; it can
 * be stopped and started again on the same port and data, as a restart in the field would. Every committed event is
 * kept for assertions.
 */
final class RunningCentre implements AutoCloseable {

    final List<QueueEvent> events = new CopyOnWriteArrayList<>();
    final Path dataDir;
    private final Vertx vertx;
    private final CentreConfig config;
    private int port;
    private QueueEngine engine;
    private QueueServer server;
    private QueueService.Subscription subscription;

    RunningCentre(Vertx vertx, Path dataDir) throws Exception {
        this.vertx = vertx;
        this.dataDir = dataDir;
        Path example = Path.of("..", "examples", "centre.yaml");
        if (!Files.exists(example)) {
            throw new IllegalStateException("example centre not found at " + example.toAbsolutePath());
        }
        this.config = CentreConfigLoader.load(example);
        start();
    }

    void start() throws Exception {
        server = QueueServer.listen(
                        vertx,
                        new QueueServer.Options()
                                .host("127.0.0.1")
                                .port(port)
                                .accounts(config.accounts())
                                .dataDir(dataDir))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = server.port();
        engine = QueueEngine.open(
                config, dataDir, Clock.systemUTC(), new EngineOptions(true, "http://127.0.0.1:" + port));
        subscription = engine.subscribe("demo", events::add);
        server.serve(engine).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        subscription.close();
        engine.close();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    QueueEngine engine() {
        return engine;
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
