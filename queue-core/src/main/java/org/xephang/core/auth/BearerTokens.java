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
import org.xephang.api.Role;

/**
 * Signs and checks HS256 JWT bearer tokens. A token names the account ({@code sub}) and its role; it expires after
 * {@link #STAFF_LIFETIME} for people and {@link #DEVICE_LIFETIME} for kiosks and displays, which sign in once and run
 * unattended. Thread-safe.
 */
final class BearerTokens {

    static final Duration STAFF_LIFETIME = Duration.ofHours(12);
    static final Duration DEVICE_LIFETIME = Duration.ofDays(30);
    private static final String ISSUER = "xephang";
    private static final String ALGORITHM = "HS256";

    private final JWTAuth jwt;
    private final Clock clock;

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

    /** A signed token, with its expiry. */
    record Issued(String token, Instant expiresAt) {}

    /** Verified claims of a token. */
    record Claims(String username, Role role) {}

    Issued issue(String username, Role role) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime(role));
        JsonObject claims = new JsonObject()
                .put("sub", username)
                .put("role", role.name())
                .put("iat", now.getEpochSecond())
                .put("exp", expiresAt.getEpochSecond());
        String token = jwt.generateToken(
                claims,
                new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(ISSUER).setNoTimestamp(true));
        return new Issued(token, expiresAt);
    }

    /** Fails when the signature is wrong, the token expired, or its claims are not ours. */
    Future<Claims> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token)).map(user -> {
            JsonObject principal = user.principal();
            String username = principal.getValue("sub") instanceof String s ? s : null;
            Object role = principal.getValue("role");
            if (username == null || !(role instanceof String roleName)) {
                throw new IllegalArgumentException("token without sub or role");
            }
            return new Claims(username, Role.valueOf(roleName));
        });
    }

    static Duration lifetime(Role role) {
        return role == Role.KIOSK || role == Role.DISPLAY ? DEVICE_LIFETIME : STAFF_LIFETIME;
    }
}
