package org.xephang.core.site;

import java.util.Objects;
import org.xephang.api.Role;

/**
 * Someone (or some device) that may sign in.
 *
 * @param passwordHash a bcrypt hash ({@code $2a$…}, {@code $2b$…} or {@code $2y$…}), never a plain password
 * @param counter the officer's home counter, or null
 */
public record Account(String username, Role role, String passwordHash, Integer counter) {
    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    @Override
    public String toString() {
        return "Account[" + username + ", " + role + ", counter=" + counter + "]";
    }
}
