package org.xephang.core.auth;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which audit entries to read: of any of {@code sites} (empty for every entry: a province administrator), from {@code
 * from} inclusive to {@code to} exclusive (either null for open), with an id below {@code before} (null for the
 * newest), at most {@code limit} (1 to {@link #MAX_LIMIT}).
 */
public record AuditQuery(Set<String> sites, Instant from, Instant to, Long before, int limit) {

    /** The most entries one read answers (a CSV export). */
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        sites = sites == null ? Set.of() : Set.copyOf(new TreeSet<>(sites));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1–" + MAX_LIMIT + ", got " + limit);
        }
    }
}
