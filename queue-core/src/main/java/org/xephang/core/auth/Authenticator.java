package org.xephang.core.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
    private static final String VIEWER_TOKEN_KEY = "xephang.viewerToken";
    private static final String BEARER = "Bearer ";

    private final AccountDirectory accounts;
    private final AuditTrail audit;
    private final AccountAdministration administration;
    private final BearerTokens tokens;
    private final ForwardedClient forwardedClient;
    private final PasswordChecks passwords;
    private final SignIns signIns;

    private final TokenRevocations revocations;
    private final Vertx vertx;
    private final Clock clock;
    /** Reads the store's accounts and revocations every {@link #PULL_EVERY}; null without a store. */
    private final StoreSync sync;

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
        this.passwords = new PasswordChecks(vertx);
        this.signIns = new SignIns(this.accounts, audit, new LoginThrottle(clock), passwords, tokens, revocations);
        this.administration = new AccountAdministration(this);
        if (store != null) {
            revocations.share(store);
            this.sync = new StoreSync(this.accounts, revocations, store, clock, PULL_EVERY);
        } else {
            this.sync = null;
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

    /** How often entries older than the retention are deleted from the audit log. */
    public static final Duration PURGE_EVERY = Duration.ofHours(6);

    /**
     * Deletes audit entries older than {@code retention} now and every {@link #PURGE_EVERY} (on the store's writer);
     * without a store the log is in memory and bounded anyway.
     */
    public void retainAudit(Duration retention) {
        if (sync != null) {
            sync.retainAudit(retention, PURGE_EVERY);
        }
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
     * this account or over all usernames, or when too many password checks already wait for a worker ({@link SignIns}).
     */
    public Future<LoginResult> login(String client, String username, String password) {
        return signIns.login(client, username, password);
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
                                + allowed.stream().map(Role::name).collect(Collectors.joining(", ")) + ").",
                        "An account with role " + actor.role() + " may not use this function (needs "
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
                ErrorCode.FORBIDDEN,
                "Tài khoản này không thuộc điểm " + site + "; chỉ làm việc tại điểm của mình.",
                "This account does not belong to site " + site + "; it works only at its own site.");
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
                    ctx.put(VIEWER_TOKEN_KEY, token);
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
        return seesFullView(actor(ctx), site);
    }

    private static boolean seesFullView(Actor actor, String site) {
        return actor != null
                && (actor.role() == Role.OFFICER || actor.role() == Role.SUPERVISOR || actor.role() == Role.ADMIN)
                && actor.mayActAt(site);
    }

    /**
     * For a stream that shows the full view (docs/security.md): asks whether the token the request's viewer route read
     * still makes its holder staff of {@code site} (not expired, not revoked, the account enabled and still of the
     * site). A long-lived stream asks again every {@link #PULL_EVERY} and ends when the answer turns false.
     */
    public java.util.function.Supplier<Future<Boolean>> fullViewCheck(RoutingContext ctx, String site) {
        String token = ctx.get(VIEWER_TOKEN_KEY);
        return () -> token == null
                ? Future.succeededFuture(false)
                : resolve(token).map(actor -> seesFullView(actor, site)).otherwise(false);
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
                    ErrorCode.UNAUTHENTICATED,
                    "Cần đăng nhập: thiếu mã truy cập (Authorization: Bearer …).",
                    "Sign-in required: the access token is missing (Authorization: Bearer …)."));
            return Future.failedFuture("no token");
        }
        return resolve(header.substring(BEARER.length()).trim()).onFailure(refused -> {
            LOG.debug("Refused a bearer token: {}", refused.getMessage());
            ctx.fail(new QueueError(
                    ErrorCode.UNAUTHENTICATED,
                    "Mã truy cập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại.",
                    "The access token is invalid or has expired; please sign in again."));
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
            return Future.failedFuture(
                    new QueueError(ErrorCode.NOT_FOUND, "Không có tài khoản này.", "No such account."));
        }
        // A site administrator revokes only accounts of their own sites; a province administrator any.
        boolean withinSites = by.sites().isEmpty()
                || (!account.sites().isEmpty() && by.sites().containsAll(account.sites()));
        if (!withinSites) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.FORBIDDEN,
                    "Tài khoản " + username + " không thuộc các điểm bạn quản lý.",
                    "Account " + username + " does not belong to the sites you manage."));
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
        return passwords.matchesHash(password, account.passwordHash());
    }

    /** A bcrypt hash (cost 10) of {@code password}, made on the password workers. */
    Future<String> hashPassword(String password) {
        return passwords.hash(password);
    }

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
        if (sync != null) {
            sync.close();
        }
        passwords.close();
        administration.close();
        audit.close();
    }
}
