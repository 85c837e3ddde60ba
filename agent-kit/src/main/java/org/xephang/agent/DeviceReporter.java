package org.xephang.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.DeviceHealth;
import org.xephang.api.QueueClient;
import org.xephang.device.Device;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;

/**
 * Reports an agent's devices to the queue server (docs/devices.md §7), the one way every agent (kiosk, board, counter)
 * does it: each device's status at start and at every change, and every 20 s a heartbeat of the agent and its devices,
 * so the server lists them and marks one silent for 60 s OFFLINE. A status the server did not take is kept (the latest
 * per device) and sent again with the next heartbeat, or at once when the agent's link to the server returns
 * ({@link #linkReturned()}).
 *
 * <p>Threading: runs on the context it is given; device threads only hand their changes over. {@link #linkReturned()}
 * and {@link #close()} may be called from any thread.
 */
public final class DeviceReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceReporter.class);

    /**
     * Who the agent is on the server.
     *
     * @param agentId the agent's id in the device registry, also the prefix of its devices' ids ({@code pc3/led-3})
     * @param username a device account of the site (role DISPLAY or KIOSK)
     */
    public record Account(String agentId, String username, String password) {
        public Account {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Account[agentId=" + agentId + ", username=" + username + "]";
        }
    }

    /**
     * One device as the server lists it.
     *
     * @param name its id on the server, {@code <agentId>/<name>}, e.g. {@code pc3/led-3}
     * @param kind {@code printer}, {@code scanner}, {@code led} or {@code keypad}
     * @param status its status now
     * @param listen registers a status listener; {@code unlisten} removes it again
     */
    public record Reported(
            String name,
            String kind,
            Supplier<DeviceStatus> status,
            Consumer<DeviceStatusListener> listen,
            Consumer<DeviceStatusListener> unlisten) {

        public Reported {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(unlisten, "unlisten");
        }

        /** A device of device-drivers. */
        public static Reported of(String name, String kind, Device device) {
            return new Reported(name, kind, device::status, device::addStatusListener, device::removeStatusListener);
        }

        /** The same device under another name (its agent's prefix added). */
        public Reported named(String newName) {
            return new Reported(newName, kind, status, listen, unlisten);
        }
    }

    /** Where the reports go: the server's device registry, as the agent's device account. */
    public interface Server {

        /** Tells the server one device's status. */
        Future<Void> reportStatus(String device, String kind, DeviceStatus status);

        /** Tells the server the agent and these devices are alive. */
        Future<Void> heartbeat(String agentId, String agentKind, List<String> devices);

        /**
         * The server through {@code client}, signed in with {@code account} whenever there is no token yet (the server
         * was down at start); the client signs in again when the token expires.
         */
        static Server signedIn(QueueClient client, String site, Account account) {
            return new Server() {
                @Override
                public Future<Void> reportStatus(String device, String kind, DeviceStatus status) {
                    return signedIn(() -> client.reportDeviceStatus(
                            site, device, kind, status.state().name(), status.description(), status.since()));
                }

                @Override
                public Future<Void> heartbeat(String agentId, String agentKind, List<String> devices) {
                    return signedIn(() -> client.heartbeat(site, agentId, agentKind, devices));
                }

                private <T> Future<T> signedIn(Supplier<Future<T>> call) {
                    if (client.token() != null) {
                        return call.get();
                    }
                    return client.login(account.username(), account.password()).compose(session -> call.get());
                }
            };
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final Server server;
    private final String agentId;
    private final String agentKind;
    private final List<Reported> devices;
    private final List<DeviceStatusListener> listeners;
    /** Whether the agent's link to the server is up: a failure while it is down is no news (the page says so). */
    private final BooleanSupplier linkUp;
    /** Per device name, the latest status the server has not taken yet. */
    private final Map<String, DeviceStatus> pending = new LinkedHashMap<>();
    /** Per device name, the status on its way to the server now (not sent again until it is answered). */
    private final Map<String, DeviceStatus> sending = new HashMap<>();

    private long timer = -1;
    /** Set at once by {@link #close()} from any thread: the devices the agent closes next are not reported. */
    private volatile boolean closed;

    private DeviceReporter(
            Context context,
            Server server,
            String agentId,
            String agentKind,
            List<Reported> devices,
            BooleanSupplier linkUp) {
        this.vertx = context.owner();
        this.context = context;
        this.server = server;
        this.agentId = agentId;
        this.agentKind = agentKind;
        this.devices = new ArrayList<>(devices);
        this.linkUp = linkUp;
        this.listeners =
                new ArrayList<>(this.devices.stream().map(this::listenerOf).toList());
    }

    private DeviceStatusListener listenerOf(Reported reported) {
        return (previous, current) -> context.runOnContext(v -> changed(reported, current));
    }

    /**
     * Starts reporting on {@code context}: every device's current status, then its changes, and a heartbeat now and
     * every 20 s.
     *
     * @param agentKind {@code kiosk}, {@code board} or {@code counter}
     * @param linkUp whether the agent's server link is up (failures while it is down are logged at debug level only)
     */
    public static DeviceReporter start(
            Context context,
            Server server,
            String agentId,
            String agentKind,
            List<Reported> devices,
            BooleanSupplier linkUp) {
        DeviceReporter reporter = new DeviceReporter(context, server, agentId, agentKind, devices, linkUp);
        context.runOnContext(v -> reporter.begin());
        return reporter;
    }

    /** {@link #start(Context, Server, String, String, List, BooleanSupplier)} for an agent without a link to watch. */
    public static DeviceReporter start(
            Context context, Server server, String agentId, String agentKind, List<Reported> devices) {
        return start(context, server, agentId, agentKind, devices, () -> true);
    }

    private void begin() {
        if (closed) {
            return;
        }
        for (int i = 0; i < devices.size(); i++) {
            devices.get(i).listen().accept(listeners.get(i));
            changed(devices.get(i), devices.get(i).status().get());
        }
        heartbeat();
        timer = vertx.setPeriodic(DeviceHealth.HEARTBEAT_INTERVAL.toMillis(), id -> heartbeat());
    }

    /**
     * Reports one more device from now on: its status now, then its changes, and the heartbeats name it (a device the
     * agent learns of later, such as a scanner known only by what its scans show). Any thread.
     */
    public void add(Reported reported) {
        context.runOnContext(v -> {
            if (closed) {
                return;
            }
            DeviceStatusListener listener = listenerOf(reported);
            devices.add(reported);
            listeners.add(listener);
            reported.listen().accept(listener);
            changed(reported, reported.status().get());
        });
    }

    /** The agent's link to the server is back: a status the server did not take yet is sent again now. */
    public void linkReturned() {
        context.runOnContext(v -> sendPending());
    }

    private void changed(Reported reported, DeviceStatus status) {
        if (closed) {
            return;
        }
        pending.put(reported.name(), status);
        send(reported, status);
    }

    private void sendPending() {
        if (closed) {
            return;
        }
        for (Reported reported : devices) {
            DeviceStatus status = pending.get(reported.name());
            if (status != null && !status.equals(sending.get(reported.name()))) {
                send(reported, status);
            }
        }
    }

    private void send(Reported reported, DeviceStatus status) {
        sending.put(reported.name(), status);
        call(() -> server.reportStatus(reported.name(), reported.kind(), status))
                .onComplete(sent -> {
                    sending.remove(reported.name(), status);
                    if (sent.succeeded()) {
                        pending.remove(reported.name(), status);
                    } else {
                        LOG.warn(
                                "{} {}: status {} of {} not reported to the server yet, will send it again: {}",
                                agentKind,
                                agentId,
                                status.state(),
                                reported.name(),
                                sent.cause().toString());
                    }
                });
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        List<String> names = devices.stream().map(Reported::name).toList();
        call(() -> server.heartbeat(agentId, agentKind, names)).onComplete(sent -> {
            if (sent.succeeded()) {
                sendPending();
            } else if (linkUp.getAsBoolean()) {
                LOG.warn(
                        "{} {}: heartbeat not accepted: {}",
                        agentKind,
                        agentId,
                        sent.cause().toString());
            } else {
                LOG.debug(
                        "{} {}: heartbeat not sent: {}",
                        agentKind,
                        agentId,
                        sent.cause().toString());
            }
        });
    }

    /** A call to the server; one that throws (a client closed under it) fails like one the server did not answer. */
    private static Future<Void> call(Supplier<Future<Void>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Stops reporting at once (any thread); the timer and the device listeners go on the reporter's context. */
    @Override
    public void close() {
        closed = true;
        context.runOnContext(v -> {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            for (int i = 0; i < devices.size(); i++) {
                devices.get(i).unlisten().accept(listeners.get(i));
            }
        });
    }
}
