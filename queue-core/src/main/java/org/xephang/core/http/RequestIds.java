package org.xephang.core.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * A request id for every HTTP request: the client's {@code X-Request-Id} when it is a plain token (a reverse proxy's),
 * else a new one; answered in {@code X-Request-Id} and put in the logging MDC as {@code requestId} while the request's
 * handlers run on the event loop, and again while its failure is handled, so that every log line of a request carries
 * it (JSON logs: {@code "mdc":{"requestId":…}}). It is random: it says nothing about the citizen or the ticket.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final String CONTEXT_KEY = "xephang.requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {}

    /** First handler of every request. */
    static Handler<RoutingContext> assign() {
        return ctx -> {
            String given = ctx.request().getHeader(HEADER);
            String id = given != null && PLAIN.matcher(given).matches()
                    ? given
                    : UUID.randomUUID().toString();
            ctx.put(CONTEXT_KEY, id);
            ctx.response().putHeader(HEADER, id);
            withId(id, ctx::next);
        };
    }

    /** First failure handler: the request id is in the MDC while the next failure handler logs and answers. */
    static Handler<RoutingContext> onFailure() {
        return ctx -> withId(ctx.get(CONTEXT_KEY), ctx::next);
    }

    /** The request's id, or null before {@link #assign()} ran. */
    static String of(RoutingContext ctx) {
        return ctx.get(CONTEXT_KEY);
    }

    private static void withId(String id, Runnable next) {
        if (id == null) {
            next.run();
            return;
        }
        String outer = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            next.run();
        } finally {
            if (outer == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, outer);
            }
        }
    }
}
