package org.xephang.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.config.StoredAccountStorage;
import org.xephang.core.persistence.SqliteStore;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreWrites;
import org.xephang.core.site.Account;

/**
 * Two servers on one store (issue #13 finding 4, issue #14 item 4): an account disabled, every token of an account
 * revoked, a single token logged out, or a password reset on one server holds on the other within 5 s, through the
 * store's tables that each server reads every second. The two servers share the signing key, as the nodes of a
 * cluster do.
 */
@Timeout(60)
class SharedRevocationsIT {

    /** bcrypt (cost 4) of "test". */
    private static final String HASH = "$2a$04$f7KMXmk8FJzQwUWUupsip.GDqYudSa7uV64IoQc6IUlWLerCX.6C6";

    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final Actor PROVINCE = new Actor("admin", Role.ADMIN);
    private static final Map<String, Set<Integer>> CENTRE = Map.of("demo", Set.of(1, 2));

    @TempDir
    Path dir;

    private Store store;
    private Vertx vertxA;
    private Vertx vertxB;
    private Authenticator a;
    private Authenticator b;

    /** The store both servers use: a SQLite file here, PostgreSQL in {@link SharedRevocationsPostgresIT}. */
    Store openStore() throws Exception {
        return SqliteStore.open(dir.resolve("store"));
    }

    @BeforeEach
    void twoServersOnOneStore() throws Exception {
        store = openStore();
        List<Account> accounts = List.of(
                new Account("admin", Role.ADMIN, HASH, null),
                new Account("officer1", Role.OFFICER, HASH, 1),
                new Account("kiosk1", Role.KIOSK, HASH, null));
        StoredAccountStorage storage = new StoredAccountStorage(store, StoreWrites.direct(store));
        vertxA = Vertx.vertx();
        vertxB = Vertx.vertx();
        a = Authenticator.create(vertxA, accounts, dir.resolve("a"), Clock.systemUTC(), storage);
        Files.createDirectories(dir.resolve("b"));
        Files.copy(
                dir.resolve("a").resolve(SigningKey.FILE_NAME), dir.resolve("b").resolve(SigningKey.FILE_NAME));
        b = Authenticator.create(vertxB, accounts, dir.resolve("b"), Clock.systemUTC(), storage);
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        vertxA.close().await(10, TimeUnit.SECONDS);
        vertxB.close().await(10, TimeUnit.SECONDS);
        store.close();
    }

    @Test
    void anAccountDisabledOnOneServerIsRefusedOnTheOtherWithinFiveSeconds() throws Exception {
        String token = await(a.login("127.0.0.1", "officer1", "test")).token();
        assertThat(counts(b, token)).isTrue();

        await(a.administration().update(PROVINCE, "127.0.0.1", "officer1", fields(null, true), CENTRE));

        assertThat(counts(a, token)).isFalse();
        eventuallyRefused(b, token);
        assertThat(b.accounts().find("officer1").orElseThrow().disabled()).isTrue();
    }

    @Test
    void tokensRevokedOrLoggedOutOnOneServerAreRefusedOnTheOtherWithinFiveSeconds() throws Exception {
        String kiosk = await(a.login("127.0.0.1", "kiosk1", "test")).token();
        String officer = await(b.login("127.0.0.1", "officer1", "test")).token();
        assertThat(counts(b, kiosk)).isTrue();
        assertThat(counts(a, officer)).isTrue();

        await(a.revokeAll(PROVINCE, "127.0.0.1", "kiosk1"));
        eventuallyRefused(b, kiosk);

        // every token of officer1 ended on B stops on A too; a token signed in afterwards counts on both
        await(b.revokeTokens("officer1", null));
        eventuallyRefused(a, officer);
        String fresh = await(a.login("127.0.0.1", "officer1", "test")).token();
        assertThat(counts(b, fresh)).isTrue();
    }

    @Test
    void aPasswordResetOnOneServerHoldsOnTheOther() throws Exception {
        String token = await(b.login("127.0.0.1", "officer1", "test")).token();
        await(a.administration().update(PROVINCE, "127.0.0.1", "officer1", fields("Mat-khau-moi-2026", null), CENTRE));

        eventuallyRefused(b, token);
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (b.login("127.0.0.1", "officer1", "Mat-khau-moi-2026")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .handle((ok, failed) -> failed == null)
                        .get(10, TimeUnit.SECONDS)
                == Boolean.FALSE) {
            assertThat(System.nanoTime())
                    .as("the new password works on B within 5 s")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static AccountAdministration.Fields fields(String password, Boolean disabled) {
        return new AccountAdministration.Fields(null, null, null, null, null, disabled, password);
    }

    private static boolean counts(Authenticator auth, String token) throws Exception {
        return auth.resolve(token)
                .toCompletionStage()
                .toCompletableFuture()
                .handle((actor, failed) -> failed == null)
                .get(10, TimeUnit.SECONDS);
    }

    private static void eventuallyRefused(Authenticator auth, String token) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (counts(auth, token)) {
            assertThat(System.nanoTime()).as("refused within " + WITHIN).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
