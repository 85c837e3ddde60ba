package org.xephang.dossiersim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * One forwarded request the simulated dossier system received.
 *
 * @param path {@code /webhook} or {@code /o/rest/v2/bookings}
 * @param idempotencyKey the {@code Idempotency-Key} header (the event id), or null when missing
 * @param signatureValid whether {@code X-Xephang-Signature} matched the body and timestamp
 * @param duplicate whether an earlier valid request carried the same idempotency key
 * @param form the form fields for form-encoded bodies (OpenCPS), empty otherwise
 */
public record ReceivedDelivery(
        String path,
        String idempotencyKey,
        String eventType,
        Buffer body,
        Map<String, String> form,
        boolean signatureValid,
        boolean duplicate,
        Instant at) {

    /** The body as JSON, for the generic webhook. */
    public JsonObject json() {
        return body.toJsonObject();
    }

    JsonObject summary() {
        return new JsonObject()
                .put("path", path)
                .put("idempotencyKey", idempotencyKey)
                .put("eventType", eventType)
                .put("signatureValid", signatureValid)
                .put("duplicate", duplicate)
                .put("at", at.toString());
    }
}
