package org.xephang.core.site;

import java.text.Normalizer;
import java.util.Objects;
import org.xephang.api.Role;

/**
 * Someone (or some device) that may sign in.
 *
 * @param passwordHash a bcrypt hash ({@code $2a$…}, {@code $2b$…} or {@code $2y$…}), never a plain password
 * @param counter the officer's home counter, or null
 * @param displayName how managers' pages name the person ("Nguyễn Thị Lan"), or null to show the username; never
 *     shown on public screens nor written to logs
 */
public record Account(String username, Role role, String passwordHash, Integer counter, String displayName) {
    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        displayName = displayName == null || displayName.isBlank()
                ? null
                : Normalizer.normalize(displayName.strip(), Normalizer.Form.NFC);
    }

    /** An account without a display name. */
    public Account(String username, Role role, String passwordHash, Integer counter) {
        this(username, role, passwordHash, counter, null);
    }

    /** The display name, or the username when there is none. */
    public String shownName() {
        return displayName != null ? displayName : username;
    }

    @Override
    public String toString() {
        return "Account[" + username + ", " + role + ", counter=" + counter + "]";
    }
}
