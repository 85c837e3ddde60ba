package org.xephang.core.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.OfflineIssuing;
import org.xephang.core.OfflineIssuing.Block;
import org.xephang.core.OfflineIssuing.OfflineTicket;
import org.xephang.core.OfflineIssuing.Outcome;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;

/**
 * Offline issuing at the kiosks (issue 17 item 5, docs/adr/0029-offline-issuing.md), KIOSK only and each kiosk as
 * itself: the number blocks it holds, and the upload of the tickets it issued from them while it could not reach us.
 */
final class OfflineRoutes {

    /** Tickets per upload: a kiosk sends more in several requests (and stays under the 64 KiB body limit). */
    static final int MAX_TICKETS_PER_UPLOAD = 200;

    private final QueueService queue;

    OfflineRoutes(QueueService queue) {
        this.queue = queue;
    }

    /**
     * {@code POST /sites/{site}/number-blocks {"service":"A"}}: 200 {@code {service, blockSize, refillBelow,
     * blocks:[{id, service, day, first, last, used, prefix, width}]}}, the kiosk's usable blocks of the field today (a
     * new one leased first when few numbers are left).
     */
    void lease(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        RequestBody body = RequestBody.of(ctx);
        String service = body.requiredText("service");
        String kiosk = Authenticator.actor(ctx).username();
        EngineCalls.call(ctx, () -> offline().lease(site, service, kiosk))
                .onSuccess(lease -> Replies.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("service", lease.service())
                                .put("blockSize", lease.blockSize())
                                .put("refillBelow", lease.refillBelow())
                                .put(
                                        "blocks",
                                        new JsonArray(lease.blocks().stream()
                                                .map(OfflineRoutes::block)
                                                .toList()))))
                .onFailure(ctx::fail);
    }

    /**
     * {@code POST /sites/{site}/offline-tickets {"tickets":[{id, service, sequence, priority, tappedAt}]}}: 200 {@code
     * {results:[{id, status: created|replayed|refused, ticket | error, message}]}}, in tap-time order.
     */
    void upload(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        List<RequestBody> items = RequestBody.of(ctx).requiredObjectList("tickets", MAX_TICKETS_PER_UPLOAD);
        List<OfflineTicket> tickets = items.stream()
                .map(item -> new OfflineTicket(
                        item.requiredText("id"),
                        item.requiredText("service"),
                        item.requiredInt("sequence"),
                        item.optionalText("priority"),
                        instant(item.requiredText("tappedAt"))))
                .toList();
        String kiosk = Authenticator.actor(ctx).username();
        EngineCalls.call(ctx, () -> offline().upload(site, tickets, kiosk))
                .onSuccess(outcomes -> Replies.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put(
                                        "results",
                                        new JsonArray(outcomes.stream()
                                                .map(OfflineRoutes::outcome)
                                                .toList()))))
                .onFailure(ctx::fail);
    }

    private static JsonObject block(Block block) {
        return new JsonObject()
                .put("id", block.id())
                .put("service", block.service())
                .put("day", block.day().toString())
                .put("first", block.first())
                .put("last", block.last())
                .put("used", block.used())
                .put("prefix", block.prefix())
                .put("width", block.width());
    }

    private static JsonObject outcome(Outcome outcome) {
        JsonObject json = new JsonObject().put("id", outcome.id());
        if (outcome.refusal() != null) {
            return json.put("status", "refused")
                    .put("error", outcome.refusal().code().name())
                    .put("message", outcome.refusal().getMessage())
                    .put("messageEn", outcome.refusal().messageEn());
        }
        return json.put("status", outcome.replayed() ? "replayed" : "created")
                .put("ticket", outcome.ticket().toJson());
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException malformed) {
            throw RequestBody.invalid(
                    "tappedAt",
                    "phải là thời điểm ISO-8601 UTC, ví dụ 2026-12-07T02:01:00Z",
                    "must be an ISO-8601 UTC instant, for example 2026-12-07T02:01:00Z");
        }
    }

    private OfflineIssuing offline() {
        OfflineIssuing offline = queue.offlineIssuing();
        if (offline == null) {
            throw new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Máy chủ này không cấp số dự phòng cho ki-ốt.",
                    "This server does not give kiosks reserve numbers.");
        }
        return offline;
    }
}
