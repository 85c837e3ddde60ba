package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.Ticket;

/**
 * The officer's actions at a desk, carried out through the core with the officer's own session: call next, call a
 * number, recall, start, complete (which opens the rating window), no-show, transfer, link a dossier, pause, resume;
 * and finding a ticket by the number typed (the open tickets seen on the event stream first, then the server). Used on
 * the agent's context only.
 */
final class DeskActions {

    private static final int KNOWN_NUMBERS = 5_000;
    private static final Pattern TICKET_NUMBER = Pattern.compile("([A-Z]+)0*(\\d+)");

    private final DeskViews views;
    private final RatingWindow ratings;
    private final Supplier<JsonObject> site;
    private final Map<String, String> openTicketIds = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KNOWN_NUMBERS;
        }
    };

    /** @param site the site's description, or null before it has loaded */
    DeskActions(DeskViews views, RatingWindow ratings, Supplier<JsonObject> site) {
        this.views = views;
        this.ratings = ratings;
        this.site = site;
    }

    /** A message for the officer in Vietnamese and in English. */
    record Said(String vi, String en) {}

    /** Carries out one action; answers a message for the officer, or null. */
    Future<Said> perform(Desk desk, String action, JsonObject body) {
        OfficerSession officer = desk.officer;
        int counter = desk.number;
        return switch (action) {
            case "call-next" ->
                officer.callNext(counter).map(next -> {
                    next.ifPresent(ticket -> holding(desk, ticket));
                    return next.isPresent()
                            ? null
                            : new Said(
                                    "Không còn ai đang chờ ở các lĩnh vực của quầy này.",
                                    "Nobody is waiting in this counter's services.");
                });
            case "call" ->
                resolveTicket(officer, body.getString("number"))
                        .compose(officer::call)
                        .map(ticket -> holding(desk, ticket));
            case "recall" -> current(desk).compose(officer::recall).map(ticket -> holding(desk, ticket));
            case "start" -> current(desk).compose(officer::start).map(ticket -> holding(desk, ticket));
            case "complete" ->
                current(desk).compose(officer::complete).map(ticket -> {
                    released(desk);
                    ratings.open(desk, ticket);
                    return null;
                });
            case "no-show" -> current(desk).compose(officer::noShow).map(ticket -> released(desk));
            case "transfer" -> transfer(desk, officer, body);
            case "dossier" -> dossier(desk, officer, body);
            case "pause" -> pause(desk, officer, body.getString("reason"));
            case "resume" ->
                officer.resume(counter).map(view -> {
                    desk.view = view;
                    views.deskChanged(desk);
                    return null;
                });
            default ->
                Future.failedFuture(new QueueError(
                        ErrorCode.NOT_FOUND, "Không có thao tác " + action, "No such action: " + action));
        };
    }

    private Future<Said> transfer(Desk desk, OfficerSession officer, JsonObject body) {
        String service = blankToNull(body.getString("service"));
        Integer counter = body.getInteger("counter");
        if ((service == null) == (counter == null)) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Chọn một lĩnh vực hoặc một quầy để chuyển đến",
                    "Choose a service or a counter to transfer to"));
        }
        boolean front = !"back".equalsIgnoreCase(body.getString("position", "back"));
        return current(desk)
                .compose(id -> officer.transfer(id, service, counter, front))
                .map(ticket -> {
                    released(desk);
                    return new Said(
                            "Đã chuyển số " + ticket.number() + " đến "
                                    + (service != null ? "lĩnh vực " + serviceName(service) : "quầy " + counter)
                                    + (front ? " (đầu hàng)." : " (cuối hàng)."),
                            "Transferred number " + ticket.number() + " to "
                                    + (service != null ? "the service " + serviceName(service) : "counter " + counter)
                                    + (front ? " (front of the line)." : " (back of the line)."));
                });
    }

    /** The field's name in the site's description ("Đăng ký kinh doanh"), or its code before the site has loaded. */
    private String serviceName(String code) {
        JsonObject description = site.get();
        JsonArray services = description == null ? null : description.getJsonArray("services");
        if (services != null) {
            for (Object item : services) {
                if (item instanceof JsonObject service && code.equals(service.getString("code"))) {
                    return service.getString("name", code);
                }
            }
        }
        return code;
    }

    private Future<Said> dossier(Desk desk, OfficerSession officer, JsonObject body) {
        String code = DossierCodes.normalise(body.getString("code"));
        if (code == null) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Không đọc được mã hồ sơ. Vui lòng nhập lại.",
                    "Could not read the dossier code. Please enter it again."));
        }
        String ticketId = body.getString("ticketId");
        Future<String> target = ticketId != null ? Future.succeededFuture(ticketId) : current(desk);
        return target.compose(id -> officer.linkDossier(id, code)).map(ticket -> {
            if (desk.ticket() != null && desk.ticket().id().equals(ticket.id())) {
                holding(desk, ticket);
            }
            return new Said(
                    "Đã gắn mã hồ sơ " + code + " với số " + ticket.number() + ".",
                    "Linked the dossier code " + code + " to number " + ticket.number() + ".");
        });
    }

    private Future<Said> pause(Desk desk, OfficerSession officer, String reason) {
        if (reason == null || reason.isBlank()) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Vui lòng nhập lý do tạm dừng",
                    "Please enter the reason for the pause"));
        }
        return officer.pause(desk.number, reason.strip()).map(view -> {
            desk.view = view;
            views.deskChanged(desk);
            return null;
        });
    }

    /** The ticket to reprint: the one typed or scanned, or the one the counter holds now. */
    Future<Ticket> ticketToReprint(Desk desk, String typed) {
        Future<String> id = typed == null || typed.isBlank() ? current(desk) : resolveTicket(desk.officer, typed);
        return id.compose(desk.officer::ticket);
    }

    /** Remembers the open tickets' numbers seen on the event stream, so a typed number is found at once. */
    void ticketSeen(QueueEvent event) {
        Ticket ticket = event.ticket();
        if (ticket != null && ticket.number() != null) {
            if (ticket.state().isOpen()) {
                openTicketIds.put(ticket.number(), ticket.id());
            } else {
                openTicketIds.remove(ticket.number());
            }
        }
    }

    /** The ticket the counter holds now, or a refusal saying there is none. */
    private static Future<String> current(Desk desk) {
        Ticket ticket = desk.ticket();
        return ticket == null
                ? Future.failedFuture(new QueueError(
                        ErrorCode.INVALID_TRANSITION,
                        "Quầy đang không phục vụ số nào. Hãy bấm Gọi số tiếp.",
                        "The counter is not serving any ticket. Press Call next."))
                : Future.succeededFuture(ticket.id());
    }

    /**
     * Finds a ticket to call by its printed number ({@code A012}), or by its id or status URL (a scanned ticket QR). A
     * number this agent has not seen on the event stream (issued before it started, or before a reconnection) is asked
     * of the server, which knows every ticket of the day.
     */
    private Future<String> resolveTicket(OfficerSession officer, String typed) {
        if (typed == null || typed.isBlank()) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Vui lòng nhập số cần gọi, ví dụ A012",
                    "Please enter the number to call, for example A012"));
        }
        String text = typed.strip();
        String fromUrl = DossierCodes.ticketIdFromUrl(text);
        if (fromUrl != null) {
            return Future.succeededFuture(fromUrl);
        }
        String number = text.toUpperCase(Locale.ROOT).replace(" ", "");
        String id = openTicketIds.get(number);
        if (id == null) {
            id = openTicketIds.get(normaliseNumber(number));
        }
        if (id != null) {
            return Future.succeededFuture(id);
        }
        return officer.ticketByNumber(number).map(Ticket::id).recover(failure -> {
            if (failure instanceof QueueError error
                    && (error.code() == ErrorCode.UNKNOWN_TICKET || error.code() == ErrorCode.NOT_FOUND)) {
                // NOT_FOUND: a server older than the lookup; either way the number is not known today.
                return Future.failedFuture(new QueueError(
                        ErrorCode.UNKNOWN_TICKET,
                        "Không tìm thấy số " + number + " trong hàng chờ hôm nay. Có thể quét mã QR trên vé.",
                        "Number " + number + " is not in today's queue. You can scan the QR code on the ticket."));
            }
            return Future.failedFuture(failure);
        });
    }

    /** "A12" typed for "A012": the known number with the same letters and value, or the text as typed. */
    private String normaliseNumber(String number) {
        Matcher typed = TICKET_NUMBER.matcher(number);
        if (!typed.matches()) {
            return number;
        }
        for (String known : openTicketIds.keySet()) {
            Matcher candidate = TICKET_NUMBER.matcher(known);
            if (candidate.matches()
                    && candidate.group(1).equals(typed.group(1))
                    && candidate.group(2).equals(typed.group(2))) {
                return known;
            }
        }
        return number;
    }

    private Said holding(Desk desk, Ticket ticket) {
        desk.holding(ticket);
        views.deskChanged(desk);
        return null;
    }

    private Said released(Desk desk) {
        return holding(desk, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
