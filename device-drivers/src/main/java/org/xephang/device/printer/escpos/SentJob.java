package org.xephang.device.printer.escpos;

import java.time.Duration;
import java.util.Objects;

/**
 * What the last job cost on the link: for {@code print-test}, and to choose a mode for a slow line.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param mode how the ticket was encoded
 * @param bytes how many bytes were sent
 * @param sending from the first byte written until the link took the last one (the operating system may still hold
 *     a few kilobytes then)
 * @param confirmed from the first byte written until the printer confirmed the whole job (equal to {@code sending}
 *     for a printer that tells no status)
 */
public record SentJob(EscPosMode mode, int bytes, Duration sending, Duration confirmed) {

    public SentJob {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sending, "sending");
        Objects.requireNonNull(confirmed, "confirmed");
        if (bytes < 0 || sending.isNegative() || confirmed.compareTo(sending) < 0) {
            throw new IllegalArgumentException("a sent job needs bytes >= 0 and 0 <= sending <= confirmed, got " + bytes
                    + ", " + sending + ", " + confirmed);
        }
    }

    /** The least time {@code bytes} take on a serial line at {@code baud} (8N1: ten bits a byte). */
    public static Duration lineTime(int bytes, int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive, got " + baud);
        }
        return Duration.ofNanos(bytes * 10L * 1_000_000_000L / baud);
    }
}
