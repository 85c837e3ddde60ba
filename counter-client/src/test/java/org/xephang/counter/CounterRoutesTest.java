package org.xephang.counter;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xephang.agent.PageFailures;

/** The page API's one failure handler: refusals as they are, lost connections 503, bugs 500 with a stack trace. */
class CounterRoutesTest {

    private Vertx vertx;
    private FakeCounterCore core;
    private CounterApp counter;
    private WebClient http;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger routesLog = (Logger) LoggerFactory.getLogger(PageFailures.class);

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        core = new FakeCounterCore();
        counter = new CounterApp(
                vertx,
                CounterOptions.of("http://127.0.0.1:1", "demo", List.of(new CounterOptions.DeskOptions(3, null, null))),
                core,
                List.of(new Desk(3, null, null)),
                new TicketReprinter(vertx, null));
        HttpServer server =
                await(vertx.createHttpServer().requestHandler(counter.router()).listen(0, "127.0.0.1"));
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
        logs.start();
        routesLog.addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        routesLog.detachAppender(logs);
        counter.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBugIsAnInternalErrorLoggedWithItsStackTraceAndCounterNeverALostConnection() throws Exception {
        String session = signIn();
        core.callNextFailure = new IllegalStateException("a bug");

        HttpResponse<Buffer> answer = await(http.post("/api/actions/call-next")
                .putHeader("X-Session", session)
                .send());

        assertThat(answer.statusCode()).isEqualTo(500);
        JsonObject body = answer.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo("INTERNAL");
        assertThat(body.getString("message")).startsWith("Lỗi hệ thống").doesNotContain("Mất kết nối");
        ILoggingEvent logged = onlyLogged();
        assertThat(logged.getLevel()).isEqualTo(Level.ERROR);
        assertThat(logged.getFormattedMessage()).startsWith("counter 3:").contains("/api/actions/call-next");
        assertThat(logged.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        assertThat(logged.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    }

    @Test
    void aServerThatCannotBeReachedAtSignInIsUnavailableAndLoggedWithoutAStackTrace() throws Exception {
        core.loginFailure = new ConnectException("Connection refused");

        HttpResponse<Buffer> answer = await(http.post("/api/session").sendJsonObject(credentials()));

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
        HttpResponse<Buffer> answer =
                await(http.post("/api/session").sendJsonObject(credentials().put("password", "wrong")));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.bodyAsJsonObject().getString("message")).isEqualTo("Sai tên đăng nhập hoặc mật khẩu");
        assertThat(logs.list).isEmpty();
    }

    private String signIn() throws Exception {
        HttpResponse<Buffer> answer = await(http.post("/api/session").sendJsonObject(credentials()));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.bodyAsJsonObject().getString("session");
    }

    private static JsonObject credentials() {
        return new JsonObject()
                .put("username", "officer3")
                .put("password", "demo")
                .put("counter", 3);
    }

    private ILoggingEvent onlyLogged() {
        assertThat(logs.list).hasSize(1);
        return logs.list.get(0);
    }
}
