package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.xephang.agent.DeviceReporter;
import org.xephang.agent.ServerLink;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueClient;
import org.xephang.api.Ticket;

/**
 * What the kiosk needs from the queue server: the site to follow ({@link ServerLink.Source}), where its device reports
 * go ({@link DeviceReporter.Server}) and its own calls. {@link QueueClientGateway} is the real one (HTTP through
 * {@code QueueClient}); tests use a fake. Every future completes on the caller's Vert.x context; failures are
 * {@link org.xephang.api.QueueError}s when the server refused, anything else when it could not be reached.
 */
interface CoreGateway extends ServerLink.Source, DeviceReporter.Server, AutoCloseable {

    /** Whether the site issues tickets now, and the services at their daily cap. */
    Future<IssuingState> issuing();

    /** Issues a ticket; the same {@code idempotencyKey} again gives the same ticket. */
    Future<Ticket> issue(String service, String priority, String idempotencyKey);

    Future<Ticket> ticket(String ticketId);

    /** Turns a booking into its ticket; the same ticket again (replayed) on a repeat. */
    Future<QueueClient.Issued> checkIn(String code);

    /** The normalised dossier status ({@code GET /api/v1/dossiers/{code}}). */
    Future<JsonObject> dossier(String code);

    /**
     * The kiosk's number blocks of a field for today ({@code {blockSize, refillBelow, blocks:[…]}}, see {@code
     * QueueClient#numberBlocks}); a server without offline issuing refuses with CONFLICT.
     */
    default Future<JsonObject> numberBlocks(String service) {
        return Future.failedFuture(new org.xephang.api.QueueError(
                org.xephang.api.ErrorCode.CONFLICT,
                "Máy chủ không cấp số dự phòng cho ki-ốt.",
                "The server does not give this kiosk reserve numbers."));
    }

    /** Uploads offline tickets; one result per ticket ({@code QueueClient#uploadOfflineTickets}). */
    default Future<io.vertx.core.json.JsonArray> uploadOfflineTickets(io.vertx.core.json.JsonArray tickets) {
        return Future.failedFuture(new org.xephang.api.QueueError(
                org.xephang.api.ErrorCode.CONFLICT,
                "Máy chủ không nhận vé cấp khi mất kết nối.",
                "The server does not accept tickets issued while offline."));
    }

    @Override
    void close();
}
