package org.xephang.core.backend.forward;

import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;
import org.xephang.core.persistence.Outbox;

/**
 * Our documented generic webhook ({@code docs/webhook.md}): every event, {@code POST} to the configured URL, the body
 * being the event's JSON exactly as the event stream shows it.
 */
final class GenericWebhookProfile implements DeliveryProfile {

    private final String url;

    GenericWebhookProfile(String url) {
        this.url = url;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Optional<OutboundRequest> render(Outbox.Entry event) {
        return Optional.of(new OutboundRequest(
                HttpMethod.POST,
                url,
                "application/json; charset=utf-8",
                event.payload().toBuffer(),
                Map.of()));
    }
}
