package org.xephang.core.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * bcrypt checks and hashes of passwords on a small worker pool of their own (two threads), never on an event loop. The
 * sign-ins' checks are bounded: past {@link #MAX_WAITING} queued or running, a sign-in is refused at once (a flood of
 * logins cannot queue work without end).
 */
final class PasswordChecks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordChecks.class);
    /** Checked against when the username is unknown, so a wrong name costs as long as a wrong password. */
    private static final String UNKNOWN_USER_HASH = "$2a$10$wk81zn3lLD0G3hR5SC77l.DWmgJ0cspVTMlzWJyrcJQApMBDRmps2";

    static final int MAX_WAITING = 32;
    static final int COST = 10;

    private final WorkerExecutor workers;
    /** Sign-in checks queued or running. */
    private final AtomicInteger waiting = new AtomicInteger();

    PasswordChecks(Vertx vertx) {
        this.workers = vertx.createSharedWorkerExecutor("xephang-password-check", 2);
    }

    /**
     * A sign-in's check of {@code password} against {@code hash} (null for an unknown username: a fixed hash is
     * checked, so the answer takes as long). Fails with RATE_LIMITED when {@link #MAX_WAITING} checks already wait.
     */
    Future<Boolean> signInMatches(String client, String password, String hash) {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            LOG.warn("Refused login from {}: {} password checks already waiting", client, MAX_WAITING);
            return Future.failedFuture(new QueueError(
                    ErrorCode.RATE_LIMITED,
                    "Máy chủ đang bận kiểm tra đăng nhập; hãy thử lại sau 1 giây.",
                    "The server is busy checking sign-ins; please try again in 1 second.",
                    new JsonObject().put("retryAfterSeconds", 1)));
        }
        String checked = hash == null ? UNKNOWN_USER_HASH : hash;
        return workers.executeBlocking(() -> matches(password, checked), false)
                .andThen(done -> waiting.decrementAndGet());
    }

    /** Whether {@code password} matches {@code hash} (an account's current password, asked again). */
    Future<Boolean> matchesHash(String password, String hash) {
        return workers.executeBlocking(() -> matches(password, hash), false);
    }

    /** A bcrypt hash (cost 10) of {@code password}. */
    Future<String> hash(String password) {
        return workers.executeBlocking(() -> BCrypt.withDefaults().hashToString(COST, password.toCharArray()), false);
    }

    private static boolean matches(String password, String hash) {
        try {
            return BCrypt.verifyer()
                    .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.US_ASCII))
                    .verified;
        } catch (IllegalArgumentException malformedHash) {
            LOG.error("An account's password hash is not a bcrypt hash; fix it in the configuration", malformedHash);
            return false;
        }
    }

    @Override
    public void close() {
        workers.close();
    }
}
