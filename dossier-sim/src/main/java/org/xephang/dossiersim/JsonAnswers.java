package org.xephang.dossiersim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.xephang.api.VietnamTime;

/** The JSON answers and the date formats of the simulated systems, in Vietnam's time zone. */
final class JsonAnswers {

    private static final DateTimeFormatter IGATE_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(VietnamTime.ZONE);
    private static final DateTimeFormatter DVCQG_DATE =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(VietnamTime.ZONE);
    private static final DateTimeFormatter ISO_OFFSET =
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(VietnamTime.ZONE);

    private JsonAnswers() {}

    /** The request body as a JSON object, or {@code null} when it is not one. */
    static JsonObject body(RoutingContext ctx) {
        try {
            return ctx.body().asJsonObject();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    /** ISO-8601 with the +07:00 offset (the generic style). */
    static String iso(Instant instant) {
        return instant == null ? null : ISO_OFFSET.format(instant);
    }

    /** {@code 2024-05-06T08:30:00.000+0700} (iGate). */
    static String igate(Instant instant) {
        return instant == null ? null : IGATE_DATE.format(instant);
    }

    /** {@code 20240506083000} (DVCQG). */
    static String dvcqg(Instant instant) {
        return instant == null ? null : DVCQG_DATE.format(instant);
    }
}
