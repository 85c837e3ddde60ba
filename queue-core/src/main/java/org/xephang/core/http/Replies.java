package org.xephang.core.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.xephang.api.QueueError;

/** Writes JSON answers. Error answers go only through {@link ApiFailureHandler}. */
final class Replies {

    static final String JSON = "application/json; charset=utf-8";

    private Replies() {}

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", JSON)
                .putHeader("Cache-Control", "no-store")
                .end(body.toBuffer());
    }

    static void noContent(RoutingContext ctx) {
        ctx.response().setStatusCode(204).end();
    }

    static void error(RoutingContext ctx, QueueError error) {
        json(ctx, error.code().httpStatus(), error.toJson());
    }
}
