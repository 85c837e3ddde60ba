package org.xephang.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.xephang.api.DeviceHealth;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.SiteInfo;
import org.xephang.api.SiteStatistics;
import org.xephang.api.Ticket;
import org.xephang.api.WaitingTicket;

/**
 * The one writer of the queue state of every site this node owns (docs/architecture.md §1.1). The HTTP layer, the demo and
 * the tests talk to the queue only through this.
 *
 * <p><b>Commands</b> return a stage that completes once the change and its events (stream + outbox) are committed to
 * disk, or fails with a {@link org.xephang.api.QueueError} saying why (unknown ticket, invalid transition, closed
 * hours, …) and changing nothing. Commands never block the caller; their stages complete on the writer's thread, so
 * callers must hop back to their own thread (Vert.x: {@code Future.fromCompletionStage(stage, context)}).
 *
 * <p><b>Queries</b> answer from memory at once and are thread-safe.
 *
 * <p><b>Officer rule</b>: an OFFICER acts only on the counter they are signed in to; for ticket commands that is the
 * counter holding the ticket (or, for {@code call}, the officer's own counter). SUPERVISOR and ADMIN may act on any
 * counter. The HTTP layer checks that the role may use the endpoint at all; this checks the counter rule.
 */
public interface QueueService {

    /**
     * Whether this node may serve its sites now. Always true for a node alone; a node of a cluster that lost its
     * sites' leases (PostgreSQL unreachable past the lease, or another node took a site over) answers every site
     * request with {@code UNAVAILABLE} and reports it on {@code /health/ready}.
     */
    default boolean ownsItsSites() {
        return true;
    }

    CompletionStage<IssueResult> issue(String site, IssueCommand command, Actor actor);

    /** The next ticket for the counter by FCFS routing (docs/architecture.md §6.4), or empty when nothing waits. */
    CompletionStage<Optional<Ticket>> callNext(String site, int counter, Actor actor);

    /** Calls a specific WAITING (or NO_SHOW) ticket to the actor's counter. */
    CompletionStage<Ticket> call(String ticketId, Actor actor);

    CompletionStage<Ticket> recall(String ticketId, Actor actor);

    CompletionStage<Ticket> start(String ticketId, Actor actor);

    CompletionStage<Ticket> complete(String ticketId, Actor actor);

    CompletionStage<Ticket> noShow(String ticketId, Actor actor);

    CompletionStage<Ticket> cancel(String ticketId, Actor actor);

    CompletionStage<Ticket> transfer(String ticketId, TransferCommand command, Actor actor);

    CompletionStage<Ticket> linkDossier(String ticketId, String dossierCode, Actor actor);

    CompletionStage<Ticket> rate(String ticketId, RatingCommand command, Actor actor);

    CompletionStage<CounterView> pause(String site, int counter, String reason, Actor actor);

    CompletionStage<CounterView> resume(String site, int counter, Actor actor);

    CompletionStage<CounterView> signIn(String site, int counter, Actor actor);

    CompletionStage<CounterView> signOut(String site, int counter, Actor actor);

    /**
     * Records a device's status as a {@code device.status} event (printer paper out, LED offline, …). A report equal to
     * the device's previous one (same kind, state and detail) is accepted without a new event, so agents may repeat
     * their status as a heartbeat.
     */
    CompletionStage<Void> reportDeviceStatus(String site, DeviceStatusReport report, Actor actor);

    /**
     * An agent's heartbeat: the agent (a device of its own kind, ONLINE at its first heartbeat) and the devices it
     * lists are heard of now. A device not heard of for the engine's silence limit (60 s) becomes OFFLINE with a
     * {@code device.status} event, and returns to its last reported state, with an event, at its next heartbeat. The
     * usual heartbeat changes memory only and completes at once; one that brings a device back waits for the writer.
     */
    CompletionStage<Void> deviceHeartbeat(String site, DeviceHeartbeat heartbeat, Actor actor);

    /** The site's devices as last heard of, ordered by id (thread-safe, from memory). Fails with UNKNOWN_SITE. */
    List<DeviceHealth> devices(String site);

    Optional<Ticket> ticket(String ticketId);

    /**
     * The ticket of the site's current local day printed with this number, for an officer calling a specific ticket
     * ("Gọi số cụ thể"). {@code number} is read leniently (case, spaces, leading zeros: {@code "a12"} finds
     * {@code A012}). Empty when no ticket of today has that number. Fails with UNKNOWN_SITE for a site this node does
     * not serve and INVALID_REQUEST when {@code number} is not a letter followed by digits.
     */
    Optional<Ticket> ticketByNumber(String site, String number);

    /**
     * The statistics of a site's tickets issued on the local days {@code from}…{@code to} (docs/architecture.md §6.6), read
     * from the database off the writer's thread. Fails with UNKNOWN_SITE, or INVALID_REQUEST when {@code from} is after
     * {@code to} or the range is longer than {@link #MAX_STATISTICS_DAYS} days.
     */
    CompletionStage<SiteStatistics> statistics(String site, LocalDate from, LocalDate to);

