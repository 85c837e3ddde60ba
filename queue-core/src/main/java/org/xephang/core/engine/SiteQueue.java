package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.xephang.api.EventType;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.core.persistence.BookingStore;
import org.xephang.core.persistence.NotificationStore;
import org.xephang.core.persistence.QueueStore;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.TicketRecord;

/**
 * One site of the engine: its {@link SiteState}, its {@link SiteEvents event log}, the {@link OfficerRule}, and the
 * commands over them ({@link TicketCommands}, {@link CounterCommands}, {@link DeviceReports}, {@link SiteHousekeeping}).
 * Commands run on the writer thread inside a write group (each first checks everything and throws {@link QueueError}
 * before changing anything, then changes memory and writes the same change and its events through the store); queries
 * read the state {@link #published()} after each committed group.
 */
final class SiteQueue {

    /** What a command sees of its write group. */
    interface Writes {
        QueueStore store();

        /** The notification tables, on the same connection and transaction. */
        NotificationStore notificationStore();
        /** The appointments' SQL on the same transaction. */
        BookingStore bookings();

        /** Publishes after the commit. */
        void afterCommit(Runnable action);
    }

    private final SiteState state;
    private final SiteEvents events;
    private final SiteHousekeeping housekeeping;
    private final OfficerRule officers;
    /** Rebuilt by {@link #reconfigure}: it keeps the site's announcement wording. */
    private TicketCommands tickets;

    private final CounterCommands counters;
    private final DeviceReports devices;
    private final SiteNotifications notifications;
    private final OfflineCommands offline;

    SiteQueue(SiteConfig config, Clock clock, EngineOptions options, Map<String, SiteQueue> siteOfTicket) {
        this.state = new SiteState(this, config, clock, options, siteOfTicket);
        this.events = new SiteEvents(state);
        this.officers = new OfficerRule(state);
        this.housekeeping = new SiteHousekeeping(state, events);
        this.tickets = new TicketCommands(state, events, officers);
        this.counters = new CounterCommands(state, events, officers);
        this.devices = new DeviceReports(events, new DeviceRegistry(options.deviceSilenceLimit()));
        this.notifications = new SiteNotifications(state, clock);
        this.offline = new OfflineCommands(state, events);
    }

    /** The kiosks' number blocks and offline tickets (docs/adr/0029-offline-issuing.md). */
    OfflineCommands offline() {
        return offline;
    }

    SiteNotifications notifications() {
        return notifications;
    }

    SiteConfig config() {
        return state.config();
    }

    TicketCommands tickets() {
        return tickets;
    }

    CounterCommands counters() {
        return counters;
    }

    DeviceReports devices() {
        return devices;
    }

    /**
     * Refuses a configuration change that would strand tickets or officers (writer thread, before anything is
     * written): a service removed while tickets of it are open, a counter removed while it is open.
     */
    void checkReconfigure(SiteConfig next) {
        ReconfigureChecks.beforeApply(state.config(), next, state.ticketsNow(), state.desksNow());
    }

    /** Applies a saved configuration between groups and tells the site's agents ({@code config.changed}). */
    void reconfigure(Writes writes, SiteConfig next, long version, Instant now) throws SQLException {
        state.reconfigure(next);
        tickets = new TicketCommands(state, events, officers);
        events.emit(writes, EventType.CONFIG_CHANGED, null, null, new JsonObject().put("version", version), now);
    }

    /** Replaces the memory with the database's state (on start and after a rolled-back group). */
    void load(QueueStore store, NotificationStore notificationStore, Instant now) throws SQLException {
        state.load(store);
        notifications.load(notificationStore, now);
    }

    /** Whether {@link #beforeCommand} has a day rollover to make at this instant (safe from any thread). */
    boolean needsRollover(Instant now) {
        return housekeeping.needsRollover(now);
    }

    /** Before every command and at the minute check: the day rollover when due, then the expiry of late calls. */
    void beforeCommand(Writes writes, Instant now) throws SQLException {
        housekeeping.rollover(writes, now);
        housekeeping.expireCalls(writes, now);
    }

    /** The ticket as the API shows it. */
    org.xephang.api.Ticket view(TicketRecord ticket) {
        return state.view(ticket);
    }

    Optional<TicketRecord> find(String ticketId) {
        return state.find(ticketId);
    }

    /** Whether tickets are issued at {@code now}, and the services at their cap (any thread). */
    IssuingState issuing(Instant now) {
        return state.issuing(now);
    }

    /** The state as of the last committed group (any thread). */
    SiteView published() {
        return state.published();
    }

    /** After a committed group (writer thread): publishes a copy of the state if a command changed it. */
    void publishIfChanged() {
        state.publishIfChanged();
    }

    List<Consumer<QueueEvent>> subscribers() {
        return events.subscribers();
    }

    int ticketCount() {
        return state.ticketCount();
    }
}
