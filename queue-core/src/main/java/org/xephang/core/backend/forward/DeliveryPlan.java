package org.xephang.core.backend.forward;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xephang.core.persistence.Outbox.Entry;

/**
 * Decides what may be sent now, keeping each ticket's events in order. Events are grouped into chains by what they
 * are about (the ticket; else the counter; else the site), in seq order. A chain may start only with its earliest
 * pending event, and only when no earlier event of the chain is dead; it then runs through the following events that
 * are due. An event whose next attempt is still in the future holds back every later event of its chain. Pure.
 */
final class DeliveryPlan {

    private static final Comparator<Entry> BY_SITE_AND_SEQ =
            Comparator.comparing(Entry::site).thenComparingLong(Entry::seq);

    private DeliveryPlan() {}

    /** The chains to deliver now, each in order; empty while {@code now} is before {@code pausedUntil}. */
    static List<List<Entry>> chains(List<Entry> pending, List<Entry> dead, Instant now, Instant pausedUntil) {
        if (pausedUntil != null && now.isBefore(pausedUntil)) {
            return List.of();
        }
        Map<String, Long> firstDeadSeq = new HashMap<>();
        for (Entry entry : dead) {
            firstDeadSeq.merge(chainKey(entry), entry.seq(), Math::min);
        }
        List<Entry> ordered = new ArrayList<>(pending);
        ordered.sort(BY_SITE_AND_SEQ);
        Map<String, List<Entry>> chains = new LinkedHashMap<>();
        Set<String> held = new HashSet<>();
        for (Entry entry : ordered) {
            String key = chainKey(entry);
            if (held.contains(key)) {
                continue;
            }
            Long deadSeq = firstDeadSeq.get(key);
            boolean behindDead = deadSeq != null && deadSeq < entry.seq();
            if (behindDead || entry.nextAttemptAt().isAfter(now)) {
                held.add(key);
                continue;
            }
            chains.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        }
        return List.copyOf(chains.values());
    }

    /** What an event's order is kept within: its ticket, else its counter, else its site. */
    static String chainKey(Entry entry) {
        JsonObject payload = entry.payload();
        Object ticket = payload.getValue("ticket");
        if (ticket instanceof JsonObject t && t.getString("id") != null) {
            return entry.site() + "/ticket/" + t.getString("id");
        }
        Object counter = payload.getValue("counter");
        if (counter != null) {
            return entry.site() + "/counter/" + counter;
        }
        return entry.site();
    }
}
