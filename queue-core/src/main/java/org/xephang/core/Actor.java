package org.xephang.core;

import java.util.Objects;
import org.xephang.api.Role;

/** Who asks: a signed-in user or device, by username (never a personal name) and role. */
public record Actor(String username, Role role) {
    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    /** The server itself (restart recovery, timeouts, the demo's simulated devices). */
    public static final Actor SYSTEM = new Actor("system", Role.ADMIN);
}
