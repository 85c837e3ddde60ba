package org.xephang.core.auth;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.site.Account;

/**
 * Which tokens no longer count, kept beside the signing key so it survives a restart: per account a token
 * <em>generation</em> (a token names the generation it was issued in; revoking all of an account's tokens moves the
 * generation on), and single tokens revoked by logout or refresh until they would have expired anyway. A changed
 * password (the configured hash differs from the one seen last) moves the account's generation on at start.
 *
 * <p>The state is small (a number per account, an id per logged-out token still alive) and is written whole to
 * {@value #FILE_NAME} after each change. With a store ({@link #share}) every change is also written to its tables
 * (schema V6) and {@link #pull} reads the other servers' changes: the servers of a cluster poll it every second, so a
 * revocation or a disabled account holds on every node within about two seconds (docs/security.md). Thread-safe;
 * {@link #save} and {@link #pull} are blocking (call them on a worker).
 */
final class TokenRevocations {

    static final String FILE_NAME = "token-revocations.json";
    private static final Logger LOG = LoggerFactory.getLogger(TokenRevocations.class);

    private final Path file;
    private final Clock clock;
    private final Map<String, Long> generations = new HashMap<>();
    private final Map<String, String> passwordFingerprints = new HashMap<>();
    private final Map<String, Instant> revokedTokens = new HashMap<>();
    /** Per account, the one token of the previous generation that still counts (own password changed with it). */
    private final Map<String, String> keptTokens = new HashMap<>();
    /** Changes not yet written to the shared store. */
    private final Map<String, AccountStorage.Generation> unsharedGenerations = new LinkedHashMap<>();

    private final Map<String, Instant> unsharedTokens = new LinkedHashMap<>();
    /** Rows revoked by other servers are read again from this long before the last read (clocks differ a little). */
    private static final Duration PULL_OVERLAP = Duration.ofMinutes(1);

    private volatile AccountStorage store;
    private Instant lastPull;

