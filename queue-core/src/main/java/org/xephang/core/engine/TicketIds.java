package org.xephang.core.engine;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Ticket ids (in the QR code and the status link): 16 URL-safe characters, the issue time's millisecond in the first 7
 * and 54 random bits in the other 9 (docs/adr/0031-bytes-per-ticket.md). Unguessable like the fully random ids before
 * them (a guess must hit 2^54 values even knowing the millisecond), but written in time order, so the ticket table's
 * primary-key index grows at its end instead of dirtying one random page of a large file per ticket: one 4 KiB WAL page
 * per issue less.
 */
final class TicketIds {

    /** The base64url characters in ASCII order, so that the ids sort (as text) in the order of their times. */
    static final String ALPHABET = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    static final int LENGTH = 16;
    private static final int TIME_CHARS = 7; // 42 bits of milliseconds: until the year 2109
    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketIds() {}

    static String next(Instant at) {
        char[] id = new char[LENGTH];
        long millis = at.toEpochMilli();
        for (int i = TIME_CHARS - 1; i >= 0; i--) {
            id[i] = ALPHABET.charAt((int) (millis & 63));
            millis >>>= 6;
        }
        long random = RANDOM.nextLong();
        for (int i = TIME_CHARS; i < LENGTH; i++) {
            id[i] = ALPHABET.charAt((int) (random & 63));
            random >>>= 6;
        }
        return new String(id);
    }
}
