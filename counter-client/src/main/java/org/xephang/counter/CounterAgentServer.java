package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.xephang.device.DeviceException;

/**
 * A standalone counter agent ({@code xephang counter}): the counter app served at the root of its own HTTP server,
 * for the officer's browser. Futures complete on a Vert.x context.
 */
public final class CounterAgentServer implements AutoCloseable {

    private final CounterApp app;
    private final HttpServer server;
    private final String host;

    private CounterAgentServer(CounterApp app, HttpServer server, String host) {
        this.app = app;
        this.server = server;
        this.host = host;
    }

    /** Starts the agent and its devices and listens; fails if a device URI is wrong or the port is taken. */
    public static Future<CounterAgentServer> start(Vertx vertx, CounterAgentConfig config) {
        CounterApp app;
        try {
            app = CounterApp.create(vertx, config.options());
        } catch (DeviceException e) {
            return Future.failedFuture(e);
        }
        Router root = Router.router(vertx);
        root.route("/*").subRouter(app.router());
        return vertx.createHttpServer()
                .requestHandler(root)
                .listen(config.port(), config.host())
                .map(server -> new CounterAgentServer(app, server, config.host()))
                .onFailure(e -> app.close());
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8082/}. */
    public String url() {
        String shown = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        return "http://" + shown + ":" + server.actualPort() + "/";
    }

    @Override
    public void close() {
        server.close();
        app.close();
    }
}
