package org.xephang.core.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.xephang.api.Role;

/**
 * Signs and checks HS256 JWT bearer tokens. A token names the account ({@code sub}) and its role; it expires after
 * {@link #STAFF_LIFETIME} for people and {@link #DEVICE_LIFETIME} for kiosks and displays, which sign in once and run
 * unattended. Thread-safe.
 */
final class BearerTokens {

    /** A working day; the pages and agents sign in again (or refresh) after it. */
    static final Duration STAFF_LIFETIME = Duration.ofHours(8);
    /** Devices sign in again by themselves with their stored credentials; a withdrawn device is revoked at once. */
    static final Duration DEVICE_LIFETIME = Duration.ofDays(7);

    private static final String ISSUER = "xephang";
    private static final String ALGORITHM = "HS256";

    /** Verified tokens are remembered up to this many; past it the memory starts again (a kiosk keeps one token). */
    static final int REMEMBERED = 10_000;

    private final JWTAuth jwt;
    private final Clock clock;
    /**
     * Tokens already verified, with their claims and expiry: a kiosk or board sends the same token with every request,
     * and checking its signature and parsing its JSON each time cost more than issuing the ticket.
     */
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

    BearerTokens(Vertx vertx, byte[] key, Clock clock) {
        this.clock = clock;
        this.jwt = JWTAuth.create(
                vertx,
                new JWTAuthOptions()
                        .addPubSecKey(
                                new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(Buffer.buffer(key)))
                        .setJWTOptions(new JWTOptions()
                                .setAlgorithm(ALGORITHM)
                                .setIssuer(ISSUER)
                                .setLeeway(30)));
    }

    /** A signed token, with its id and expiry. */
    record Issued(String token, String tokenId, Instant expiresAt) {}

    /**
     * Verified claims of a token: the account, its role, the token's own id ({@code jti}, what logout revokes) and
     * the account's token generation when it was issued ({@code gen}; revoking every token of an account moves it on).
     */
    record Claims(String username, Role role, String tokenId, long generation, Instant expiresAt) {}

    Issued issue(String username, Role role) {
        return issue(username, role, 0);
    }

    Issued issue(String username, Role role, long generation) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime(role));
        String tokenId = UUID.randomUUID().toString();
        JsonObject claims = new JsonObject()
                .put("sub", username)
                .put("role", role.name())
                .put("jti", tokenId)
                .put("gen", generation)
                .put("iat", now.getEpochSecond())
                .put("exp", expiresAt.getEpochSecond());
        String token = jwt.generateToken(
                claims,
                new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(ISSUER).setNoTimestamp(true));
        return new Issued(token, tokenId, expiresAt);
    }

    private record Remembered(Claims claims, Instant expiresAt) {}

    /** Fails when the signature is wrong, the token expired, or its claims are not ours. */
    Future<Claims> verify(String token) {
        Remembered known = verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt())) {
                return Future.succeededFuture(known.claims());
            }
            verified.remove(token);
        }
        Future<io.vertx.ext.auth.User> checked;
        try {
            checked = jwt.authenticate(new TokenCredentials(token));
        } catch (RuntimeException malformedClaims) {
            // A correctly signed token whose claims have the wrong types (an "exp" that is a string) makes the library
            // throw instead of failing: it is still only a bad token.
            return Future.failedFuture(new IllegalArgumentException("token with malformed claims", malformedClaims));
        }
        return checked.map(user -> {
            JsonObject principal = user.principal();
            String username = principal.getValue("sub") instanceof String s ? s : null;
            Object role = principal.getValue("role");
            if (username == null || !(role instanceof String roleName)) {
                throw new IllegalArgumentException("token without sub or role");
            }
            if (!(user.get("exp") instanceof Number exp)) {
                throw new IllegalArgumentException("token without exp");
            }
            // The library checks expiry against the system clock; ours is the server's clock.
            Instant expiresAt = Instant.ofEpochSecond(exp.longValue());
            if (!clock.instant().isBefore(expiresAt)) {
                throw new IllegalArgumentException("token expired at " + expiresAt);
            }
            String tokenId = principal.getValue("jti") instanceof String id ? id : "";
            long generation = principal.getValue("gen") instanceof Number gen ? gen.longValue() : 0;
            Claims claims = new Claims(username, Role.valueOf(roleName), tokenId, generation, expiresAt);
            remember(token, new Remembered(claims, expiresAt));
            return claims;
        });
    }

    private void remember(String token, Remembered remembered) {
        if (verified.size() >= REMEMBERED) {
            verified.clear();
        }
        verified.put(token, remembered);
    }

    static Duration lifetime(Role role) {
        return role == Role.KIOSK || role == Role.DISPLAY ? DEVICE_LIFETIME : STAFF_LIFETIME;
    }
}
