package org.xephang.core.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.xephang.api.QueueEvent;

/**
 * The JSON (UTF-8) of recent events in their two views: the public one every board gets and the full one for staff
 * streams (made on demand). Every subscriber of a site receives the same event object, so each event is encoded once
 * however many connections on however many event loops follow it (5,000 subscribers on two loops drain interleaved
 * events, which a single "last event" slot cannot serve). A slot is chosen by site and seq and checked by identity; a
 * race only costs an extra encoding. Thread-safe.
 */
final class EventJson {

    private static final int RECENT_SLOTS = 256;

    private final AtomicReferenceArray<Encoded> recent = new AtomicReferenceArray<>(RECENT_SLOTS);

    private static final class Encoded {
        final QueueEvent event;
        final byte[] publicJson;
        volatile byte[] fullJson;

        Encoded(QueueEvent event) {
            this.event = event;
            this.publicJson = event.toPublicJson().encode().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The event's JSON for the view; the same array for every caller: not to be changed. */
    byte[] encode(QueueEvent event, boolean full) {
        Encoded encoded = encoded(event);
        if (!full) {
            return encoded.publicJson;
        }
        byte[] fullJson = encoded.fullJson;
        if (fullJson == null) {
            fullJson = event.toJson().encode().getBytes(StandardCharsets.UTF_8);
            encoded.fullJson = fullJson;
        }
        return fullJson;
    }

    private Encoded encoded(QueueEvent event) {
        int slot = (int) ((event.seq() * 31 + event.site().hashCode()) & (RECENT_SLOTS - 1));
        Encoded cached = recent.get(slot);
        if (cached != null && cached.event == event) {
            return cached;
        }
        Encoded fresh = new Encoded(event);
        recent.set(slot, fresh);
        return fresh;
    }
}
