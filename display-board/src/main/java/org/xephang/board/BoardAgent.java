package org.xephang.board;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.board.led.LedAgent;
import org.xephang.device.DeviceFactory;

/**
 * A standalone board agent ({@code xephang board}): serves the board page at its root for the TV's browser, and
 * mirrors the calls to the LED displays of its configuration. The page reads the queue server directly (its CORS
 * allows other origins). Close it to stop.
 */
public final class BoardAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoardAgent.class);

    private final HttpServer http;
    private final LedAgent leds;
    private final String url;

    private BoardAgent(HttpServer http, LedAgent leds, String url) {
        this.http = http;
        this.leds = leds;
        this.url = url;
    }

    /** Starts the LED mirroring, then the page's HTTP server; fails if a device URI is invalid or the port is taken. */
    public static Future<BoardAgent> start(Vertx vertx, BoardAgentConfig config, DeviceFactory devices) {
        return LedAgent.start(vertx, config.ledSettings(), devices)
                .compose(leds -> vertx.createHttpServer()
                        .requestHandler(BoardApp.router(vertx, config.boardOptions()))
                        .listen(config.port(), config.host())
                        .onFailure(failure -> leds.close())
                        .map(http -> {
                            String host = "0.0.0.0".equals(config.host()) ? "127.0.0.1" : config.host();
                            String url = "http://" + host + ":" + http.actualPort() + "/";
                            LOG.info("Board of site {} at {} (server {})", config.site(), url, config.server());
                            return new BoardAgent(http, leds, url);
                        }));
    }

    /** The board page's URL, e.g. {@code http://127.0.0.1:8090/}. */
    public String url() {
        return url;
    }

    public LedAgent leds() {
        return leds;
    }

    @Override
    public void close() {
        http.close();
        leds.close();
    }
}
