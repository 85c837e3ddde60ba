package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.xephang.device.DeviceException;

/**
 * A standalone kiosk agent ({@code xephang kiosk}): the kiosk app served at the root of its own HTTP server, for the
 * kiosk's full-screen browser. Futures complete on a Vert.x context.
 */
public final class KioskAgentServer implements AutoCloseable {

    private final KioskApp app;
    private final HttpServer server;
    private final String host;

    private KioskAgentServer(KioskApp app, HttpServer server, String host) {
        this.app = app;
        this.server = server;
        this.host = host;
    }

    /** Starts the agent and listens; fails if the port is taken. */
    public static Future<KioskAgentServer> start(Vertx vertx, KioskAgentConfig config) {
        KioskApp app;
        try {
            app = KioskApp.create(vertx, config.options());
        } catch (DeviceException e) {
            return Future.failedFuture(e);
        }
        Router root = Router.router(vertx);
        root.route("/*").subRouter(app.router());
        return vertx.createHttpServer()
                .requestHandler(root)
                .listen(config.port(), config.host())
                .map(server -> new KioskAgentServer(app, server, config.host()))
                .onFailure(e -> app.close());
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8081/}. */
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
