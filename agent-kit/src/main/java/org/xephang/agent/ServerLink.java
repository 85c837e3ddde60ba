package org.xephang.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.EventType;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.SiteInfo;

/**
 * An agent's follower of its site on the queue server: loads the site's description (again after every reconnection,
 * in case the server restarted with another configuration, and whenever a {@code config.changed} event says so;
 * retrying every few seconds until it loads), hands on each snapshot and event, tells when the link goes up or down,
 * and optionally turns a burst of events into one fresh snapshot. The stream itself (first snapshot, {@code seq} gap
 * → resynchronisation, reconnection with backoff) is {@link org.xephang.api.EventStream}'s, reached through a
 * {@link Source}.
 *
 * <p>Threading: call {@link #start()} and {@link #close()} on the agent's context; every {@link Listener} call runs
 * there too, whatever thread the source answers on.
 */
public final class ServerLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLink.class);

    /** What the follower needs from the queue server; {@link #of(QueueClient, String)} is the real one. */
    public interface Source {

        /** The public description of the site ({@code SiteInfo} as JSON). */
        Future<JsonObject> siteInfo();

        /** The site's queue now. */
        Future<QueueSnapshot> snapshot();

        /** Follows the site: snapshots (first and after every resynchronisation), events, connection up/down. */
        void follow(Consumer<QueueSnapshot> onSnapshot, Consumer<QueueEvent> onEvent, Consumer<Boolean> onConnection);
    }

    /** What the agent does with what the link learns; every method runs on the agent's context. */
    public interface Listener {

        /** The site's description loaded (at start, after a reconnection, after {@code config.changed}). */
        default void siteLoaded(JsonObject site) {}

        /** A fresh snapshot: from the stream, or the refresh after a burst of events. */
        default void snapshotArrived(QueueSnapshot snapshot) {}

        /** An event, in {@code seq} order after the last snapshot. */
        default void eventArrived(QueueEvent event) {}

        /** The link to the server went up (a snapshot arrived on a new connection) or down. */
        default void connectionChanged(boolean up) {}

        /** The server's configuration changed ({@code config.changed}); the site is being loaded again. */
        default void configChanged(QueueEvent event) {}
    }

    /**
     * How the link behaves.
     *
     * @param name the agent, for logs (e.g. {@code kiosk kiosk1})
     * @param siteRetry how long to wait before asking for the site's description again after a failure; null for
     *     an agent that needs no site description (it is then never asked for)
     * @param snapshotRefresh after an event, how long to gather further events before asking for one fresh snapshot;
     *     null not to refresh (the agent applies the events itself)
     */
    public record Settings(String name, Duration siteRetry, Duration snapshotRefresh) {
        public Settings {
            Objects.requireNonNull(name, "name");
            if (siteRetry != null && (siteRetry.isNegative() || siteRetry.isZero())) {
                throw new IllegalArgumentException("siteRetry must be positive, was " + siteRetry);
            }
            if (snapshotRefresh != null && snapshotRefresh.isNegative()) {
                throw new IllegalArgumentException("snapshotRefresh must not be negative, was " + snapshotRefresh);
            }
        }

        /** Site retried every 3 s; a fresh snapshot {@code refresh} after a burst of events (null: none). */
        public static Settings of(String name, Duration refresh) {
            return new Settings(name, Duration.ofSeconds(3), refresh);
        }

        /** Snapshots and events only: no site description, no refresh (an LED mirror applies the events). */
        public static Settings eventsOnly(String name) {
            return new Settings(name, null, null);
        }
    }

    private final Context context;
    private final Vertx vertx;
    private final Source source;
    private final Listener listener;
    private final Settings settings;
    private JsonObject site;
    private boolean connected;
    private boolean refreshPending;
    private long siteRetryTimer = -1;
    private boolean closed;

    /** @param context the agent's context, where every {@link Listener} call runs */
    public ServerLink(Context context, Source source, Listener listener, Settings settings) {
        this.context = context;
        this.vertx = context.owner();
        this.source = source;
        this.listener = listener;
        this.settings = settings;
    }

    /** The real source: the site through a {@link QueueClient} and its event stream. */
    public static ClientSource of(QueueClient client, String site) {
        return new ClientSource(client, site);
    }

    /** Starts following and loads the site. Call on the agent's context. */
    public void start() {
        source.follow(
                snapshot -> context.runOnContext(v -> snapshotArrived(snapshot)),
                event -> context.runOnContext(v -> eventArrived(event)),
                up -> context.runOnContext(v -> connectionChanged(up)));
        loadSite();
    }

    /** The site's description, or null before it has loaded. */
    public JsonObject site() {
        return site;
    }

    /** Whether the event stream is connected (a snapshot arrived on the current connection). */
    public boolean connected() {
        return connected;
    }

    private void loadSite() {
        if (siteRetryTimer >= 0) {
            vertx.cancelTimer(siteRetryTimer);
            siteRetryTimer = -1;
        }
        if (closed || settings.siteRetry() == null) {
            return;
        }
        source.siteInfo().onComplete(loaded -> {
            if (closed) {
                return;
            }
            if (loaded.succeeded()) {
                site = loaded.result();
                listener.siteLoaded(site);
            } else {
                LOG.warn(
                        "{}: site description not loaded yet: {}",
                        settings.name(),
                        loaded.cause().toString());
                siteRetryTimer = vertx.setTimer(settings.siteRetry().toMillis(), t -> {
                    siteRetryTimer = -1;
                    loadSite();
                });
            }
        });
    }

    private void snapshotArrived(QueueSnapshot snapshot) {
        if (!closed) {
            listener.snapshotArrived(snapshot);
        }
    }

    private void eventArrived(QueueEvent event) {
        if (closed) {
            return;
        }
        listener.eventArrived(event);
        if (event.type() == EventType.CONFIG_CHANGED) {
            LOG.info("{}: the server's configuration changed; loading the site again", settings.name());
            listener.configChanged(event);
            loadSite();
        }
        refreshSnapshotSoon();
    }

    /** Coalesces a burst of events into one snapshot request. */
    private void refreshSnapshotSoon() {
        if (settings.snapshotRefresh() == null || refreshPending || closed) {
            return;
        }
        refreshPending = true;
        vertx.setTimer(
                Math.max(1, settings.snapshotRefresh().toMillis()),
                t -> source.snapshot().onComplete(done -> {
                    refreshPending = false;
                    if (done.succeeded()) {
                        snapshotArrived(done.result());
                    } else {
                        LOG.debug(
                                "{}: snapshot refresh failed: {}",
                                settings.name(),
                                done.cause().toString());
                    }
                }));
    }

    private void connectionChanged(boolean up) {
        if (up == connected || closed) {
            return;
        }
        connected = up;
        LOG.info("{}: server connection {}", settings.name(), up ? "up" : "lost");
        if (up) {
            loadSite(); // the server may have restarted with a changed configuration
        }
        listener.connectionChanged(up);
    }

    /** Stops retrying and refreshing; the source is closed by its owner. Call on the agent's context. */
    @Override
    public void close() {
        closed = true;
        if (siteRetryTimer >= 0) {
            vertx.cancelTimer(siteRetryTimer);
            siteRetryTimer = -1;
        }
    }

    /** A site followed through a {@link QueueClient}: its public reads and its self-healing event stream. */
    public static final class ClientSource implements Source, AutoCloseable {

        private final QueueClient client;
        private final String site;
        private org.xephang.api.EventStream stream;

        private ClientSource(QueueClient client, String site) {
            this.client = client;
            this.site = site;
        }

        @Override
        public Future<JsonObject> siteInfo() {
            return client.siteInfo(site).map(SiteInfo::toJson);
        }

        @Override
        public Future<QueueSnapshot> snapshot() {
            return client.snapshot(site);
        }

        @Override
        public void follow(
                Consumer<QueueSnapshot> onSnapshot, Consumer<QueueEvent> onEvent, Consumer<Boolean> onConnection) {
            stream = client.events(site)
                    .onSnapshot(onSnapshot)
                    .onEvent(onEvent)
                    .onConnectionChange(onConnection)
                    .start();
        }

        /** Closes the event stream (not the client, which belongs to the caller). */
        @Override
        public void close() {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
