package org.xephang.core.engine;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Event ids (the receivers' idempotency keys): UUIDs of version 7 (RFC 9562), the event's millisecond first and 74
 * random bits after it. Unique like random UUIDs, but written in time order, so the event table's unique index grows
 * at its end instead of touching a random page of a large file for every event.
 */
final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {}

    static String next(Instant at) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = at.toEpochMilli();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3fL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xffL) << (8 * (9 - i));
        }
        return new UUID(high, low).toString();
    }
}
