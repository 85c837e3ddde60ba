package org.xephang.core.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xephang.core.auth.AccountStorage;
import org.xephang.core.auth.AuditEntry;
import org.xephang.core.auth.AuditQuery;
import org.xephang.core.persistence.AuditRecords;
import org.xephang.core.persistence.ConfigDocuments;
import org.xephang.core.persistence.RevocationRecords;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreWrites;

/**
 * {@link AccountStorage} over the queue's store: the {@code account} table (V3), {@code token_generation}, {@code
 * revoked_token} and {@code audit_log} (V6). Reads use a short connection of their own; writes go through the store's
 * one writer ({@link StoreWrites}). Blocking; thread-safe.
 */
public final class StoredAccountStorage implements AccountStorage {

    private final Store store;
    private final StoreWrites writes;

    public StoredAccountStorage(Store store, StoreWrites writes) {
        this.store = Objects.requireNonNull(store, "store");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T with(String what, Work<T> work) throws StorageException {
        try (Connection c = store.connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(
                    "cannot " + what + " in the store " + store.location() + ": " + e.getMessage(), e);
        }
    }

    private void write(String what, Work<?> work) throws StorageException {
        try {
            writes.write(work::run);
        } catch (SQLException e) {
            throw new StorageException(
                    "cannot " + what + " in the store " + store.location() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> accountDocuments() throws StorageException {
        return with("read the accounts", ConfigDocuments::accounts);
    }

    @Override
    public void saveAccountDocument(String username, String json, Instant at, String by) throws StorageException {
        write("save the account", c -> {
            ConfigDocuments.saveAccount(c, username, json, at, by);
            return null;
        });
    }

    @Override
    public Map<String, Generation> generations() throws StorageException {
        return with("read the token generations", c -> {
            Map<String, Generation> generations = new LinkedHashMap<>();
            RevocationRecords.generations(c)
                    .forEach((username, g) -> generations.put(username, new Generation(g.generation(), g.keptToken())));
            return generations;
        });
    }

    @Override
    public void saveGeneration(String username, Generation generation, Instant at) throws StorageException {
        write("save a token generation", c -> {
            RevocationRecords.saveGeneration(
                    c, username, new RevocationRecords.Generation(generation.generation(), generation.keptToken()), at);
            return null;
        });
    }

    @Override
    public void revokeToken(String tokenId, Instant expiresAt, Instant at) throws StorageException {
        write("revoke a token", c -> {
            RevocationRecords.revokeToken(c, tokenId, expiresAt, at);
            return null;
        });
    }

    @Override
    public Map<String, Instant> revokedTokens(Instant since, Instant now) throws StorageException {
        return with("read the revoked tokens", c -> RevocationRecords.revokedTokens(c, since, now));
    }

    @Override
    public void purgeExpiredTokens(Instant now) throws StorageException {
        write("forget expired tokens", c -> RevocationRecords.purgeExpired(c, now));
    }

    @Override
    public void appendAudit(AuditEntry e) throws StorageException {
        write("write the audit log", c -> {
            AuditRecords.append(
                    c,
                    new AuditRecords.Entry(
                            0, e.at(), e.actor(), e.client(), e.action(), e.sites(), e.target(), e.detail()));
            return null;
        });
    }

    @Override
    public List<AuditEntry> readAudit(AuditQuery q) throws StorageException {
        return with(
                "read the audit log",
                c ->
                        AuditRecords.read(c, new AuditRecords.Query(q.sites(), q.from(), q.to(), q.before(), q.limit()))
                                .stream()
                                .map(e -> new AuditEntry(
                                        e.id(),
                                        e.at(),
                                        e.actor(),
                                        e.client(),
                                        e.action(),
                                        e.sites(),
                                        e.target(),
                                        e.detail()))
                                .toList());
    }

    @Override
    public int purgeAuditBefore(Instant before) throws StorageException {
        int[] deleted = new int[1];
        write("purge the audit log", c -> {
            deleted[0] = AuditRecords.purgeBefore(c, before);
            return null;
        });
        return deleted[0];
    }

    @Override
    public Map<String, Instant> lastAudited(String action) throws StorageException {
        return with("read the audit log", c -> AuditRecords.lastSignIns(c, action));
    }
}
