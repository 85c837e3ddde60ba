package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/** A dossier's status for the kiosk's status screen, failing with a message fit for the screen. */
final class DossierStatusLookup {

    private static final Logger LOG = LoggerFactory.getLogger(DossierStatusLookup.class);

    private DossierStatusLookup() {}

    /**
     * The normalised status of {@code code}. An unknown dossier or a malformed code fails with the server's message;
     * anything else (no lookup configured, the server or the dossier system unavailable) says the lookup is not
     * connected.
     */
    static Future<JsonObject> status(CoreGateway core, String code, String kioskId) {
        return core.dossier(code).recover(failure -> {
            if (failure instanceof QueueError error
                    && (error.code() == ErrorCode.UNKNOWN_DOSSIER || error.code() == ErrorCode.INVALID_REQUEST)) {
                return Future.failedFuture(error);
            }
            LOG.warn("kiosk {}: dossier lookup unavailable: {}", kioskId, failure.toString());
            return Future.failedFuture(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Chưa kết nối hệ thống hồ sơ. Vui lòng hỏi cán bộ tại quầy.",
                    "The dossier system is not connected. Please ask the staff at a counter."));
        });
    }
}
