package org.xephang.core.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.site.Account;

/**
 * Signing in with a username and password: the throttle per client and account ({@link LoginThrottle}), the bcrypt
 * check on the password workers ({@link PasswordChecks}), a token for the account ({@link BearerTokens}), and every
 * sign-in and failed sign-in in the audit log. Any thread; the check itself runs on a worker.
 */
final class SignIns {

    private static final Logger LOG = LoggerFactory.getLogger(SignIns.class);

    private final AccountDirectory accounts;
    private final AuditTrail audit;
    private final LoginThrottle throttle;
    private final PasswordChecks passwords;
    private final BearerTokens tokens;
    private final TokenRevocations revocations;

    SignIns(
            AccountDirectory accounts,
            AuditTrail audit,
            LoginThrottle throttle,
            PasswordChecks passwords,
            BearerTokens tokens,
            TokenRevocations revocations) {
        this.accounts = accounts;
        this.audit = audit;
        this.throttle = throttle;
        this.passwords = passwords;
        this.tokens = tokens;
        this.revocations = revocations;
    }

    /**
     * Checks the password on a worker; fails with UNAUTHENTICATED (same message for unknown name or password), or
     * RATE_LIMITED (with {@code retryAfterSeconds}) when {@code client} (the caller's address) guessed too often, for
     * this account or over all usernames, or when too many password checks already wait for a worker.
     */
    Future<Authenticator.LoginResult> login(String client, String username, String password) {
        return signIn(client, username, password).andThen(result -> {
            if (result.succeeded()) {
                Account account = accounts.get(username);
                audit.record(
                        username, client, AuditTrail.SIGN_IN, account == null ? Set.of() : account.sites(), null, null);
            } else if (result.cause() instanceof QueueError refused && refused.code() == ErrorCode.UNAUTHENTICATED) {
                Account account = accounts.get(username);
                audit.record(
                        account == null ? AuditTrail.UNKNOWN_ACTOR : account.username(),
                        client,
                        AuditTrail.SIGN_IN_FAILED,
                        account == null ? Set.of() : account.sites(),
                        null,
                        null);
            }
        });
    }

    private Future<Authenticator.LoginResult> signIn(String client, String username, String password) {
        LoginThrottle.Attempt attempt = throttle.tryAttempt(client, username);
        Optional<Duration> wait = attempt.waitBeforeTrying();
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            LOG.warn(
                    "Refused login for {} from {}: too many wrong passwords, {} s left",
                    LogText.quoted(username),
                    client,
                    seconds);
            return Future.failedFuture(new QueueError(
                    ErrorCode.RATE_LIMITED,
                    "Sai mật khẩu quá nhiều lần; hãy thử lại sau " + seconds + " giây.",
                    "Too many wrong passwords; please try again in " + seconds + " seconds.",
                    new JsonObject().put("retryAfterSeconds", seconds)));
        }
        Account account = accounts.get(username);
        // An unknown username costs one check of a fixed hash, under the same throttle as a wrong password.
        return passwords
                .signInMatches(client, password, account == null ? null : account.passwordHash())
                .map(matches -> {
                    if (matches && account != null && account.disabled()) {
                        LOG.info("Refused login for {} from {}: the account is disabled", account.username(), client);
                        throw new QueueError(
                                ErrorCode.UNAUTHENTICATED,
                                "Sai tên đăng nhập hoặc mật khẩu.",
                                "Wrong username or password.");
                    }
                    if (!matches || account == null) {
                        LOG.info(
                                "Refused login for {} from {}",
                                account == null ? "an unknown username" : account.username(),
                                client);
                        throw new QueueError(
                                ErrorCode.UNAUTHENTICATED,
                                "Sai tên đăng nhập hoặc mật khẩu.",
                                "Wrong username or password.");
                    }
                    attempt.succeeded();
                    BearerTokens.Issued issued = tokens.issue(
                            account.username(), account.role(), revocations.generation(account.username()));
                    LOG.info("{} signed in as {} from {}", account.username(), account.role(), client);
                    return new Authenticator.LoginResult(issued.token(), account.role(), issued.expiresAt());
                });
    }
}
