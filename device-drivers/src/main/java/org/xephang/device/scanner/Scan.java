package org.xephang.device.scanner;

import java.time.Instant;
import java.util.Objects;

/**
 * One scan.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param text what the scanner sent, suffix and control bytes removed (do not log it: it may be a personal code)
 * @param payload what it means: a dossier code, one of our tickets, or unreadable with a Vietnamese message
 * @param at when it arrived
 */
public record Scan(String text, ScannedPayload payload, Instant at) {
    public Scan {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(at, "at");
    }
}