    /**
     * The site's WAITING tickets as of the last committed change, for staff: every line of the site, or only
     * {@code service}'s (its common line and the tickets transferred to a counter in that service) when not null.
     * Ordered by service (configuration order), then the counter line after the common one, then position. Fails with
     * UNKNOWN_SITE, or UNKNOWN_SERVICE for a service the site does not have.
     */
    List<WaitingTicket> waiting(String site, String service);

    /** The longest range of days one statistics query covers. */
    int MAX_STATISTICS_DAYS = 366;

    /**
     * Whether the site issues tickets now and which services reached today's cap, as of the last committed change (a
     * new day's counts once its first command or the minute's housekeeping ran). Fails with UNKNOWN_SITE.
     */
    IssuingState issuing(String site);

    /** The public description of a site (kiosks, boards); fails with UNKNOWN_SITE for a site this node does not serve. */
    SiteInfo site(String siteCode);

    /**
     * The site's configuration document as stored, with its version (ADMIN), read off the writer's thread. Fails with
     * UNKNOWN_SITE.
     */
    CompletionStage<SiteConfigDocument> siteConfiguration(String site);

    /**
     * Saves a new version of the site's whole configuration and applies it at once, between groups: tickets keep their
     * numbers and places; caps, hours and routing follow the new values; a {@code config.changed} event tells the
     * site's agents. The document is validated exactly as the YAML file is (INVALID_REQUEST naming every key);
     * {@code version} must be the newest (CONFLICT otherwise, and when the change would remove a service with open
     * tickets or an open counter). Fails with UNKNOWN_SITE.
     */
    CompletionStage<SiteConfigDocument> saveSiteConfiguration(
            String site, long version, Map<String, Object> document, Actor actor);

    /**
     * Creates a site from its whole configuration document (a province ADMIN, {@code POST /admin/sites}): validated as
     * a {@code sites:} entry of the YAML file (INVALID_REQUEST naming every key), stored as version 1 and served at
     * once, without a restart. Fails with CONFLICT when a site of that code exists, UNAVAILABLE where a site cannot be
     * added while running (a node of a cluster).
     */
    default CompletionStage<SiteConfigDocument> createSite(Map<String, Object> document, Actor actor) {
        return java.util.concurrent.CompletableFuture.failedFuture(new org.xephang.api.QueueError(
                org.xephang.api.ErrorCode.UNAVAILABLE,
                "Máy chủ này không thêm được điểm phục vụ khi đang chạy.",
                "This server cannot add a site while running."));
    }

    /** The appointments of the sites this node serves (issue 17), or null when this queue takes none. */
    /**
     * The store that holds the centre's configuration, accounts, token revocations and audit log (the engine's), or
     * empty for a service without one (test doubles): the accounts API then keeps its changes in memory.
     */
    default Optional<org.xephang.core.persistence.Store> configurationStore() {
        return Optional.empty();
    }

    /** How others write to {@link #configurationStore()}: through its one writer (present when the store is). */
    default Optional<org.xephang.core.persistence.StoreWrites> storeWrites() {
        return Optional.empty();
    }

    default AppointmentService appointments() {
        return null;
    }

    /** Offline issuing at the kiosks of the sites this node serves (issue 17 item 5), or null when it has none. */
    default OfflineIssuing offlineIssuing() {
        return null;
    }

    /** The codes of the sites this node serves, in configuration order. */
    List<String> siteCodes();

    /**
     * Readiness probe ({@code /health/ready}): completes once the writer has run a transaction that reads the store;
     * fails with the store's error. Never blocks the caller; the caller bounds the wait (a stalled writer never
     * completes it). A service without a writer answers at once.
     */
    default CompletionStage<Void> probe() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Fails with UNKNOWN_SITE for a site this node does not serve. */
    QueueSnapshot snapshot(String site);

    /**
     * Subscribes to a site's committed events. The returned subscription's {@link Subscription#snapshot()} was taken
     * atomically with the subscription, so the listener then receives exactly the events with seq = snapshot.seq + 1,
     * + 2, … in order. The listener is called on the writer's thread and must not block: hand the event to your own
     * bounded buffer.
     */
    Subscription subscribe(String site, Consumer<QueueEvent> listener);

    /**
     * {@link #subscribe(String, Consumer)}, and {@code ended} is called (on any thread, at most once) when the stream of
     * the site ends on this node: in a cluster, when the site moves to another node, after which no event follows and
     * the client must subscribe again from a snapshot (docs/scale-out.md). A node alone never ends a stream.
     */
    default Subscription subscribe(String site, Consumer<QueueEvent> listener, Runnable ended) {
        return subscribe(site, listener);
    }

    /** A live subscription to a site's events. */
    interface Subscription extends AutoCloseable {
        QueueSnapshot snapshot();

        @Override
        void close();
    }
}
