package org.xephang.core.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records who did what, when and from where (issue #14 item 5): every administrative change and every sign-in, in
 * the store's {@code audit_log} (schema V6), written on a worker in the order recorded. Without a store (a server
 * built on a test double) the newest {@value #KEPT_IN_MEMORY} entries are kept in memory. The caller passes no
 * personal data: usernames of staff, site codes, keys that changed, versions; never passwords, hashes, phone numbers
 * or full names. A write that fails is logged as an error with its action (never silently lost).
 */
public final class AuditTrail {

    /** How long entries are kept unless the configuration says otherwise ({@code server.audit.keepDays}). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);

    /** What the log calls a successful sign-in (the accounts list reads the last one from it). */
    public static final String SIGN_IN = "sign-in";

    public static final String SIGN_IN_FAILED = "sign-in.failed";
    public static final String ACCOUNT_CREATE = "account.create";
    public static final String ACCOUNT_UPDATE = "account.update";
    public static final String PASSWORD_CHANGE = "password.change";
    public static final String TOKENS_REVOKE = "tokens.revoke";
    public static final String SITE_UPDATE = "site.update";
    public static final String CONFIG_IMPORT = "config.import";

    /** Who failed to sign in with a username that is no account: never the raw text typed. */
    public static final String UNKNOWN_ACTOR = "unknown";

    static final int KEPT_IN_MEMORY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AccountStorage store;
    private final Clock clock;
    private final WorkerExecutor writer;
    private final Deque<AuditEntry> memory = new ArrayDeque<>();
    private long nextMemoryId = 1;

    AuditTrail(Vertx vertx, AccountStorage store, Clock clock) {
        this.store = store;
        this.clock = clock;
        // One thread: entries are written in the order they were recorded.
        this.writer = vertx.createSharedWorkerExecutor("xephang-audit", 1);
    }

    /**
     * Records an entry now; completes once written.
     *
     * @param client the client's address, or null (the command line)
     * @param sites the sites concerned; empty for the whole province
     * @param target the account or site acted on, or null
     * @param detail what changed: keys, versions, counts; never secrets or personal data
     */
    public Future<Void> record(
            String actor, String client, String action, Set<String> sites, String target, JsonObject detail) {
        AuditEntry entry = new AuditEntry(
                0, clock.instant(), actor, client, action, sites, target, detail == null ? "{}" : detail.encode());
        return writer.<Void>executeBlocking(
                        () -> {
                            append(entry);
                            return null;
                        },
                        true)
                .onFailure(failed -> LOG.error(
                        "Could not write the audit entry {} by {} on {}",
                        action,
                        LogText.quoted(actor),
                        target,
                        failed));
    }

    private void append(AuditEntry entry) throws AccountStorage.StorageException {
        if (store == null) {
            synchronized (memory) {
                memory.addFirst(new AuditEntry(
                        nextMemoryId++,
                        entry.at(),
                        entry.actor(),
                        entry.client(),
                        entry.action(),
                        entry.sites(),
                        entry.target(),
                        entry.detail()));
                while (memory.size() > KEPT_IN_MEMORY) {
                    memory.removeLast();
                }
            }
            return;
        }
        store.appendAudit(entry);
    }

    /** The entries of {@code query}, newest first (after the writes recorded before this call). */
    public Future<List<AuditEntry>> read(AuditQuery query) {
        return writer.executeBlocking(
                () -> {
                    if (store == null) {
                        return readMemory(query);
                    }
                    return store.readAudit(query);
                },
                true);
    }

    /** When each account last signed in, as far as the log remembers. */
    public Future<Map<String, java.time.Instant>> lastSignIns() {
        return writer.executeBlocking(
                () -> {
                    if (store == null) {
                        Map<String, java.time.Instant> last = new HashMap<>();
                        synchronized (memory) {
                            for (AuditEntry e : memory) {
                                if (e.action().equals(SIGN_IN)) {
                                    last.putIfAbsent(e.actor(), e.at());
                                }
                            }
                        }
                        return last;
                    }
                    return store.lastAudited(SIGN_IN);
                },
                true);
    }

    private List<AuditEntry> readMemory(AuditQuery query) {
        List<AuditEntry> found = new ArrayList<>();
        synchronized (memory) {
            Iterator<AuditEntry> newestFirst = memory.iterator();
            while (newestFirst.hasNext() && found.size() < query.limit()) {
                AuditEntry e = newestFirst.next();
                boolean matches = (query.sites().isEmpty() || e.sites().stream().anyMatch(query.sites()::contains))
                        && (query.from() == null || !e.at().isBefore(query.from()))
                        && (query.to() == null || e.at().isBefore(query.to()))
                        && (query.before() == null || e.id() < query.before());
                if (matches) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    void close() {
        writer.close();
    }
}
