package org.xephang.core.backend.notify;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xephang.core.backend.forward.OutboundRequest;
import org.xephang.core.notify.Notification;
import org.xephang.core.notify.NotificationKind;

/**
 * Zalo Notification Service (ZNS) template messages ({@code docs/notifications.md}): one {@code POST} per message to
 * the template endpoint, the OA's access token in the {@code access_token} header,
 *
 * <pre>
 * {"phone": "84912345678", "template_id": "231456",
 *  "template_data": {"ticket_number": "A012", "site_name": "…", "position": "2", "counter": "5"},
 *  "tracking_id": "T42:near-turn"}
 * </pre>
 *
 * Each kind has its own template approved by Zalo (its parameters are those above). Zalo answers HTTP 200 with {@code
 * {"error": 0, …}} when accepted and a negative {@code error} with a {@code message} when not: that is a refusal (a
 * template, token or quota problem the supervisor must see), while 408, 429 and 5xx are retried.
 */
public final class ZaloZnsProfile implements NotificationProfile {

    public static final String DEFAULT_URL = "https://business.openapi.zalo.me/message/template";
    public static final String TOKEN_HEADER = "access_token";
    /**
     * The kinds a Zalo template can carry: a ticket's two (required) and a booking's two (optional: without their
     * template, a booking's messages are listed as given up). A dossier reply answers an SMS, so it goes by SMS.
     */
    public static final List<NotificationKind> TEMPLATED = List.of(
            NotificationKind.NEAR_TURN,
            NotificationKind.CALLED,
            NotificationKind.BOOKED,
            NotificationKind.BOOKING_MOVED);

    /** The OA's settings ({@code notifications.zalo}); the token is never printed. */
    public record Config(String url, String accessToken, Map<NotificationKind, String> templates) {

        public Config {
            url = url == null || url.isBlank() ? DEFAULT_URL : url;
            templates = templates == null ? Map.of() : Map.copyOf(templates);
            List<String> problems = new ArrayList<>();
            if (!(url.startsWith("http://") || url.startsWith("https://"))) {
                problems.add("notifications.zalo.url: an http:// or https:// URL is required");
            }
            if (accessToken == null || accessToken.isBlank()) {
                problems.add("notifications.zalo.accessToken: required");
            }
            for (NotificationKind kind : TEMPLATED) {
                String id = templates.get(kind);
                boolean required = kind.ofTicket();
                if ((id == null && required) || (id != null && !id.matches("\\d{1,20}"))) {
                    problems.add("notifications.zalo.templates." + kind.code() + ": the approved template's id"
                            + " (digits) is " + (required ? "required" : "optional, but digits when given"));
                }
            }
            for (NotificationKind kind : templates.keySet()) {
                if (!TEMPLATED.contains(kind)) {
                    problems.add("notifications.zalo.templates." + kind.code() + ": not sent by Zalo (only "
                            + TEMPLATED.stream().map(NotificationKind::code).toList() + ")");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", problems));
            }
        }

        @Override
        public String toString() {
            return "Config[url=" + url + ", accessToken=***, templates=" + templates + "]";
        }
    }

    private final Config config;

    public ZaloZnsProfile(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "zalo";
    }

    @Override
    public boolean sends(NotificationKind kind) {
        return config.templates().containsKey(kind);
    }

    @Override
    public OutboundRequest render(Notification notification) {
        JsonObject data = new JsonObject()
                .put("ticket_number", notification.ticketNumber())
                .put("site_name", notification.siteName());
        switch (notification.kind()) {
            case NEAR_TURN -> data.put("position", Integer.toString(notification.position()));
            case CALLED -> data.put("counter", notification.counter());
            case BOOKED, BOOKING_MOVED ->
                data.put("booking_code", notification.ticketNumber())
                        .put("service", notification.details().get("service"))
                        .put("time", notification.details().get("when"));
            case DOSSIER_REPLY -> throw new IllegalArgumentException("a dossier reply goes by SMS, not Zalo");
        }
        JsonObject body = new JsonObject()
                .put("phone", notification.phone().msisdn())
                .put("template_id", config.templates().get(notification.kind()))
                .put("template_data", data)
                .put("tracking_id", notification.idempotencyKey());
        return new OutboundRequest(
                HttpMethod.POST,
                config.url(),
                "application/json; charset=utf-8",
                body.toBuffer(),
                Map.of(TOKEN_HEADER, config.accessToken()));
    }

    @Override
    public ProviderReply read(int status, String body) {
        ProviderReply byStatus = ProviderReply.ofStatus(status);
        if (byStatus.outcome() != ProviderReply.Outcome.ACCEPTED) {
            return byStatus;
        }
        JsonObject answer;
        try {
            answer = body == null || body.isBlank() ? null : new JsonObject(body);
        } catch (DecodeException unreadable) {
            answer = null;
        }
        if (answer == null || !(answer.getValue("error") instanceof Number error)) {
            return new ProviderReply(ProviderReply.Outcome.RETRY, "Zalo: unreadable answer");
        }
        if (error.intValue() == 0) {
            return ProviderReply.accepted();
        }
        String message = answer.getValue("message") instanceof String text ? text : "";
        return new ProviderReply(
                ProviderReply.Outcome.REJECTED,
                "Zalo error " + error.intValue() + (message.isEmpty() ? "" : ": " + abbreviate(message)));
    }

    /** One line of at most 120 characters, without a phone number Zalo may echo back (it is logged and listed). */
    private static String abbreviate(String text) {
        String line = text.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\+?\\d[\\d .-]{6,}\\d", "***");
        return line.length() <= 120 ? line : line.substring(0, 120) + "…";
    }
}
