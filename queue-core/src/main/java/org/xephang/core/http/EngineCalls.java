package org.xephang.core.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs an engine command from a route: its stage completes on the engine's writer thread, so the result hops back to
 * the request's event loop before anything touches the response. A command that throws at once (bad argument)
 * becomes a failed future like one that fails later.
 */
final class EngineCalls {

    private EngineCalls() {}

    static <T> Future<T> call(RoutingContext ctx, Supplier<? extends CompletionStage<T>> command) {
        CompletionStage<T> stage;
        try {
            stage = command.get();
        } catch (RuntimeException refused) {
            return Future.failedFuture(refused);
        }
        return Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext());
    }
}
