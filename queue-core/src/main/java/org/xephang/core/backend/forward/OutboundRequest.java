package org.xephang.core.backend.forward;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.Map;

/**
 * One HTTP request a {@link DeliveryProfile} makes of an event. The forwarder adds the {@code Idempotency-Key},
 * signature, timestamp and event-type headers and sends {@code body} byte for byte as signed.
 *
 * @param headers extra headers of the profile (for example OpenCPS {@code groupId})
 */
public record OutboundRequest(
        HttpMethod method, String url, String contentType, Buffer body, Map<String, String> headers) {

    public OutboundRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
