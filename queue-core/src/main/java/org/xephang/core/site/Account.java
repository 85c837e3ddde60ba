package org.xephang.core.site;

import java.text.Normalizer;
import java.util.Objects;
import java.util.Set;
import org.xephang.api.Role;

/**
 * Someone (or some device) that may sign in, and where (docs/architecture.md §11). A plain record, so the store can hold
 * accounts later.
 *
 * @param passwordHash a bcrypt hash ({@code $2a$…}, {@code $2b$…} or {@code $2y$…}), never a plain password
 * @param counter the officer's home counter, or null
 * @param displayName how managers' pages name the person ("Nguyễn Thị Lan"), or null to show the username; never
 *     shown on public screens nor written to logs
 * @param sites the site codes the account acts at; empty for every site (a province administrator, or any account of
 *     a single-site configuration)
 * @param counters for an officer, the counters they may sign in at (the home counter included); empty for any counter
 *     of their sites
 * @param disabled whether signing in is refused and every token of the account stops counting (issue #14: an account
 *     is disabled rather than deleted, so the audit log keeps naming it)
 */
public record Account(
        String username,
        Role role,
        String passwordHash,
        Integer counter,
        String displayName,
        Set<String> sites,
        Set<Integer> counters,
        boolean disabled) {
    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        displayName = displayName == null || displayName.isBlank()
                ? null
                : Normalizer.normalize(displayName.strip(), Normalizer.Form.NFC);
        sites = sites == null ? Set.of() : Set.copyOf(sites);
        counters = counters == null ? Set.of() : Set.copyOf(counters);
        if (counter != null && !counters.isEmpty() && !counters.contains(counter)) {
            throw new IllegalArgumentException("the home counter " + counter + " must be one of counters " + counters);
        }
    }

    /** An enabled account. */
    public Account(
            String username,
            Role role,
            String passwordHash,
            Integer counter,
            String displayName,
            Set<String> sites,
            Set<Integer> counters) {
        this(username, role, passwordHash, counter, displayName, sites, counters, false);
    }

    /** This account with {@code value} as its disabled flag. */
    public Account withDisabled(boolean value) {
        return new Account(username, role, passwordHash, counter, displayName, sites, counters, value);
    }

    /** Whether this is a province administrator: an ADMIN of every site. */
    public boolean isProvinceAdmin() {
        return role == Role.ADMIN && sites.isEmpty();
    }

    /** An account of every site and, for an officer, only {@code counter} when given (else any counter). */
    public Account(String username, Role role, String passwordHash, Integer counter, String displayName) {
        this(
                username,
                role,
                passwordHash,
                counter,
                displayName,
                Set.of(),
                counter == null || role != Role.OFFICER ? Set.of() : Set.of(counter));
    }

    /** An account without a display name, of every site. */
    public Account(String username, Role role, String passwordHash, Integer counter) {
        this(username, role, passwordHash, counter, null);
    }

    /** The display name, or the username when there is none. */
    public String shownName() {
        return displayName != null ? displayName : username;
    }

    @Override
    public String toString() {
        return "Account[" + username + ", " + role + ", counter=" + counter + ", sites="
                + (sites.isEmpty() ? "ALL" : sites) + ", counters=" + (counters.isEmpty() ? "ANY" : counters)
                + (disabled ? ", disabled" : "") + "]";
    }
}
