package org.xephang.core.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueService;
import org.xephang.core.RatingCommand;
import org.xephang.core.TransferCommand;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.backend.lookup.ClientRateLimiter;

/** Issue a ticket, read one, and every command on one ticket (§5). */
final class TicketRoutes {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Logger LOG = LoggerFactory.getLogger(TicketRoutes.class);
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
    private static final int MAX_DOSSIER_CODE_LENGTH = 64;
    private static final int MAX_NUMBER_LENGTH = 16;

    private final QueueService queue;
    private final ApiMetrics metrics;

    /**
     * By default a kiosk issues at most {@value #KIOSK_ISSUES_PER_MINUTE} tickets a minute, in bursts of a third of that: a person
     * needs seconds per ticket, a script taking a day's numbers does not (issue 13 finding 5).
     */
    public static final int KIOSK_ISSUES_PER_MINUTE = 30;

    private final ClientRateLimiter kioskIssues;

    TicketRoutes(QueueService queue, ApiMetrics metrics, Clock clock, int kioskIssuesPerMinute) {
        this.queue = queue;
        this.metrics = metrics;
        this.kioskIssues = new ClientRateLimiter(clock, kioskIssuesPerMinute);
    }

    void issue(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        RequestBody body = RequestBody.of(ctx);
        Actor actor = Authenticator.actor(ctx);
        if (actor.role() == Role.KIOSK) {
            Duration wait = kioskIssues.acquire(actor.username());
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                metrics.issueRefused(site, actor.username());
                LOG.warn(
                        "Kiosk {} of site {} issues faster than people can take tickets: refused",
                        actor.username(),
                        site);
                throw new QueueError(
                        ErrorCode.RATE_LIMITED,
                        "Ki-ốt lấy số nhanh bất thường; hãy thử lại sau " + seconds + " giây.",
                        "The kiosk is taking numbers unusually fast; please try again in " + seconds + " seconds.",
                        new JsonObject().put("retryAfterSeconds", seconds));
            }
        }
        String key = idempotencyKey(ctx);
        // Scoped to the account, so two kiosks that happen to use the same key never share a ticket.
        IssueCommand command = new IssueCommand(
                body.requiredText("service"),
                body.optionalText("priority"),
                body.optionalText("channel"),
                key == null ? null : actor.username() + "/" + key);
        EngineCalls.call(ctx, () -> queue.issue(site, command, actor))
                .onSuccess(result -> {
                    if (!result.replayed()) {
                        metrics.ticketIssued(site, result.ticket().service());
                    }
                    ctx.response()
                            .putHeader(
                                    "Location",
                                    "/api/v1/tickets/" + result.ticket().id());
                    Replies.json(
                            ctx, result.replayed() ? 200 : 201, result.ticket().toJson());
                })
                .onFailure(ctx::fail);
    }

    private static String idempotencyKey(RoutingContext ctx) {
        String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
        if (key == null) {
            return null;
        }
        if (key.isBlank()
                || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Tiêu đề Idempotency-Key phải gồm 1–" + MAX_IDEMPOTENCY_KEY_LENGTH
                            + " ký tự ASCII in được, không có dấu cách.",
                    "The Idempotency-Key header must have 1–" + MAX_IDEMPOTENCY_KEY_LENGTH
                            + " printable ASCII characters, without spaces.");
        }
        return key;
    }

    /**
     * Staff: today's ticket with the printed number {@code ?number=A012} (read leniently: {@code a12} too), for "Gọi số
     * cụ thể" at a counter that did not see the ticket issued.
     */
    void findByNumber(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        String number = ctx.request().getParam("number");
        if (number == null || number.isBlank()) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Cần tham số number là số vé cần tìm, ví dụ ?number=A012.",
                    "The parameter number, the ticket number to find, is needed, for example ?number=A012.");
        }
        if (number.length() > MAX_NUMBER_LENGTH) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Số vé dài quá " + MAX_NUMBER_LENGTH + " ký tự, ví dụ đúng: A012.",
                    "The ticket number is longer than " + MAX_NUMBER_LENGTH + " characters; a correct example: A012.");
        }
        Ticket ticket = queue.ticketByNumber(site, number)
                .orElseThrow(() -> new QueueError(
                        ErrorCode.UNKNOWN_TICKET,
                        "Hôm nay không có vé số "
                                + number.replaceAll("\\s+", "").toUpperCase(Locale.ROOT) + " tại điểm này.",
                        "There is no ticket number "
                                + number.replaceAll("\\s+", "").toUpperCase(Locale.ROOT) + " at this site today."));
        Replies.json(ctx, 200, ticket.toJson());
    }

    /** Public: the {@linkplain Ticket#toPublicJson() public view}; staff see the whole ticket. */
    void get(RoutingContext ctx) {
        String id = PathParams.ticketId(ctx);
        Ticket ticket = queue.ticket(id).orElseThrow(() -> unknownTicket());
        Replies.json(ctx, 200, view(ctx, ticket));
    }

    /** The whole ticket for staff; the public view for devices and anonymous callers. */
    static JsonObject view(RoutingContext ctx, Ticket ticket) {
        return Authenticator.seesFullView(ctx, ticket.site()) ? ticket.toJson() : ticket.toPublicJson();
    }

    static QueueError unknownTicket() {
        return new QueueError(ErrorCode.UNKNOWN_TICKET, "Không tìm thấy phiếu này.", "No such ticket.");
    }

    void call(RoutingContext ctx) {
        command(ctx, queue::call);
    }

    void recall(RoutingContext ctx) {
        command(ctx, queue::recall);
    }

    void start(RoutingContext ctx) {
        command(ctx, queue::start);
    }

    void complete(RoutingContext ctx) {
        command(ctx, queue::complete);
    }

    void noShow(RoutingContext ctx) {
        command(ctx, queue::noShow);
    }

    void cancel(RoutingContext ctx) {
        command(ctx, queue::cancel);
    }

    void transfer(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String service = body.optionalText("service");
        Integer counter = body.optionalInt("counter");
        if ((service == null) == (counter == null)) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Cần đúng một trong hai trường \"service\" hoặc \"counter\".",
                    "Exactly one of the fields \"service\" or \"counter\" is needed.");
        }
        if (counter != null && counter <= 0) {
            throw RequestBody.invalid("counter", "phải là số nguyên dương", "must be a positive whole number");
        }
        TransferCommand command = new TransferCommand(service, counter, position(body.requiredText("position")));
        command(ctx, (id, actor) -> queue.transfer(id, command, actor));
    }

    private static TransferCommand.Position position(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "front" -> TransferCommand.Position.FRONT;
            case "back" -> TransferCommand.Position.BACK;
            default ->
                throw RequestBody.invalid(
                        "position", "phải là \"front\" hoặc \"back\"", "must be \"front\" or \"back\"");
        };
    }

    void linkDossier(RoutingContext ctx) {
        String code = RequestBody.of(ctx).requiredText("code");
        if (code.length() > MAX_DOSSIER_CODE_LENGTH) {
            throw RequestBody.invalid(
                    "code",
                    "dài quá " + MAX_DOSSIER_CODE_LENGTH + " ký tự",
                    "is longer than " + MAX_DOSSIER_CODE_LENGTH + " characters");
        }
        command(ctx, (id, actor) -> queue.linkDossier(id, code, actor));
    }

    void rate(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        int level = body.requiredInt("level");
        Integer scale = body.optionalInt("scale");
        int buttons = scale == null ? 3 : scale;
        if (buttons < 3 || buttons > 5) {
            throw RequestBody.invalid("scale", "phải là 3, 4 hoặc 5", "must be 3, 4 or 5");
        }
        if (level < 1 || level > buttons) {
            throw RequestBody.invalid("level", "phải từ 1 đến " + buttons, "must be from 1 to " + buttons);
        }
        RatingCommand command = new RatingCommand(level, buttons, body.optionalText("device"));
        command(ctx, (id, actor) -> queue.rate(id, command, actor));
    }

    private void command(RoutingContext ctx, BiFunction<String, Actor, CompletionStage<Ticket>> command) {
        String id = PathParams.ticketId(ctx);
        Actor actor = Authenticator.actor(ctx);
        // A ticket of another site is refused like any other act there (its existence is not secret: it is public).
        queue.ticket(id).ifPresent(ticket -> {
            if (!actor.mayActAt(ticket.site())) {
                throw Authenticator.notAtSite(ticket.site());
            }
        });
        EngineCalls.call(ctx, () -> command.apply(id, actor))
                .onSuccess(ticket -> Replies.json(ctx, 200, view(ctx, ticket)))
                .onFailure(ctx::fail);
    }
}
