package org.xephang.api;

/** Who may do what (docs/architecture.md §11). KIOSK and DISPLAY are device tokens. */
public enum Role {
    ADMIN,
    SUPERVISOR,
    OFFICER,
    KIOSK,
    DISPLAY
}
