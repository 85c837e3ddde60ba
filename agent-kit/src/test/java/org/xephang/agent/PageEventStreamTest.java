package org.xephang.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.testkit.Poll;

@Timeout(20)
class PageEventStreamTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The body handler is set when the head arrives (on the event loop), so the first chunk is never missed. */
    @Test
    void aPageGetsItsFirstEventAtOnceThenOnlyTheEventsOfItsGroup() throws Exception {
        PageEventStream<Integer> stream = new PageEventStream<>(vertx);
        HttpServer server = await(vertx.createHttpServer()
                .requestHandler(request -> context.runOnContext(v -> stream.open(
                        Integer.valueOf(request.getParam("counter")),
                        request.response(),
                        "desk",
                        new JsonObject().put("counter", Integer.valueOf(request.getParam("counter"))))))
                .listen(0, "127.0.0.1"));
        StringBuffer counter3 = new StringBuffer();
        StringBuffer counter4 = new StringBuffer();
        HttpClient client = vertx.createHttpClient();
        HttpClientResponse three = await(client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/?counter=3")
                .compose(request -> request.send()
                        .onSuccess(response -> response.handler(chunk -> counter3.append(chunk.toString())))));
        HttpClientResponse four = await(client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/?counter=4")
                .compose(request -> request.send()
                        .onSuccess(response -> response.handler(chunk -> counter4.append(chunk.toString())))));

        assertThat(three.getHeader("Content-Type")).startsWith("text/event-stream");
        eventually(() -> counter3.toString().contains("event: desk\ndata: {\"counter\":3}\n\n")
                && counter4.toString().contains("event: desk\ndata: {\"counter\":4}\n\n"));
        context.runOnContext(v -> stream.publish(3, "rated", new JsonObject().put("level", 1)));
        context.runOnContext(v -> stream.publishToAll("problem", new JsonObject().put("error", "UNAVAILABLE")));

        eventually(() -> counter4.toString().contains("event: problem"));
        eventually(() -> counter3.toString().contains("event: problem"));
        assertThat(counter3.toString()).contains("event: rated\ndata: {\"level\":1}\n\n");
        assertThat(counter4.toString()).doesNotContain("rated");

        context.runOnContext(v -> stream.closeAll());
        await(three.end());
    }

    private static void eventually(java.util.function.BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(10), "the condition", condition);
    }
}
