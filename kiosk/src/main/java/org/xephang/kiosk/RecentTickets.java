package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;

/**
 * The tickets issued or reprinted at this kiosk lately (the last 50): for their QR codes, a reprint, a scanned ticket
 * while the server is away, and the settings screen's list. Used on the agent's context only.
 */
final class RecentTickets {

    private static final int KEPT = 50;
    private static final int LISTED = 20;

    private final CoreGateway core;
    private final Map<String, Ticket> tickets = lastOnes();

    RecentTickets(CoreGateway core) {
        this.core = core;
    }

    /** A map that keeps only the 50 entries put last (tickets here, print outcomes in {@link KioskPrinting}). */
    static <V> Map<String, V> lastOnes() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT;
            }
        };
    }

    void remember(Ticket ticket) {
        tickets.remove(ticket.id());
        tickets.put(ticket.id(), ticket);
    }

    /** A ticket issued or reprinted here recently (for its QR), or null. */
    Ticket get(String ticketId) {
        return tickets.get(ticketId);
    }

    /** The ticket: the copy issued here, else the server's. */
    Future<Ticket> ticket(String ticketId) {
        Ticket known = tickets.get(ticketId);
        return known != null ? Future.succeededFuture(known) : core.ticket(ticketId);
    }

    /** The ticket as the server knows it now (for a scanned ticket), falling back to the copy issued here. */
    Future<Ticket> fresh(String ticketId) {
        Ticket known = tickets.get(ticketId);
        return core.ticket(ticketId)
                .recover(failure -> known != null && !(failure instanceof QueueError)
                        ? Future.succeededFuture(known)
                        : Future.failedFuture(failure));
    }

    /** The 20 newest, newest first, each with its print outcome (the settings screen). */
    JsonArray list(Function<String, PrintOutcome> outcomes) {
        JsonArray list = new JsonArray();
        tickets.values().stream()
                .sorted((a, b) -> b.issuedAt().compareTo(a.issuedAt()))
                .limit(LISTED)
                .forEach(t -> {
                    PrintOutcome outcome = outcomes.apply(t.id());
                    list.add(new JsonObject()
                            .put("id", t.id())
                            .put("number", t.number())
                            .put("service", t.service())
                            .put("issuedAt", t.issuedAt().toString())
                            .put("print", outcome == null ? null : outcome.toJson()));
                });
        return list;
    }
}
