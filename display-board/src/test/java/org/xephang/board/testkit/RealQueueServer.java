package org.xephang.board.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.xephang.api.QueueClient;
import org.xephang.core.QueueServer;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;

/**
 * A real queue server for tests: {@link QueueEngine} on SQLite in {@code dataDir} with the example centre
 * ({@code examples/centre.yaml}, always open), served by {@link QueueServer} on 127.0.0.1. It can be stopped and
 * started again on the same port and data, as a restart would. Blocking: call from the test thread.
 */
public final class RealQueueServer {

    private final Vertx vertx;
    private final Path dataDir;
    private final UnaryOperator<QueueServer.Options> mounts;
    private final CentreConfig config;
    private QueueEngine engine;
    private QueueServer server;
    private int port;

    /** @param mounts adds sub-routers (the board) to the server's options */
    public RealQueueServer(Vertx vertx, Path dataDir, UnaryOperator<QueueServer.Options> mounts) throws Exception {
        this.vertx = vertx;
        this.dataDir = dataDir;
        this.mounts = mounts;
        this.config = CentreConfigLoader.load(Path.of("..", "examples", "centre.yaml"));
    }

    /** Starts on a free port the first time, on the same port after {@link #stop()}. */
    public RealQueueServer start() throws Exception {
        engine = QueueEngine.open(
                config,
                dataDir,
                Clock.systemUTC(),
                EngineOptions.defaults().withAlwaysOpen(true).withPublicBaseUrl("http://127.0.0.1"));
        server = await(QueueServer.start(
                vertx,
                engine,
                mounts.apply(new QueueServer.Options()
                        .host("127.0.0.1")
                        .port(port)
                        .accounts(config.accounts())
                        .dataDir(dataDir))));
        port = server.port();
        return this;
    }

    /** Closes the server (and its event streams) and the engine. */
    public void stop() throws Exception {
        if (server != null) {
            await(server.close());
            engine.close();
            server = null;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** A client signed in as one of the example accounts (password {@code demo}). */
    public QueueClient client(String username) throws Exception {
        QueueClient client = QueueClient.create(vertx, url());
        await(client.login(username, "demo"));
        return client;
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
