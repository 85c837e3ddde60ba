package org.xephang.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceException;

/**
 * A standalone agent ({@code xephang kiosk}, {@code counter}, {@code board}): its app's router served at the root of
 * its own HTTP server, for the browser of the kiosk, the officer's PC or the TV. Closing it stops the server and the
 * app. Futures complete on a Vert.x context.
 */
public final class AgentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);

    private final AutoCloseable app;
    private final HttpServer server;
    private final String host;

    private AgentServer(AutoCloseable app, HttpServer server, String host) {
        this.app = app;
        this.server = server;
        this.host = host;
    }

    /**
     * Serves {@code router} (of {@code app}) on {@code host}:{@code port} (0: a free port); if the port is taken the
     * app is closed and the future fails.
     */
    public static Future<AgentServer> serve(Vertx vertx, Router router, AutoCloseable app, String host, int port) {
        Router root = Router.router(vertx);
        root.route("/*").subRouter(router);
        return vertx.createHttpServer()
                .requestHandler(root)
                .listen(port, host)
                .map(server -> new AgentServer(app, server, host))
                .onFailure(e -> closeQuietly(app));
    }

    /** What a standalone agent serves: its page's router, and whether it has started. */
    public interface App extends AutoCloseable {
        Router router();

        /** Completes when the app has started (it fails if it could not). */
        Future<?> started();
    }

    /** Makes an app; a wrong device URI is a {@link DeviceException}. */
    @FunctionalInterface
    public interface AppFactory {
        App create() throws DeviceException;
    }

    /**
     * Makes the app, waits until it has started, then serves its router; a wrong device URI, an app that did not start
     * or a taken port fail the future.
     */
    public static Future<AgentServer> start(Vertx vertx, AppFactory create, String host, int port) {
        App app;
        try {
            app = create.create();
        } catch (DeviceException e) {
            return Future.failedFuture(e);
        }
        return app.started().compose(started -> serve(vertx, app.router(), app, host, port));
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8081/}. */
    public String url() {
        String shown = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        return "http://" + shown + ":" + server.actualPort() + "/";
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close();
        closeQuietly(app);
    }

    private static void closeQuietly(AutoCloseable app) {
        try {
            app.close();
        } catch (Exception e) {
            LOG.warn("agent: closing failed: {}", e.toString());
        }
    }
}
