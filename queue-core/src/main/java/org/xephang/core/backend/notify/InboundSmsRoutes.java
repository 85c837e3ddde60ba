package org.xephang.core.backend.notify;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.SiteInfo;
import org.xephang.api.webhook.WebhookSignature;
import org.xephang.core.QueueService;
import org.xephang.core.backend.lookup.ClientRateLimiter;
import org.xephang.core.backend.lookup.DossierLookup;
import org.xephang.core.notify.NotificationKind;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.persistence.NotificationOutbox;

/**
 * Dossier lookup by SMS (issue 17 item 4, {@code docs/notifications.md}): the SMS gateway posts each message citizens
 * send to the site's number to {@code POST /api/v1/sites/{site}/sms/inbound}
 *
 * <pre>
 * {"id": "gateway-message-id", "from": "0912345678", "text": "HS H21.65-261122-0001"}
 * </pre>
 *
 * signed like our own webhooks ({@link WebhookSignature}: {@code X-Xephang-Timestamp} and {@code X-Xephang-Signature},
 * HMAC-SHA256 with {@code notifications.inbound.secret} over the timestamp, a dot and the body). A bad or stale
 * signature is 401; the same signed request again is 409 ({@link ReplayGuard}); a number that asked more than {@value
 * #LOOKUPS_PER_NUMBER_PER_MINUTE} times a minute gets 429 and no answer. Otherwise the dossier is looked up through the
 * centre's lookup provider and the answer ({@link DossierSmsReply}: masked as on the kiosk; a polite Vietnamese text
 * for an unknown code, no code, or a dossier system that does not answer) is queued in the notification outbox and sent
 * by SMS: 202. The gateway's message id makes the answer idempotent: a message delivered twice is answered once.
 *
 * <p>The number is never logged nor answered back; it is kept in the outbox row until the answer is sent or given up.
 * Call from an event loop.
 */
public final class InboundSmsRoutes {

    static final String PATH = NotificationRoutes.PREFIX + "/sites/:site/sms/inbound";
    /** Lookups one number may make a minute, one at a time (a citizen, not a script): 3 a minute, burst 1. */
    static final int LOOKUPS_PER_NUMBER_PER_MINUTE = 3;
    /** How far a signed timestamp may be from our clock, either side. */
    static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;
    /** Signatures remembered within the window; beyond that, requests are refused until the window moves. */
    static final int REMEMBERED_SIGNATURES = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(InboundSmsRoutes.class);
    private static final String ROUTE_KEY = "xephang.route";
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int LONGEST_BODY_TEXT = 2_000;

    private final WebhookSignature signature;
    private final boolean canReply;
    private final DossierLookup lookup;
    private final Supplier<QueueService> queue;
    private final java.util.function.Function<String, NotificationOutbox> outbox;
    private final Clock clock;
    private final ReplayGuard replays;
    private final ClientRateLimiter perNumber;

    /**
     * @param secret {@code notifications.inbound.secret}, or null (the route then answers 404)
     * @param canReply whether the centre has an SMS account to answer with
     */
    public InboundSmsRoutes(
            String secret,
            boolean canReply,
            DossierLookup lookup,
            Supplier<QueueService> queue,
            java.util.function.Function<String, NotificationOutbox> outbox,
            Clock clock) {
        this.signature = secret == null ? null : new WebhookSignature(secret);
        this.canReply = canReply;
        this.lookup = lookup;
        this.queue = queue;
        this.outbox = outbox;
        this.clock = clock;
        this.replays = new ReplayGuard(clock, TOLERANCE.multipliedBy(2), REMEMBERED_SIGNATURES);
        this.perNumber = new ClientRateLimiter(clock, LOOKUPS_PER_NUMBER_PER_MINUTE);
    }

    public void mount(Router router) {
        router.route(HttpMethod.POST, PATH)
                .setName(PATH)
                .handler(ctx -> {
                    ctx.put(ROUTE_KEY, PATH);
                    ctx.next();
                })
                .handler(this::inbound);
    }

