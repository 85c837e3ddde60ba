package org.xephang.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xephang.agent.PageFailures;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/** The page API's one failure handler: refusals as they are, lost connections 503, bugs 500 with a stack trace. */
class KioskRoutesTest {

    private Vertx vertx;
    private FakeCore core;
    private KioskApp kiosk;
    private HttpServer server;
    private WebClient http;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger routesLog = (Logger) LoggerFactory.getLogger(PageFailures.class);

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        core = new FakeCore();
        kiosk = new KioskApp(
                vertx,
                KioskOptions.of("http://127.0.0.1:1", "demo", "kiosk1", "demo", "sim:printer"),
                core,
                new FakeReceiptPrinter(),
                new ParsedScans());
        server = await(vertx.createHttpServer().requestHandler(kiosk.router()).listen(0, "127.0.0.1"));
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
        logs.start();
        routesLog.addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        routesLog.detachAppender(logs);
        kiosk.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBugIsAnInternalErrorLoggedWithItsStackTraceNeverALostConnection() throws Exception {
        core.ticketFailure = new NullPointerException("a bug");

        HttpResponse<Buffer> answer = await(http.get("/api/tickets/t1").send());

        assertThat(answer.statusCode()).isEqualTo(500);
        JsonObject body = answer.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo("INTERNAL");
        assertThat(body.getString("message")).startsWith("Lỗi hệ thống").doesNotContain("Mất kết nối");
        ILoggingEvent logged = onlyLogged();
        assertThat(logged.getLevel()).isEqualTo(Level.ERROR);
        assertThat(logged.getFormattedMessage()).contains("kiosk1").contains("/api/tickets");
        assertThat(logged.getThrowableProxy()).isNotNull();
        assertThat(logged.getThrowableProxy().getClassName()).isEqualTo(NullPointerException.class.getName());
        assertThat(logged.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    }

    @Test
    void aRefusedConnectionToTheServerIsUnavailableAndLoggedWithoutAStackTrace() throws Exception {
        core.ticketFailure = new ConnectException("Connection refused");

        HttpResponse<Buffer> answer = await(http.get("/api/tickets/t1").send());

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("error", "UNAVAILABLE")
                        .put("message", PageFailures.LOST_CONNECTION)
                        .put("messageEn", PageFailures.LOST_CONNECTION_EN));
        ILoggingEvent logged = onlyLogged();
        assertThat(logged.getLevel()).isEqualTo(Level.WARN);
        assertThat(logged.getThrowableProxy()).isNull();
    }

    @Test
    void theServersRefusalIsPassedOnAsItIs() throws Exception {
        core.ticketFailure = new QueueError(ErrorCode.UNKNOWN_TICKET, "Không có vé này", "No such ticket");

        HttpResponse<Buffer> answer = await(http.get("/api/tickets/t1").send());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.bodyAsJsonObject().getString("message")).isEqualTo("Không có vé này");
        assertThat(logs.list).isEmpty();
    }

    private ILoggingEvent onlyLogged() {
        assertThat(logs.list).hasSize(1);
        return logs.list.get(0);
    }
}
