package org.xephang.core.backend.forward;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.xephang.api.VietnamTime;
import org.xephang.core.persistence.Outbox;

/**
 * OpenCPS bookings (docs/domain-vn.md §2): each change of a ticket's queue state is a form {@code POST
 * <base>/o/rest/v2/bookings} with {@code className}, {@code classPK} (our ticket id), {@code codeNumber} (the ticket
 * number), {@code serviceCode}, {@code gateNumber} (the counter), {@code state} (1 waiting, 2 being called or served, 3
 * skipped, 4 done) and {@code checkinDate} ({@code dd/MM/yyyy HH:mm:ss}, Vietnam time). Ratings, dossier links,
 * counter and device events have no booking state and are skipped.
 */
final class OpenCpsBookingProfile implements DeliveryProfile {

    static final String CLASS_NAME = "org.xephang.ticket";
    private static final DateTimeFormatter CHECKIN =
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(VietnamTime.ZONE);

    private final String url;
    private final String groupId;
    private final Map<String, String> serviceCodes;

    OpenCpsBookingProfile(String baseUrl, String groupId, Map<String, String> serviceCodes) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.url = base + "/o/rest/v2/bookings";
        this.groupId = groupId;
        this.serviceCodes = serviceCodes;
    }

    @Override
    public String name() {
        return "opencps";
    }

    @Override
    public Optional<OutboundRequest> render(Outbox.Entry event) {
        Integer state = state(event.type());
        JsonObject ticket = event.payload().getJsonObject("ticket");
        if (state == null || ticket == null) {
            return Optional.empty();
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("className", CLASS_NAME);
        form.put("classPK", ticket.getString("id"));
        form.put("codeNumber", ticket.getString("number"));
        String service = ticket.getString("service");
        form.put("serviceCode", serviceCodes.getOrDefault(service, service));
        Integer counter = ticket.getInteger("counter");
        form.put("gateNumber", counter == null ? "" : counter.toString());
        form.put("state", state.toString());
        String issuedAt = ticket.getString("issuedAt");
        form.put("checkinDate", issuedAt == null ? "" : CHECKIN.format(Instant.parse(issuedAt)));
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(encode(name) + "=" + encode(value == null ? "" : value)));
        Map<String, String> headers = groupId == null ? Map.of() : Map.of("groupId", groupId);
        return Optional.of(new OutboundRequest(
                HttpMethod.POST,
                url,
                "application/x-www-form-urlencoded; charset=utf-8",
                Buffer.buffer(body.toString()),
                headers));
    }

    /** The booking state of an event type, or null when the type has none. */
    static Integer state(String type) {
        return switch (type) {
            case "ticket.issued", "ticket.transferred" -> 1;
            case "ticket.called", "ticket.recalled", "ticket.started" -> 2;
            case "ticket.no-show", "ticket.cancelled" -> 3;
            case "ticket.completed" -> 4;
            default -> null;
        };
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
