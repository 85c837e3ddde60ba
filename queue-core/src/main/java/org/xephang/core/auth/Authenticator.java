package org.xephang.core.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.site.Account;

/**
 * Signs accounts in (bcrypt, on a small worker pool, never on an event loop) and guards routes by role with the
 * bearer tokens it hands out. Kiosks and displays sign in like people, with their device account, and get a
 * longer-lived token. The accounts are those of the configuration: a token whose account was removed, or whose role
 * changed, is refused even before it expires.
 */
public final class Authenticator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final String ACTOR_KEY = "xephang.actor";
    private static final String BEARER = "Bearer ";
    /** Verified against when the username is unknown, so a wrong name costs as long as a wrong password. */
    private static final String UNKNOWN_USER_HASH = "$2a$10$wk81zn3lLD0G3hR5SC77l.DWmgJ0cspVTMlzWJyrcJQApMBDRmps2";

    private final AccountDirectory accounts;
    private final AuditTrail audit;
    private final AccountAdministration administration;
    private final AccountStorage storage;
    private final BearerTokens tokens;
    private final ForwardedClient forwardedClient;
    private final WorkerExecutor passwordWorkers;
    private final LoginThrottle throttle;
    /** Password checks queued or running; past {@link #MAX_CHECKS_WAITING} a login is refused at once. */
    private final AtomicInteger checksWaiting = new AtomicInteger();

    static final int MAX_CHECKS_WAITING = 32;

    private final TokenRevocations revocations;
    private final Vertx vertx;
    private final Clock clock;
    /** Reads the store's accounts and revocations every {@link #PULL_EVERY}; null without a store. */
    private final ScheduledExecutorService puller;

    private volatile boolean pullFailing;
    private volatile boolean closed;

    /**
     * How often a server with a store reads the accounts and revocations other servers (or {@code config import})
     * wrote: a disabled account or a revoked token then holds on every node within about twice this.
     */
    public static final Duration PULL_EVERY = Duration.ofSeconds(1);

    private Authenticator(
            Vertx vertx,
            List<Account> accounts,
            byte[] key,
            TokenRevocations revocations,
            Clock clock,
            AccountStorage store) {
        this.vertx = vertx;
        this.clock = clock;
        this.accounts = new AccountDirectory(accounts, store);
        this.audit = new AuditTrail(vertx, store, clock);
        this.tokens = new BearerTokens(vertx, key, clock);
        this.forwardedClient = new ForwardedClient(key);
        this.revocations = revocations;
        this.passwordWorkers = vertx.createSharedWorkerExecutor("xephang-password-check", 2);
        this.throttle = new LoginThrottle(clock);
        this.administration = new AccountAdministration(this);
        this.storage = store;
        if (store != null) {
            revocations.share(store);
            this.puller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "xephang-account-pull");
                thread.setDaemon(true);
                return thread;
            });
            puller.scheduleWithFixedDelay(
                    this::pull, PULL_EVERY.toMillis(), PULL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            this.puller = null;
        }
    }

    /**
     * Blocking (reads or creates the signing key in {@code dataDir}): call it from a worker or before the server
     * starts. With a null {@code dataDir} the key lives only in memory and tokens die with the process.
     */
    public static Authenticator create(Vertx vertx, List<Account> accounts, Path dataDir, Clock clock)
            throws IOException {
        return create(vertx, accounts, dataDir, clock, null);
    }

    /**
     * {@link #create(Vertx, List, Path, Clock)} over a store: account changes are written to it, the audit log is
     * kept in it, and revocations are shared through it with every server on the same store (read every {@link
     * #PULL_EVERY}). A null {@code store} keeps them in this process (and the data folder) only. Blocking.
     */
    public static Authenticator create(
            Vertx vertx, List<Account> accounts, Path dataDir, Clock clock, AccountStorage store) throws IOException {
        byte[] key = dataDir == null ? SigningKey.ephemeral() : SigningKey.loadOrCreate(dataDir);
        TokenRevocations revocations =
                dataDir == null ? TokenRevocations.inMemory(clock) : TokenRevocations.load(dataDir, accounts, clock);
        Authenticator authenticator = new Authenticator(vertx, accounts, key, revocations, clock, store);
        if (store != null) {
            // What the other servers revoked or changed holds here from the first request on.
            try {
                revocations.save();
                authenticator.accounts.pull();
                revocations.pull();
            } catch (IOException | AccountStorage.StorageException cannotShare) {
                authenticator.close();
                throw new IOException(
                        "cannot read or share the accounts and revocations: " + cannotShare.getMessage(), cannotShare);
            }
        }
        return authenticator;
    }

    /**
     * Reads what other servers changed, on its own thread (blocking JDBC, never an event loop); failures are logged once
     * per streak.
     */
    private void pull() {
        try {
            accounts.pull();
            revocations.pull();
            if (pullFailing) {
                pullFailing = false;
                LOG.info("Reading the accounts and revocations of the store again");
            }
        } catch (AccountStorage.StorageException | RuntimeException failed) {
            if (!pullFailing && !closed) {
                pullFailing = true;
                LOG.error("Cannot read the accounts and revocations of the store; other servers' changes wait", failed);
            }
        }
    }

    /** How often entries older than the retention are deleted from the audit log. */
    public static final Duration PURGE_EVERY = Duration.ofHours(6);

    /**
     * Deletes audit entries older than {@code retention} now and every {@link #PURGE_EVERY} (on the store's writer);
     * without a store the log is in memory and bounded anyway.
     */
    public void retainAudit(Duration retention) {
        if (puller == null || storage == null) {
            return;
        }
        puller.scheduleWithFixedDelay(
                () -> {
                    try {
                        int deleted = storage.purgeAuditBefore(clock.instant().minus(retention));
                        if (deleted > 0) {
                            LOG.info("Audit log: {} entries older than {} days deleted", deleted, retention.toDays());
                        }
                    } catch (AccountStorage.StorageException | RuntimeException failed) {
                        if (!closed) {
                            LOG.error("Could not delete old audit entries; trying again in {}", PURGE_EVERY, failed);
                        }
                    }
                },
                0,
                PURGE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The accounts in force. */
    public AccountDirectory accounts() {
        return accounts;
    }

    /** The rules of the accounts API. */
    public AccountAdministration administration() {
        return administration;
    }

    /** The audit log. */
    public AuditTrail audit() {
        return audit;
    }

    /** The answer of a successful login: {@code {"token","role","expiresAt"}}. */
    public record LoginResult(String token, Role role, Instant expiresAt) {
        public JsonObject toJson() {
            return new JsonObject().put("token", token).put("role", role.name()).put("expiresAt", expiresAt.toString());
        }
    }

    /**
     * Checks the password on a worker; fails with UNAUTHENTICATED (same message for unknown name or password), or
     * RATE_LIMITED (with {@code retryAfterSeconds}) when {@code client} (the caller's address) guessed too often, for
     * this account or over all usernames, or when too many password checks already wait for a worker.
     */
    public Future<LoginResult> login(String client, String username, String password) {
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

    private Future<LoginResult> signIn(String client, String username, String password) {
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
                    new JsonObject().put("retryAfterSeconds", seconds)));
        }
        if (checksWaiting.incrementAndGet() > MAX_CHECKS_WAITING) {
            checksWaiting.decrementAndGet();
            LOG.warn("Refused login from {}: {} password checks already waiting", client, MAX_CHECKS_WAITING);
            return Future.failedFuture(new QueueError(
                    ErrorCode.RATE_LIMITED,
                    "Máy chủ đang bận kiểm tra đăng nhập; hãy thử lại sau 1 giây.",
                    new JsonObject().put("retryAfterSeconds", 1)));
        }
        Account account = accounts.get(username);
        // An unknown username costs one check of a fixed hash, under the same throttle as a wrong password.
        String hash = account == null ? UNKNOWN_USER_HASH : account.passwordHash();
        return passwordWorkers
                .executeBlocking(() -> passwordMatches(password, hash), false)
                .andThen(checked -> checksWaiting.decrementAndGet())
                .map(matches -> {
                    if (matches && account != null && account.disabled()) {
                        LOG.info("Refused login for {} from {}: the account is disabled", account.username(), client);
                        throw new QueueError(ErrorCode.UNAUTHENTICATED, "Sai tên đăng nhập hoặc mật khẩu.");
                    }
                    if (!matches || account == null) {
                        LOG.info(
                                "Refused login for {} from {}",
                                account == null ? "an unknown username" : account.username(),
                                client);
                        throw new QueueError(ErrorCode.UNAUTHENTICATED, "Sai tên đăng nhập hoặc mật khẩu.");
                    }
                    attempt.succeeded();
                    BearerTokens.Issued issued = tokens.issue(
                            account.username(), account.role(), revocations.generation(account.username()));
                    LOG.info("{} signed in as {} from {}", account.username(), account.role(), client);
                    return new LoginResult(issued.token(), account.role(), issued.expiresAt());
                });
    }

    private static boolean passwordMatches(String password, String hash) {
        try {
            return BCrypt.verifyer()
                    .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.US_ASCII))
                    .verified;
        } catch (IllegalArgumentException malformedHash) {
            LOG.error("An account's password hash is not a bcrypt hash; fix it in the configuration", malformedHash);
            return false;
        }
    }

    /**
     * A route handler that lets the request through only with a valid token of one of {@code roles}; it then
     * carries the {@link Actor} (see {@link #actor(RoutingContext)}). Missing or bad token: 401; other role: 403.
     */
    public Handler<RoutingContext> require(Role... roles) {
        Set<Role> allowed = EnumSet.copyOf(Arrays.asList(roles));
        return ctx -> authenticate(ctx).onSuccess(actor -> {
            if (!allowed.contains(actor.role())) {
                ctx.fail(new QueueError(
                        ErrorCode.FORBIDDEN,
                        "Tài khoản vai trò " + actor.role() + " không được dùng chức năng này (cần "
                                + allowed.stream().map(Role::name).collect(Collectors.joining(", ")) + ")."));
                return;
            }
            String site = ctx.pathParam("site");
            if (site != null && !actor.mayActAt(site)) {
                ctx.fail(notAtSite(site));
                return;
            }
            ctx.put(ACTOR_KEY, actor);
            ctx.next();
        });
    }

    /** FORBIDDEN: the account does not belong to {@code site}. */
    public static QueueError notAtSite(String site) {
        return new QueueError(
                ErrorCode.FORBIDDEN, "Tài khoản này không thuộc điểm " + site + "; chỉ làm việc tại điểm của mình.");
    }

    /**
     * A route handler for public routes that show more to signed-in users: a valid token sets the {@link Actor}, no
     * token lets the request through anonymously, and a bad token is still refused (401) so clients notice.
     */
    public Handler<RoutingContext> optional() {
        return ctx -> {
            if (ctx.request().getHeader("Authorization") == null) {
                ctx.next();
                return;
            }
            authenticate(ctx).onSuccess(actor -> {
                ctx.put(ACTOR_KEY, actor);
                ctx.next();
            });
        };
    }

    /**
     * A route handler for public streams: a valid token sets the {@link Actor} (staff then see the full view), and a
     * missing, expired or bad one lets the request through anonymously, so a long-running board whose token lapsed
     * keeps its public stream.
     */
    public Handler<RoutingContext> viewer() {
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            // Browsers' EventSource and WebSocket cannot send headers: a page may pass its token as access_token.
            String queryToken = ctx.request().getParam("access_token");
            String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? header.substring(BEARER.length()).trim()
                    : queryToken;
            if (token == null || token.isBlank()) {
                ctx.next();
                return;
            }
            resolve(token).onComplete(resolved -> {
                if (resolved.succeeded()) {
                    ctx.put(ACTOR_KEY, resolved.result());
                }
                ctx.next();
            });
        };
    }

    /**
     * True when the request's actor is staff (OFFICER, SUPERVISOR, ADMIN) of {@code site} and may see its full,
     * non-public view.
     */
    public static boolean seesFullView(RoutingContext ctx, String site) {
        Actor actor = actor(ctx);
        return actor != null
                && (actor.role() == Role.OFFICER || actor.role() == Role.SUPERVISOR || actor.role() == Role.ADMIN)
                && actor.mayActAt(site);
    }

    /** Whether {@code username} is a configured account. */
    public boolean isAccount(String username) {
        return accounts.get(username) != null;
    }

    /** The signed-in actor of a request that passed {@link #require}; null on public routes. */
    public static Actor actor(RoutingContext ctx) {
        return ctx.get(ACTOR_KEY);
    }

    /** Signs and reads the client address a forwarding node names ({@link ForwardedClient}). */
    public ForwardedClient forwardedClient() {
        return forwardedClient;
    }

    /**
     * The client's address for per-address limits: the one a node of the cluster forwarding the request vouched for
     * ({@link ForwardedClient}, signed with the shared key), else the connection's.
     */
    public String clientAddress(RoutingContext ctx) {
        return forwardedClient
                .verify(ctx.request().getHeader(ForwardedClient.HEADER))
                .orElseGet(() -> ctx.request().remoteAddress() == null
                        ? "unknown"
                        : ctx.request().remoteAddress().hostAddress());
    }

    /**
     * Checks a request's token on the node it reached before that node forwards it to the owner of its site (a cluster,
     * docs/adr/0027-request-forwarding-and-site-ownership.md): no token passes (the owner's route decides whether one is
     * needed), a bad or expired one fails the context with 401 and the future. The owner checks the token and the role
     * again.
     */
    public Future<Void> checkBeforeForwarding(RoutingContext ctx) {
        if (ctx.request().getHeader("Authorization") == null) {
            return Future.succeededFuture();
        }
        return authenticate(ctx).mapEmpty();
    }

    /** Resolves the request's token to an actor; on failure the context has already been failed. */
    private Future<Actor> authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.fail(new QueueError(
                    ErrorCode.UNAUTHENTICATED, "Cần đăng nhập: thiếu mã truy cập (Authorization: Bearer …)."));
            return Future.failedFuture("no token");
        }
        return resolve(header.substring(BEARER.length()).trim()).onFailure(refused -> {
            LOG.debug("Refused a bearer token: {}", refused.getMessage());
            ctx.fail(new QueueError(
                    ErrorCode.UNAUTHENTICATED, "Mã truy cập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại."));
        });
    }

    /**
     * The actor a token stands for; fails for a bad or expired token, an account removed or changed, or a revoked
     * token (logout, refresh, all of the account's tokens revoked, password changed). Revocation is checked on every
     * request, after the remembered signature check.
     */
    Future<Actor> resolve(String token) {
        return claims(token).map(claims -> {
            Account account = accounts.get(claims.username());
            return new Actor(account.username(), account.role(), account.sites(), account.counters());
        });
    }

    private Future<BearerTokens.Claims> claims(String token) {
        return tokens.verify(token).map(claims -> {
            Account account = accounts.get(claims.username());
            if (account == null || account.role() != claims.role()) {
                throw new IllegalStateException("account removed or role changed");
            }
            if (account.disabled()) {
                throw new IllegalStateException("account disabled");
            }
            if (!revocations.counts(claims)) {
                throw new IllegalStateException("token revoked");
            }
            return claims;
        });
    }

    /** The bearer token of a request that passed {@link #require}. */
    private static String bearer(RoutingContext ctx) {
        return ctx.request()
                .getHeader("Authorization")
                .substring(BEARER.length())
                .trim();
    }

    /** Logout: the request's own token stops counting at once, on this server and after a restart. */
    public Future<Void> logout(RoutingContext ctx) {
        return claims(bearer(ctx)).compose(claims -> {
            revocations.revoke(claims.tokenId(), claims.expiresAt());
            LOG.info("{} signed out", claims.username());
            return persist();
        });
    }

    /** A fresh token for the request's account (a new full lifetime); the token used to ask stops counting. */
    public Future<LoginResult> refresh(RoutingContext ctx) {
        return claims(bearer(ctx)).compose(claims -> {
            revocations.revoke(claims.tokenId(), claims.expiresAt());
            BearerTokens.Issued issued =
                    tokens.issue(claims.username(), claims.role(), revocations.generation(claims.username()));
            return persist().map(saved -> new LoginResult(issued.token(), claims.role(), issued.expiresAt()));
        });
    }

    /**
     * Every token of {@code username} issued so far stops counting: a device withdrawn, an account disabled, a
     * password known to others. Fails with NOT_FOUND for an unknown account.
     */
    public Future<Void> revokeAll(Actor by, String client, String username) {
        Account account = accounts.get(username);
        if (account == null) {
            return Future.failedFuture(new QueueError(ErrorCode.NOT_FOUND, "Không có tài khoản này."));
        }
        // A site administrator revokes only accounts of their own sites; a province administrator any.
        boolean withinSites = by.sites().isEmpty()
                || (!account.sites().isEmpty() && by.sites().containsAll(account.sites()));
        if (!withinSites) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.FORBIDDEN, "Tài khoản " + username + " không thuộc các điểm bạn quản lý."));
        }
        revocations.revokeAll(username);
        LOG.warn("Every token of {} was revoked", LogText.quoted(username));
        audit.record(by.username(), client, AuditTrail.TOKENS_REVOKE, account.sites(), username, null);
        return persist();
    }

    /**
     * Every token of {@code username} but {@code keptTokenId} (null: every one) stops counting, here at once and on
     * the other servers of the store within about two seconds. For the account administration.
     */
    Future<Void> revokeTokens(String username, String keptTokenId) {
        if (keptTokenId == null) {
            revocations.revokeAll(username);
        } else {
            revocations.revokeAllBut(username, keptTokenId);
        }
        return persist();
    }

    /** The password hash of an account changed through the API (its tokens are revoked there). */
    void passwordChanged(String username, String passwordHash) {
        revocations.passwordChanged(username, passwordHash);
    }

    /** The token id of the request's bearer token (of a request that passed {@link #require}). */
    public Future<String> tokenIdOf(RoutingContext ctx) {
        return claims(bearer(ctx)).map(BearerTokens.Claims::tokenId);
    }

    /** Checks a password against an account's hash on the password workers. */
    Future<Boolean> checkPassword(Account account, String password) {
        return passwordWorkers.executeBlocking(() -> passwordMatches(password, account.passwordHash()), false);
    }

    /** A bcrypt hash (cost 10) of {@code password}, made on the password workers. */
    Future<String> hashPassword(String password) {
        return passwordWorkers.executeBlocking(
                () -> BCrypt.withDefaults().hashToString(PASSWORD_COST, password.toCharArray()), false);
    }

    static final int PASSWORD_COST = 10;

    Clock clock() {
        return clock;
    }

    Vertx vertx() {
        return vertx;
    }

    private Future<Void> persist() {
        return vertx.executeBlocking(
                () -> {
                    revocations.save();
                    return null;
                },
                true);
    }

    @Override
    public void close() {
        closed = true;
        if (puller != null) {
            puller.shutdownNow();
        }
        passwordWorkers.close();
        administration.close();
        audit.close();
    }
}
