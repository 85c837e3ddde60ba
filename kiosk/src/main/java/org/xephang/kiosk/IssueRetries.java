package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;

/**
 * One citizen's request sent to the server until it is answered: again after a lost connection or an unavailable
 * server, with the same idempotency key (so at most one ticket), up to {@link KioskOptions#issueAttempts()} times,
 * the pause doubling from {@link KioskOptions#retryDelay()} to at most 4 s. A refusal (closed, daily cap…) is not
 * retried. Used on the agent's context.
 */
final class IssueRetries {

    private static final Logger LOG = LoggerFactory.getLogger(IssueRetries.class);
    private static final long MAX_DELAY_MILLIS = 4_000;

    private final Vertx vertx;
    private final CoreGateway core;
    private final KioskOptions options;

    IssueRetries(Vertx vertx, CoreGateway core, KioskOptions options) {
        this.vertx = vertx;
        this.core = core;
        this.options = options;
    }

    Future<Ticket> issue(String service, String priority, String key) {
        return attempt(service, priority, key, 1);
    }

    private Future<Ticket> attempt(String service, String priority, String key, int attempt) {
        return core.issue(service, priority, key).recover(failure -> {
            if (!worthRetrying(failure) || attempt >= options.issueAttempts()) {
                return Future.failedFuture(failure);
            }
            long delay = Math.min(options.retryDelay().toMillis() << (attempt - 1), MAX_DELAY_MILLIS);
            LOG.warn(
                    "kiosk {}: issuing a ticket failed (attempt {}), retrying in {} ms with the same key: {}",
                    options.kioskId(),
                    attempt,
                    delay,
                    failure.toString());
            Promise<Ticket> retried = Promise.promise();
            vertx.setTimer(
                    delay, t -> attempt(service, priority, key, attempt + 1).onComplete(retried));
            return retried.future();
        });
    }

    private static boolean worthRetrying(Throwable failure) {
        if (failure instanceof QueueError error) {
            return error.code() == ErrorCode.UNAVAILABLE || error.code() == ErrorCode.INTERNAL;
        }
        return true;
    }
}
