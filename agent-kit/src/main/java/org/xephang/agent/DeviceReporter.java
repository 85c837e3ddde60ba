package org.xephang.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.DeviceHealth;
import org.xephang.api.QueueClient;
import org.xephang.device.Device;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;

/**
 * Reports an agent's devices to the queue server with the agent's device account (docs/devices.md §7): each device's
 * status at start and at every change, and every 20 s a heartbeat of the agent and its devices, so the server lists
 * them and marks one silent for 60 s OFFLINE. Signs in when it has no token yet (the server was down at start); the
 * client signs in again when the token expires. Runs on the context it was started on; device threads only hand
 * their changes over.
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
     */
    public record Reported(String name, String kind, Device device) {}

    private final Vertx vertx;
    private final Context context;
    private final QueueClient client;
    private final String site;
    private final String agentKind;
    private final Account account;
    private final List<Reported> devices;
    private final List<DeviceStatusListener> listeners;
    private long timer = -1;
    private boolean closed;

    private DeviceReporter(
            Vertx vertx, QueueClient client, String site, String agentKind, Account account, List<Reported> devices) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = client;
        this.site = site;
        this.agentKind = agentKind;
        this.account = account;
        this.devices = List.copyOf(devices);
        this.listeners = this.devices.stream()
                .map(reported -> (DeviceStatusListener)
                        (previous, current) -> context.runOnContext(v -> report(reported, current)))
                .toList();
    }

    /**
     * Starts reporting: every device's current status, then its changes, and a heartbeat now and every 20 s.
     *
     * @param agentKind {@code kiosk}, {@code board} or {@code counter}
     */
    public static DeviceReporter start(
            Vertx vertx, QueueClient client, String site, String agentKind, Account account, List<Reported> devices) {
        DeviceReporter reporter = new DeviceReporter(vertx, client, site, agentKind, account, devices);
        reporter.context.runOnContext(v -> reporter.begin());
        return reporter;
    }

    private void begin() {
        for (int i = 0; i < devices.size(); i++) {
            devices.get(i).device().addStatusListener(listeners.get(i));
            report(devices.get(i), devices.get(i).device().status());
        }
        heartbeat();
        timer = vertx.setPeriodic(DeviceHealth.HEARTBEAT_INTERVAL.toMillis(), id -> heartbeat());
    }

    private void report(Reported reported, DeviceStatus status) {
        if (closed) {
            return;
        }
        signedIn(() -> client.reportDeviceStatus(
                        site,
                        reported.name(),
                        reported.kind(),
                        status.state().name(),
                        status.description(),
                        status.since()))
                .onFailure(failure -> LOG.warn(
                        "{} {}: status {} not reported to the server: {}",
                        agentKind,
                        reported.name(),
                        status.state(),
                        failure.getMessage()));
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        List<String> names = devices.stream().map(Reported::name).toList();
        signedIn(() -> client.heartbeat(site, account.agentId(), agentKind, names))
                .onFailure(failure -> LOG.warn(
                        "{} {}: heartbeat not accepted: {}", agentKind, account.agentId(), failure.getMessage()));
    }

    private <T> Future<T> signedIn(Supplier<Future<T>> call) {
        if (client.token() != null) {
            return call.get();
        }
        return client.login(account.username(), account.password()).compose(session -> call.get());
    }

    @Override
    public void close() {
        context.runOnContext(v -> {
            closed = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            for (int i = 0; i < devices.size(); i++) {
                devices.get(i).device().removeStatusListener(listeners.get(i));
            }
        });
    }
}
