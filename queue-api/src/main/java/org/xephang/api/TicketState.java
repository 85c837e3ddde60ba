package org.xephang.api;

/** The life of a ticket (docs/architecture.md §6.5). */
public enum TicketState {
    WAITING,
    CALLED,
    SERVING,
    DONE,
    NO_SHOW,
    CANCELLED;

    /** Whether the ticket may still change (everything but DONE and CANCELLED; NO_SHOW may be re-queued). */
    public boolean isOpen() {
        return this != DONE && this != CANCELLED;
    }

    /** Whether a counter holds the ticket (a counter holds at most one such ticket). */
    public boolean isAtCounter() {
        return this == CALLED || this == SERVING;
    }
}
