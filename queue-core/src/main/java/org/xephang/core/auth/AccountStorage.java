package org.xephang.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where accounts, token revocations and the audit log are kept when the server has a store (schema V3 and V6): the
 * accounts API, the revocations and the audit log of this package use it, and {@code
 * org.xephang.core.config.StoredAccountStorage} implements it over the queue's store, so that neither this package nor
 * the HTTP API touch the store or JDBC themselves. Every method is blocking: call it from a worker or a thread of its
 * own, never from an event loop.
 */
public interface AccountStorage {

    /** An account's token generation and the one token of the generation before that still counts, or null. */
    record Generation(long generation, String keptToken) {}

    /** A read or write the store refused. */
    final class StorageException extends Exception {
        public StorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Every account document (JSON text, the keys of a YAML {@code accounts:} entry), by username. */
    Map<String, String> accountDocuments() throws StorageException;

    /** Adds or replaces an account's document. */
    void saveAccountDocument(String username, String json, Instant at, String by) throws StorageException;

    /** Every account's token generation, by username. */
    Map<String, Generation> generations() throws StorageException;

    /** Raises an account's generation (never lowers it: another server may be ahead). */
    void saveGeneration(String username, Generation generation, Instant at) throws StorageException;

    /** Revokes one token until it would have expired. */
    void revokeToken(String tokenId, Instant expiresAt, Instant at) throws StorageException;

    /** Tokens revoked since {@code since} (all when null) that have not expired by {@code now}. */
    Map<String, Instant> revokedTokens(Instant since, Instant now) throws StorageException;

    /** Forgets revoked tokens that have expired anyway. */
    void purgeExpiredTokens(Instant now) throws StorageException;

    /** Appends an audit entry. */
    void appendAudit(AuditEntry entry) throws StorageException;

    /** Audit entries, newest first. */
    List<AuditEntry> readAudit(AuditQuery query) throws StorageException;

    /** Deletes the audit entries older than {@code before}; answers how many. */
    int purgeAuditBefore(Instant before) throws StorageException;

    /** When each account last did {@code action} (a sign-in), as far as the log remembers. */
    Map<String, Instant> lastAudited(String action) throws StorageException;
}
