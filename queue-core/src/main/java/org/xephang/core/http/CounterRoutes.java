package org.xephang.core.http;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.core.Actor;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;

/** Call-next and a counter's own state: pause, resume, sign-in, sign-out (§5). */
final class CounterRoutes {

    private final QueueService queue;

    CounterRoutes(QueueService queue) {
        this.queue = queue;
    }

    /** 200 with the called ticket, 204 when nothing waits for this counter. */
    void callNext(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        int counter = PathParams.counter(ctx);
        Actor actor = Authenticator.actor(ctx);
        requireAllowedCounter(actor, counter);
        EngineCalls.call(ctx, () -> queue.callNext(site, counter, actor))
                .onSuccess(called -> called.ifPresentOrElse(
                        ticket -> Replies.json(ctx, 200, ticket.toJson()), () -> Replies.noContent(ctx)))
                .onFailure(ctx::fail);
    }

    void pause(RoutingContext ctx) {
        String reason = RequestBody.of(ctx).requiredText("reason");
        command(ctx, (site, counter, actor) -> queue.pause(site, counter, reason, actor));
    }

    void resume(RoutingContext ctx) {
        command(ctx, queue::resume);
    }

    void signIn(RoutingContext ctx) {
        command(ctx, queue::signIn);
    }

    void signOut(RoutingContext ctx) {
        command(ctx, queue::signOut);
    }

    /** An officer works only at the counters of their account (docs/architecture.md §11). */
    private static void requireAllowedCounter(Actor actor, int counter) {
        if (!actor.mayUseCounter(counter)) {
            throw new QueueError(
                    ErrorCode.FORBIDDEN,
                    "Tài khoản " + actor.username() + " không được làm việc tại quầy " + counter
                            + "; hãy đăng nhập tại quầy được phân công.",
                    "Account " + actor.username() + " may not work at counter " + counter
                            + "; please sign in at the counter you are assigned to.");
        }
    }

    @FunctionalInterface
    private interface CounterCommand {
        CompletionStage<CounterView> apply(String site, int counter, Actor actor);
    }

    private void command(RoutingContext ctx, CounterCommand command) {
        String site = PathParams.site(ctx);
        int counter = PathParams.counter(ctx);
        Actor actor = Authenticator.actor(ctx);
        requireAllowedCounter(actor, counter);
        EngineCalls.call(ctx, () -> command.apply(site, counter, actor))
                .onSuccess(view -> Replies.json(ctx, 200, view.toJson()))
                .onFailure(ctx::fail);
    }
}
