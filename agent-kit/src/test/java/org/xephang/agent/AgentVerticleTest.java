package org.xephang.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.testkit.Poll;

@Timeout(20)
class AgentVerticleTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** An agent whose start completes when the test says so. */
    private static final class SlowAgent extends AgentVerticle {
        final Promise<Void> mayStart = Promise.promise();
        final List<String> steps = new CopyOnWriteArrayList<>();
        volatile Context startedOn;

        @Override
        protected Future<Void> startAgent() {
            startedOn = Vertx.currentContext();
            steps.add("starting");
            return mayStart.future().onSuccess(v -> steps.add("started"));
        }

        @Override
        protected Future<Void> stopAgent() {
            steps.add("stopped");
            return Future.succeededFuture();
        }
    }

    @Test
    void workHandedToTheAgentBeforeItHasStartedRunsAfterwardsOnItsOwnContext() throws Exception {
        SlowAgent agent = new SlowAgent();
        Future<String> deployed = agent.deployOn(vertx);
        List<Context> ranOn = new CopyOnWriteArrayList<>();

        agent.onContext(v -> {
            agent.steps.add("request");
            ranOn.add(Vertx.currentContext());
        });
        await(vertx.timer(50)); // the request waits however long the start takes
        assertThat(agent.steps).doesNotContain("request");
        agent.mayStart.complete();
        await(deployed);
        eventually(() -> !ranOn.isEmpty());

        assertThat(agent.steps).containsExactly("starting", "started", "request");
        assertThat(ranOn).containsExactly(agent.startedOn);
        assertThat(agent.context()).isSameAs(agent.startedOn);
    }

    @Test
    void undeployingStopsTheAgentAndUndeployingAgainIsHarmless() throws Exception {
        SlowAgent agent = new SlowAgent();
        agent.mayStart.complete();
        await(agent.deployOn(vertx));

        await(agent.undeploy());
        await(agent.undeploy());

        assertThat(agent.steps).containsExactly("starting", "started", "stopped");
    }

    private static void eventually(java.util.function.BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(10), "the condition", condition);
    }
}