    private TokenRevocations(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** In memory only (no data folder): tokens die with the process anyway. */
    static TokenRevocations inMemory(Clock clock) {
        return new TokenRevocations(null, clock);
    }

    /** Reads the state kept in {@code dataDir}, then moves on the generation of every account whose password changed. */
    static TokenRevocations load(Path dataDir, List<Account> accounts, Clock clock) throws IOException {
        TokenRevocations revocations = new TokenRevocations(dataDir.resolve(FILE_NAME), clock);
        if (Files.exists(revocations.file)) {
            JsonObject json = new JsonObject(Files.readString(revocations.file, StandardCharsets.UTF_8));
            json.getJsonObject("generations", new JsonObject())
                    .forEach(e -> revocations.generations.put(e.getKey(), ((Number) e.getValue()).longValue()));
            json.getJsonObject("kept", new JsonObject())
                    .forEach(e -> revocations.keptTokens.put(e.getKey(), (String) e.getValue()));
            json.getJsonObject("passwords", new JsonObject())
                    .forEach(e -> revocations.passwordFingerprints.put(e.getKey(), (String) e.getValue()));
            json.getJsonObject("revokedTokens", new JsonObject())
                    .forEach(e -> revocations.revokedTokens.put(e.getKey(), Instant.parse((String) e.getValue())));
        }
        revocations.reconcile(accounts);
        revocations.save();
        return revocations;
    }

    /** Revokes every earlier token of an account whose configured password hash is not the one seen last. */
    private synchronized void reconcile(List<Account> accounts) {
        for (Account account : accounts) {
            String fingerprint = fingerprint(account.passwordHash());
            String previous = passwordFingerprints.put(account.username(), fingerprint);
            if (previous != null && !previous.equals(fingerprint)) {
                generations.merge(account.username(), 1L, Long::sum);
                keptTokens.remove(account.username());
                LOG.info("The password of {} changed: its earlier tokens are revoked", account.username());
            }
        }
    }

    synchronized long generation(String username) {
        return generations.getOrDefault(username, 0L);
    }

    /** Every token of {@code username} issued so far stops counting. */
    synchronized void revokeAll(String username) {
        long generation = generations.merge(username, 1L, Long::sum);
        keptTokens.remove(username);
        unsharedGenerations.put(username, new AccountStorage.Generation(generation, null));
    }

    /** Every token of {@code username} issued so far but {@code keptTokenId} stops counting. */
    synchronized void revokeAllBut(String username, String keptTokenId) {
        long generation = generations.merge(username, 1L, Long::sum);
        keptTokens.put(username, keptTokenId);
        unsharedGenerations.put(username, new AccountStorage.Generation(generation, keptTokenId));
    }

    /** The account's password hash changed through the API: its tokens are revoked there, not again at start. */
    synchronized void passwordChanged(String username, String passwordHash) {
        passwordFingerprints.put(username, fingerprint(passwordHash));
    }

    /**
     * Shares the revocations through {@code value}'s tables: what this server holds is written there by the next
     * {@link #save}, and {@link #pull} reads what the others wrote.
     */
    void share(AccountStorage value) {
        synchronized (this) {
            generations.forEach((username, generation) -> unsharedGenerations.put(
                    username, new AccountStorage.Generation(generation, keptTokens.get(username))));
            unsharedTokens.putAll(revokedTokens);
        }
        store = value;
    }

    /** Reads the generations and revoked tokens the other servers wrote, and keeps the newer of each. Blocking. */
    void pull() throws AccountStorage.StorageException {
        AccountStorage shared = store;
        if (shared == null) {
            return;
        }
        Instant now = clock.instant();
        Map<String, AccountStorage.Generation> remote;
        Map<String, Instant> remoteTokens;
        remote = shared.generations();
        remoteTokens = shared.revokedTokens(lastPull == null ? null : lastPull.minus(PULL_OVERLAP), now);
        synchronized (this) {
            remote.forEach((username, generation) -> {
                long local = generations.getOrDefault(username, 0L);
                if (generation.generation() > local) {
                    generations.put(username, generation.generation());
                    if (generation.keptToken() == null) {
                        keptTokens.remove(username);
                    } else {
                        keptTokens.put(username, generation.keptToken());
                    }
                }
            });
            revokedTokens.putAll(remoteTokens);
        }
        lastPull = now;
    }

    /** One token stops counting (logout, refresh); remembered until it would have expired. */
    synchronized void revoke(String tokenId, Instant expiresAt) {
        Instant now = clock.instant();
        revokedTokens.values().removeIf(expiry -> expiry.isBefore(now));
        revokedTokens.put(tokenId, expiresAt);
        unsharedTokens.put(tokenId, expiresAt);
    }

    synchronized boolean counts(BearerTokens.Claims claims) {
        return (claims.generation() == generations.getOrDefault(claims.username(), 0L)
                        || claims.tokenId().equals(keptTokens.get(claims.username())))
                && !revokedTokens.containsKey(claims.tokenId());
    }

    /** Writes the state (atomically, owner-only) and shares its changes through the store. Blocking. */
    void save() throws IOException {
        try {
            share();
        } catch (AccountStorage.StorageException e) {
            throw new IOException("cannot write token revocations to the store: " + e.getMessage(), e);
        }
        if (file == null) {
            return;
        }
        String json;
        synchronized (this) {
            JsonObject generationsJson = new JsonObject();
            generations.forEach(generationsJson::put);
            JsonObject keptJson = new JsonObject();
            keptTokens.forEach(keptJson::put);
            JsonObject passwordsJson = new JsonObject();
            passwordFingerprints.forEach(passwordsJson::put);
            JsonObject revokedJson = new JsonObject();
            revokedTokens.forEach((id, expiry) -> revokedJson.put(id, expiry.toString()));
            json = new JsonObject()
                    .put("generations", generationsJson)
                    .put("kept", keptJson)
                    .put("passwords", passwordsJson)
                    .put("revokedTokens", revokedJson)
                    .encodePrettily();
        }
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                LOG.debug("No POSIX permissions for {}", temporary);
            }
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void share() throws AccountStorage.StorageException {
        AccountStorage shared = store;
        if (shared == null) {
            return;
        }
        Map<String, AccountStorage.Generation> generationsToWrite;
        Map<String, Instant> tokensToWrite;
        synchronized (this) {
            generationsToWrite = new LinkedHashMap<>(unsharedGenerations);
            tokensToWrite = new LinkedHashMap<>(unsharedTokens);
            unsharedGenerations.clear();
            unsharedTokens.clear();
        }
        Instant now = clock.instant();
        try {
            for (Map.Entry<String, AccountStorage.Generation> e : generationsToWrite.entrySet()) {
                shared.saveGeneration(e.getKey(), e.getValue(), now);
            }
            for (Map.Entry<String, Instant> e : tokensToWrite.entrySet()) {
                shared.revokeToken(e.getKey(), e.getValue(), now);
            }
            if (!tokensToWrite.isEmpty()) {
                shared.purgeExpiredTokens(now);
            }
        } catch (AccountStorage.StorageException failed) {
            synchronized (this) {
                generationsToWrite.forEach(unsharedGenerations::putIfAbsent);
                tokensToWrite.forEach(unsharedTokens::putIfAbsent);
            }
            throw failed;
        }
    }

    /** A SHA-256 of the bcrypt hash: tells a changed password without keeping a second copy of the hash. */
    private static String fingerprint(String passwordHash) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(passwordHash.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
