package org.xephang.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class AgentServerTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger appClosed = new AtomicInteger();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Router page() {
        Router router = Router.router(vertx);
        router.get("/hello").handler(ctx -> ctx.end("xin chào"));
        return router;
    }

    @Test
    void theAppIsServedAtTheRootAndClosingTheServerClosesTheApp() throws Exception {
        AgentServer server = await(AgentServer.serve(vertx, page(), appClosed::incrementAndGet, "0.0.0.0", 0));

        assertThat(server.url()).startsWith("http://127.0.0.1:").endsWith("/");
        // Held in a variable: Vert.x closes a client that becomes unreachable, and a collection during the request
        // then closed its connection ("Connection was closed", seen once on a clean clone under load).
        HttpClient client = vertx.createHttpClient();
        String body = await(client.request(HttpMethod.GET, server.port(), "127.0.0.1", "/hello")
                        .compose(request -> request.send().compose(HttpClientResponse::body)))
                .toString();
        assertThat(body).isEqualTo("xin chào");
        await(client.close());

        server.close();
        assertThat(appClosed).hasValue(1);
    }

    @Test
    void aPortThatIsTakenFailsTheStartAndClosesTheApp() throws Exception {
        AgentServer first = await(AgentServer.serve(vertx, page(), () -> {}, "127.0.0.1", 0));

        assertThatThrownBy(() ->
                        await(AgentServer.serve(vertx, page(), appClosed::incrementAndGet, "127.0.0.1", first.port())))
                .hasMessageContaining("ddress");
        assertThat(appClosed).hasValue(1);
        first.close();
    }
}
