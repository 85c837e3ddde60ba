package org.xephang.core;

/**
 * Moves a ticket to another service or to a specific counter, at the front or the back of that queue; the ticket
 * keeps its number. Exactly one of {@code service} and {@code counter} is set.
 */
public record TransferCommand(String service, Integer counter, Position position) {

    /** Where the ticket goes in its new queue. */
    public enum Position {
        FRONT,
        BACK
    }
}
