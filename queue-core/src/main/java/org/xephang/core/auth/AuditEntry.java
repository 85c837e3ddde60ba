package org.xephang.core.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of the audit log.
 *
 * @param id the store's sequence (0 before it is appended); pages go back with {@code before = id}
 * @param client the client's address, or null (the command line)
 * @param sites the sites concerned; empty for the whole province (a province account, an unknown username)
 * @param target the account or site acted on, or null
 * @param detail JSON text: what changed, never a password, hash, phone number or full name
 */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        String client,
        String action,
        Set<String> sites,
        String target,
        String detail) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        sites = sites == null ? Set.of() : Set.copyOf(new TreeSet<>(sites));
        detail = detail == null ? "{}" : detail;
    }
}
