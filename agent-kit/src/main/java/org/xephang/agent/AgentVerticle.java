package org.xephang.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;

/**
 * An agent (kiosk, counter) as a Vert.x 5 verticle: all of its state lives on the verticle's context, its
 * {@link #start()} answers a future ({@link #startAgent()}'s), and undeploying it (or closing Vert.x) stops it
 * ({@link #stopAgent()}). Requests and device callbacks that arrive on other threads hop onto that context with
 * {@link #onContext}; those arriving before the agent has started wait for it.
 */
public abstract class AgentVerticle extends VerticleBase {

    private final Promise<Context> started = Promise.promise();

    /** Deploys this agent on {@code vertx}; completes once its {@link #start()} has. */
    public final Future<String> deployOn(Vertx vertx) {
        return vertx.deployVerticle(this);
    }

    @Override
    public final Future<?> start() {
        return startAgent().onSuccess(v -> started.tryComplete(context));
    }

    @Override
    public final Future<?> stop() {
        return stopAgent();
    }

    /** Starts the agent on its context ({@code vertx} and {@link #context()} are set). */
    protected abstract Future<Void> startAgent();

    /** Stops the agent on its context: timers, devices, links. */
    protected abstract Future<Void> stopAgent();

    /** The context all of this agent's state lives on, or null before it is deployed. */
    public final Context context() {
        return context;
    }

    /** Runs {@code action} on the agent's context (once it has started, if it has not yet). Any thread. */
    public final void onContext(Handler<Void> action) {
        started.future().onSuccess(agentContext -> agentContext.runOnContext(action));
    }

    /** Stops the agent by undeploying it; completes when its {@link #stop()} has. Succeeds if it is not deployed. */
    public final Future<Void> undeploy() {
        String id = deploymentID();
        if (vertx == null || id == null || !vertx.deploymentIDs().contains(id)) {
            return Future.succeededFuture();
        }
        return vertx.undeploy(id);
    }
}
