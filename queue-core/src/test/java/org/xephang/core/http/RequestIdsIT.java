package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Every request gets an id, answered in X-Request-Id and in the MDC of the log lines written while it is handled. */
@Timeout(60)
class RequestIdsIT {

    private final Vertx vertx = Vertx.vertx();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger failureLog = (Logger) LoggerFactory.getLogger(ApiFailureHandler.class);
    private WebClient client;
    private int port;

    @BeforeEach
    void start() {
        logged.start();
        failureLog.addAppender(logged);
        Router router = Router.router(vertx);
        router.route().handler(RequestIds.assign());
        router.get("/seen").handler(ctx -> ctx.response().end(String.valueOf(MDC.get(RequestIds.MDC_KEY))));
        router.get("/boom").handler(ctx -> {
            throw new IllegalStateException("boom");
        });
        router.route().failureHandler(RequestIds.onFailure());
        router.route().failureHandler(new ApiFailureHandler());
        HttpServer server =
                await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        port = server.actualPort();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        failureLog.detachAppender(logged);
        await(vertx.close());
    }

    @Test
    void aRequestGetsANewIdThatItsHandlersSeeInTheMdc() {
        HttpResponse<Buffer> response = get("/seen", null);

        String id = response.getHeader(RequestIds.HEADER);
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(response.bodyAsString()).isEqualTo(id);
    }

    @Test
    void aProxysPlainRequestIdIsKeptAndAnythingElseIsReplaced() {
        assertThat(get("/seen", "edge-7f3a.42").getHeader(RequestIds.HEADER)).isEqualTo("edge-7f3a.42");
        assertThat(get("/seen", "0912345678 Nguyễn Văn A").getHeader(RequestIds.HEADER))
                .isNotEqualTo("0912345678 Nguyễn Văn A")
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void theErrorLoggedForAFailedRequestCarriesItsId() {
        HttpResponse<Buffer> response = get("/boom", null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(logged.list)
                .anySatisfy(event -> assertThat(event.getMDCPropertyMap())
                        .containsEntry(RequestIds.MDC_KEY, response.getHeader(RequestIds.HEADER)));
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
    }

    private HttpResponse<Buffer> get(String path, String requestId) {
        var request = client.get(port, "127.0.0.1", path).timeout(10_000);
        if (requestId != null) {
            request.putHeader(RequestIds.HEADER, requestId);
        }
        return await(request.send());
    }
}
