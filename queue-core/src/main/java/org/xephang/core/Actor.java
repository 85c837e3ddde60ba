package org.xephang.core;

import java.util.Objects;
import java.util.Set;
import org.xephang.api.Role;

/**
 * Who asks: a signed-in user or device, by username (never a personal name) and role, with where it may act
 * (docs/architecture.md §11).
 *
 * @param sites the site codes it may act at; empty for every site
 * @param counters the counters an officer may sign in at; empty for any
 */
public record Actor(String username, Role role, Set<String> sites, Set<Integer> counters) {
    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        sites = sites == null ? Set.of() : Set.copyOf(sites);
        counters = counters == null ? Set.of() : Set.copyOf(counters);
    }

    /** An actor of every site and counter. */
    public Actor(String username, Role role) {
        this(username, role, Set.of(), Set.of());
    }

    /** The server itself (restart recovery, timeouts, the demo's simulated devices). */
    public static final Actor SYSTEM = new Actor("system", Role.ADMIN);

    /** Whether it may act at (or read the staff view of) {@code site}. */
    public boolean mayActAt(String site) {
        return sites.isEmpty() || sites.contains(site);
    }

    /** Whether it may sign in and work at counter {@code number} (only officers are held to counters). */
    public boolean mayUseCounter(int number) {
        return role != Role.OFFICER || counters.isEmpty() || counters.contains(number);
    }
}
