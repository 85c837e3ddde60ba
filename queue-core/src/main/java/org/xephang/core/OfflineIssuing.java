package org.xephang.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;

/**
 * Offline issuing at the kiosks (issue 17 item 5, docs/adr/0029-offline-issuing.md): the number blocks leased to a
 * kiosk ahead of time, and the upload of the tickets it issued from them while it could not reach the server. Every
 * operation runs on the engine's writer; stages complete on the writer's thread (hop back to your own) and fail with a
 * {@link QueueError} carrying a Vietnamese message.
 */
public interface OfflineIssuing {

    /**
     * The kiosk's blocks of a service for today, leasing a new one first when fewer than the site's {@code refillBelow}
     * of its numbers are left (so a repeated request leases nothing more). CONFLICT when the site has offline issuing
     * off, UNKNOWN_SERVICE, DAILY_CAP_REACHED when no number is left to lease.
     *
     * @param kiosk the kiosk's account (the caller has checked it is a KIOSK of the site)
     */
    CompletionStage<Lease> lease(String site, String service, String kiosk);

    /**
     * Places the kiosk's offline tickets among the waiting ones by their tap time, each once: a ticket uploaded again
     * (same id) answers the ticket it became. Each ticket succeeds or is refused on its own.
     */
    CompletionStage<List<Outcome>> upload(String site, List<OfflineTicket> tickets, String kiosk);

    /** A block leased to a kiosk, with how its numbers are printed ({@code prefix} + {@code first}, {@code width}). */
    record Block(String id, String service, LocalDate day, int first, int last, int used, String prefix, int width) {}

    /** The kiosk's usable blocks of a service today, and the site's settings. */
    record Lease(String service, List<Block> blocks, int blockSize, int refillBelow) {}

    /**
     * A ticket a kiosk issued offline.
     *
     * @param id the ticket id the kiosk chose (random, as the server's; in its QR)
     * @param sequence its number within the block's day
     * @param tappedAt when the citizen took it (the kiosk's clock)
     */
    record OfflineTicket(String id, String service, int sequence, String priority, Instant tappedAt) {}

    /**
     * What became of one uploaded ticket: {@code ticket} (created, or {@code replayed} for an earlier upload), or the
     * {@code refusal} (the kiosk keeps it for a person to look at; uploading it again is refused again).
     */
    record Outcome(String id, Ticket ticket, boolean replayed, QueueError refusal) {}
}
