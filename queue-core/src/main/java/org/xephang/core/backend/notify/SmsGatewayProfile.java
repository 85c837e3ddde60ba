package org.xephang.core.backend.notify;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xephang.core.backend.forward.OutboundRequest;
import org.xephang.core.notify.Notification;
import org.xephang.core.notify.NotificationText;

/**
 * A generic HTTP SMS gateway in the style of Vietnamese brandname SMS APIs ({@code docs/notifications.md}): one JSON
 * {@code POST} per message, the API key in a header,
 *
 * <pre>
 * {"to": "84912345678", "brandname": "UBND-Q1", "message": "…", "unicode": false, "requestId": "T42:called"}
 * </pre>
 *
 * Without {@code unicode} the text is sent without diacritics (most brandname routes take GSM characters only). A 2xx
 * means accepted; 408, 429 and 5xx are retried; any other status is a refusal. Gateways that drop a repeated {@code
 * requestId} make our at-least-once delivery exactly-once for the citizen.
 */
public final class SmsGatewayProfile implements NotificationProfile {

    /** The gateway's settings ({@code notifications.sms} in the centre configuration); the key is never printed. */
    public record Config(String url, String apiKey, String apiKeyHeader, String brandname, boolean unicode) {

        public static final String DEFAULT_API_KEY_HEADER = "X-Api-Key";

        public Config {
            apiKeyHeader = apiKeyHeader == null || apiKeyHeader.isBlank() ? DEFAULT_API_KEY_HEADER : apiKeyHeader;
            List<String> problems = new ArrayList<>();
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                problems.add("notifications.sms.url: an http:// or https:// URL is required");
            } else {
                try {
                    URI.create(url);
                } catch (IllegalArgumentException bad) {
                    problems.add("notifications.sms.url: not a URL");
                }
            }
            if (apiKey == null || apiKey.isBlank()) {
                problems.add("notifications.sms.apiKey: required");
            }
            if (brandname == null || !brandname.matches("[A-Za-z0-9 ._-]{1,11}")) {
                problems.add("notifications.sms.brandname: 1 to 11 letters, digits, spaces, '.', '_' or '-'");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", problems));
            }
        }

        @Override
        public String toString() {
            return "Config[url=" + url + ", apiKey=***, apiKeyHeader=" + apiKeyHeader + ", brandname=" + brandname
                    + ", unicode=" + unicode + "]";
        }
    }

    private final Config config;

    public SmsGatewayProfile(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "sms";
    }

    @Override
    public OutboundRequest render(Notification notification) {
        String text = config.unicode() ? notification.text() : NotificationText.unaccented(notification.text());
        JsonObject body = new JsonObject()
                .put("to", notification.phone().msisdn())
                .put("brandname", config.brandname())
                .put("message", text)
                .put("unicode", config.unicode())
                .put("requestId", notification.idempotencyKey());
        return new OutboundRequest(
                HttpMethod.POST,
                config.url(),
                "application/json; charset=utf-8",
                body.toBuffer(),
                Map.of(config.apiKeyHeader(), config.apiKey()));
    }

    @Override
    public ProviderReply read(int status, String body) {
        return ProviderReply.ofStatus(status);
    }
}
