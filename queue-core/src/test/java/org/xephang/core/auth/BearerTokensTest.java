package org.xephang.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xephang.api.Role;
import org.xephang.testkit.MutableClock;

class BearerTokensTest {

    private final Vertx vertx = Vertx.vertx();
    private final byte[] key = SigningKey.ephemeral();

    @AfterEach
    void close() {
        vertx.close();
    }

    private BearerTokens signedAgo(Duration ago) {
        return new BearerTokens(vertx, key, Clock.fixed(Instant.now().minus(ago), ZoneOffset.UTC));
    }

    @Test
    void aFreshTokenNamesItsAccountAndRole() throws Exception {
        BearerTokens tokens = signedAgo(Duration.ZERO);
        BearerTokens.Issued issued = tokens.issue("officer3", Role.OFFICER);

        BearerTokens.Claims claims = await(tokens.verify(issued.token()));

        assertThat(claims.username()).isEqualTo("officer3");
        assertThat(claims.role()).isEqualTo(Role.OFFICER);
        assertThat(claims.tokenId()).isEqualTo(issued.tokenId()).isNotBlank();
        assertThat(Duration.between(Instant.now(), issued.expiresAt()))
                .isBetween(Duration.ofHours(7), Duration.ofHours(8));
    }

    @Test
    void staffTokensExpireAfterEightHoursAndDeviceTokensLastSevenDays() {
        BearerTokens verifier = signedAgo(Duration.ZERO);
        String staffOld =
                signedAgo(Duration.ofHours(9)).issue("officer1", Role.OFFICER).token();
        String kioskWeekOld =
                signedAgo(Duration.ofDays(6)).issue("kiosk1", Role.KIOSK).token();
        String boardTooOld =
                signedAgo(Duration.ofDays(8)).issue("board1", Role.DISPLAY).token();

        assertThat(verifier.verify(staffOld).failed()).isTrue();
        assertThat(succeeds(verifier.verify(kioskWeekOld))).isTrue();
        assertThat(succeeds(verifier.verify(boardTooOld))).isFalse();
    }

    @Test
    void aRememberedTokenStillExpiresByTheServersClock() throws Exception {
        Instant now = Instant.now();
        MutableClock clock = new MutableClock(now, ZoneOffset.UTC);
        BearerTokens tokens = new BearerTokens(vertx, key, clock);
        String token = tokens.issue("officer2", Role.OFFICER).token();
        assertThat(await(tokens.verify(token)).username()).isEqualTo("officer2");
        assertThat(await(tokens.verify(token)).username()).isEqualTo("officer2");

        clock.advance(Duration.ofHours(8).plusSeconds(1));

        assertThat(succeeds(tokens.verify(token))).isFalse();
    }

    @Test
    void aTokenSignedWithAnotherKeyOrAlteredIsRefused() {
        String foreign = new BearerTokens(vertx, SigningKey.ephemeral(), Clock.systemUTC())
                .issue("admin", Role.ADMIN)
                .token();
        BearerTokens ours = signedAgo(Duration.ZERO);
        String genuine = ours.issue("kiosk1", Role.KIOSK).token();
        String[] parts = genuine.split("\\.");
        String promotedPayload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("KIOSK", "ADMIN")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String altered = parts[0] + "." + promotedPayload + "." + parts[2];

        assertThat(succeeds(ours.verify(foreign))).isFalse();
        assertThat(succeeds(ours.verify(altered))).isFalse();
        assertThat(succeeds(ours.verify(genuine))).isTrue();
    }

    private static boolean succeeds(Future<?> future) {
        try {
            await(future);
            return true;
        } catch (Exception refused) {
            return false;
        }
    }
}