    private void inbound(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        if (signature == null) {
            ctx.fail(new QueueError(
                    ErrorCode.NOT_FOUND,
                    "Máy chủ này không nhận tin nhắn đến (chưa cấu hình notifications.inbound.secret).",
                    "This server does not accept incoming messages (notifications.inbound.secret is not configured)."));
            return;
        }
        byte[] raw = ctx.body() == null || ctx.body().buffer() == null
                ? new byte[0]
                : ctx.body().buffer().getBytes();
        String signed = ctx.request().getHeader(WebhookSignature.SIGNATURE_HEADER);
        if (!signature.verify(
                signed, ctx.request().getHeader(WebhookSignature.TIMESTAMP_HEADER), raw, clock.instant(), TOLERANCE)) {
            LOG.warn("site {}: inbound SMS refused: bad or stale signature", site);
            ctx.fail(new QueueError(
                    ErrorCode.UNAUTHENTICATED,
                    "Chữ ký của tin nhắn đến không hợp lệ hoặc đã quá thời hạn 5 phút.",
                    "The signature of the incoming message is invalid or older than 5 minutes."));
            return;
        }
        if (!replays.firstTime(signed)) {
            LOG.warn("site {}: inbound SMS refused: replayed signature", site);
            ctx.fail(new QueueError(
                    ErrorCode.CONFLICT,
                    "Tin nhắn đến này đã được nhận trước đó (gửi lại cùng chữ ký): bỏ qua.",
                    "This incoming message was already received (sent again with the same signature): ignored."));
            return;
        }
        QueueService running = queue.get();
        NotificationOutbox messages;
        try {
            messages = outbox.apply(site);
        } catch (QueueError notHere) {
            ctx.fail(notHere);
            return;
        }
        if (running == null || messages == null) {
            ctx.fail(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Máy chủ đang khởi động. Vui lòng thử lại sau.",
                    "The server is starting. Please try again later."));
            return;
        }
        SiteInfo info;
        JsonObject body;
        try {
            info = running.site(site);
            body = new JsonObject(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
        } catch (QueueError unknownSite) {
            ctx.fail(unknownSite);
            return;
        } catch (DecodeException | ClassCastException notJson) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_JSON,
                    "Nội dung phải là JSON {\"id\", \"from\", \"text\"} của tin nhắn đến.",
                    "The body must be the JSON {\"id\", \"from\", \"text\"} of the incoming message."));
            return;
        }
        Optional<PhoneNumber> from = PhoneNumber.parse(body.getValue("from") instanceof String f ? f : null);
        if (from.isEmpty()) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Số gửi đến (from) phải là số di động Việt Nam, ví dụ 84912345678.",
                    "The sender number (from) must be a Vietnamese mobile number, for example 84912345678."));
            return;
        }
        if (!(body.getValue("text") instanceof String text) || text.length() > LONGEST_BODY_TEXT) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Cần nội dung tin nhắn (text), tối đa " + LONGEST_BODY_TEXT + " ký tự.",
                    "The message text (text) is needed, at most " + LONGEST_BODY_TEXT + " characters."));
            return;
        }
        Object givenId = body.getValue("id");
        if (givenId != null
                && !(givenId instanceof String id && MESSAGE_ID.matcher(id).matches())) {
            ctx.fail(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Mã tin nhắn (id) gồm 1–64 chữ, số hoặc các dấu . _ : - (mã của cổng SMS).",
                    "The message id (id) has 1–64 letters, digits or the signs . _ : - (the SMS gateway's id)."));
            return;
        }
        if (!canReply) {
            ctx.fail(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Chưa cấu hình tài khoản SMS (notifications.sms) để trả lời tin nhắn.",
                    "No SMS account is configured (notifications.sms) to answer messages."));
            return;
        }
        Duration wait = perNumber.acquire(site + ":" + from.get().national());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            LOG.info("site {}: inbound SMS not answered: one number asking too often", site);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            ctx.fail(new QueueError(
                    ErrorCode.RATE_LIMITED,
                    "Số này đã tra cứu quá nhiều lần, không trả lời thêm trong " + seconds + " giây.",
                    "This number has looked up too many times; no more answers for " + seconds + " seconds."));
            return;
        }
        // Without the gateway's id, the signature names this message (a replay was refused above).
        String key = "sms-in:" + site + ":" + (givenId != null ? givenId : signed.substring(3, 35));
        ZoneId zone = ZoneId.of(info.timeZone());
        Optional<String> code = SmsDossierQuery.codeIn(text);
        Future<Answer> answer = code.isEmpty()
                ? Future.succeededFuture(new Answer("no-code", "", DossierSmsReply.noCode()))
                : lookup.lookup(code.get(), "sms:" + from.get().national())
                        .map(dossier -> new Answer("found", code.get(), DossierSmsReply.found(dossier, zone)))
                        .recover(failure -> Future.succeededFuture(failed(code.get(), failure)));
        answer.compose(reply -> {
                    JsonObject payload = new JsonObject()
                            .put("ticketNumber", reply.code())
                            .put("siteName", info.name())
                            .put("details", new JsonObject().put("text", reply.text()));
                    return Future.fromCompletionStage(
                                    messages.enqueue(
                                            key,
                                            site,
                                            NotificationKind.DOSSIER_REPLY.code(),
                                            "sms",
                                            from.get().national(),
                                            payload.encode(),
                                            clock.instant()),
                                    ctx.vertx().getOrCreateContext())
                            .map(recorded -> {
                                LOG.info(
                                        "site {}: inbound SMS {} answered ({}){}",
                                        site,
                                        key,
                                        reply.outcome(),
                                        recorded ? "" : ", already answered before");
                                return new JsonObject()
                                        .put("site", site)
                                        .put("outcome", reply.outcome())
                                        .put("reply", recorded ? "queued" : "already-queued");
                            });
                })
                .onSuccess(result -> ctx.response()
                        .setStatusCode(202)
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(result.encode()))
                .onFailure(ctx::fail);
    }

    /** The answer to send and how the lookup ended ({@code found}, {@code unknown}, {@code no-code}, …). */
    private record Answer(String outcome, String code, String text) {}

    private static Answer failed(String code, Throwable failure) {
        if (failure instanceof QueueError error) {
            return switch (error.code()) {
                case UNKNOWN_DOSSIER -> new Answer("unknown", code, DossierSmsReply.notFound(code));
                case INVALID_REQUEST -> new Answer("no-code", code, DossierSmsReply.noCode());
                case RATE_LIMITED -> new Answer("rate-limited", code, DossierSmsReply.unavailable());
                default -> new Answer("unavailable", code, DossierSmsReply.unavailable());
            };
        }
        return new Answer("unavailable", code, DossierSmsReply.unavailable());
    }
}
