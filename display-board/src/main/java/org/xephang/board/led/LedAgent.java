package org.xephang.board.led;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.ServerLink;
import org.xephang.api.DeviceHealth;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceStatus;
import org.xephang.device.led.LedDisplay;
import org.xephang.device.led.LedSummaryBoard;

/**
 * Follows a site's event stream and mirrors its calls to LED counter displays and a wall summary board (see
 * {@link LedMirror}). The devices are created from their URIs ({@code led:…}, {@code ledsummary:…}, {@code sim:led…})
 * and started on the agent's own writer thread; the stream reconnects by itself. With a display account it also
 * reports each device's status to the server (a {@code device.status} event). Close it to stop.
 *
 * <pre>{@code
 * LedAgent.start(vertx, LedAgent.Settings.of("http://127.0.0.1:8080", "demo",
 *                 List.of(new LedAgent.Display(1, "sim:led?address=1")), "sim:ledsummary?address=10&lines=6"),
 *         DeviceFactory.standard());
 * }</pre>
 */
public final class LedAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedAgent.class);

    /** The LED display of one counter, by device URI. */
    public record Display(int counter, String uri) {}

    /**
     * What the agent drives and follows.
     *
     * @param summaryUri the wall summary board, or null
     * @param agentId names the devices in status reports ({@code board1/led-4}, {@code board1/led-summary})
     * @param username a display account (role DISPLAY) to report device status with, or null not to report
     */
    public record Settings(
            String serverUrl,
            String site,
            List<Display> displays,
            String summaryUri,
            String agentId,
            String username,
            String password) {

        public Settings {
            Objects.requireNonNull(serverUrl, "serverUrl");
            Objects.requireNonNull(site, "site");
            displays = List.copyOf(displays);
            agentId = Objects.requireNonNullElse(agentId, "board");
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "LedAgent.Settings[server=" + serverUrl + ", site=" + site + ", displays=" + displays + ", summary="
                    + summaryUri + ", agentId=" + agentId + ", username=" + username + "]";
        }

        /** Drives the devices without reporting their status. */
        public static Settings of(String serverUrl, String site, List<Display> displays, String summaryUri) {
            return new Settings(serverUrl, site, displays, summaryUri, "board", null, null);
        }

        /** Also reports device status, signed in with a display account. */
        public Settings reportingAs(String newAgentId, String newUsername, String newPassword) {
            return new Settings(serverUrl, site, displays, summaryUri, newAgentId, newUsername, newPassword);
        }
    }

    private final ExecutorService writer;
    private final List<Device> devices;
    private final QueueClient client;
    private final ServerLink.ClientSource source;
    private final LedMirror mirror;
    private final List<String> deviceNames;
    private ServerLink link;
    private Context context;
    private volatile long heartbeatTimer = -1;

    private LedAgent(
            ExecutorService writer,
            List<Device> devices,
            QueueClient client,
            ServerLink.ClientSource source,
            LedMirror mirror,
            List<String> deviceNames) {
        this.writer = writer;
        this.devices = devices;
        this.client = client;
        this.source = source;
        this.mirror = mirror;
        this.deviceNames = List.copyOf(deviceNames);
    }

    /**
     * Creates and starts the devices, then follows the site's events. Fails (with the device's message) if a URI is
     * invalid; a device that is merely unplugged starts OFFLINE and catches up once it is back.
     */
    public static Future<LedAgent> start(Vertx vertx, Settings settings, DeviceFactory factory) {
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "xephang-led-writer");
            thread.setDaemon(true);
            return thread;
        });
        QueueClient client = QueueClient.create(vertx, settings.serverUrl());
        Future<LedAgent> started = vertx.executeBlocking(
                () -> {
                    List<Device> devices = new ArrayList<>();
                    try {
                        Map<Integer, LedDisplay> byCounter = new HashMap<>();
                        Map<Device, String> names = new HashMap<>();
                        for (Display display : settings.displays()) {
                            LedDisplay led = factory.create(display.uri(), LedDisplay.class);
                            devices.add(led);
                            byCounter.put(display.counter(), led);
                            names.put(led, settings.agentId() + "/led-" + display.counter());
                        }
                        LedSummaryBoard summary = settings.summaryUri() == null
                                ? null
                                : factory.create(settings.summaryUri(), LedSummaryBoard.class);
                        if (summary != null) {
                            devices.add(summary);
                            names.put(summary, settings.agentId() + "/led-summary");
                        }
                        for (Device device : devices) {
                            device.addStatusListener((previous, current) -> {
                                LOG.info("LED {}: {} → {}", device.id(), previous.state(), current);
                                report(client, settings, names.get(device), current);
                            });
                            writer.submit(device::start).get();
                        }
                        if (settings.username() != null) {
                            client.login(settings.username(), settings.password())
                                    .onSuccess(session ->
                                            devices.forEach(d -> report(client, settings, names.get(d), d.status())))
                                    .onFailure(failure -> LOG.warn(
                                            "LED agent of site {}: cannot sign in as {} to report device status: {}",
                                            settings.site(),
                                            settings.username(),
                                            failure.getMessage()));
                        }
                        LedMirror mirror = new LedMirror(byCounter, summary, writer);
                        List<String> deviceNames =
                                devices.stream().map(names::get).sorted().toList();
                        return new LedAgent(
                                writer, devices, client, ServerLink.of(client, settings.site()), mirror, deviceNames);
                    } catch (DeviceException | RuntimeException e) {
                        devices.forEach(Device::close);
                        throw e;
                    }
                },
                false);
        return started.map(agent -> {
                    agent.follow(vertx.getOrCreateContext(), settings); // the context this future completes on
                    agent.startHeartbeat(vertx, settings);
                    LOG.info("LED agent of site {}: {} device(s)", settings.site(), agent.devices.size());
                    return agent;
                })
                .onFailure(failure -> {
                    writer.shutdownNow();
                    client.close();
                });
    }

    private static void report(QueueClient client, Settings settings, String device, DeviceStatus status) {
        if (settings.username() == null || client.token() == null) {
            return;
        }
        client.reportDeviceStatus(
                        settings.site(), device, "led", status.state().name(), status.description(), status.since())
                .onFailure(failure -> LOG.warn(
                        "LED {}: status {} not reported to the server: {}",
                        device,
                        status.state(),
                        failure.getMessage()));
    }

    /** Follows the site through the agent kit's {@link ServerLink}, on {@code on}, mirroring every call. */
    private void follow(Context on, Settings settings) {
        context = on;
        link = new ServerLink(
                on,
                source,
                new ServerLink.Listener() {
                    @Override
                    public void snapshotArrived(QueueSnapshot snapshot) {
                        mirror.onSnapshot(snapshot);
                    }

                    @Override
                    public void eventArrived(QueueEvent event) {
                        mirror.onEvent(event);
                    }
                },
                ServerLink.Settings.eventsOnly("LED agent of site " + settings.site()));
        on.runOnContext(v -> link.start());
    }

    /**
     * Every 20 s (with a display account): the board agent and its LED devices are alive; the server marks a device
     * silent for 60 s OFFLINE.
     */
    private void startHeartbeat(Vertx vertx, Settings settings) {
        if (settings.username() == null) {
            return;
        }
        // The first as soon as the agent is signed in (checked every second), then every 20 s.
        heartbeatTimer = vertx.setPeriodic(1000, id -> {
            if (client.token() == null) {
                return;
            }
            vertx.cancelTimer(id);
            sendHeartbeat(settings);
            heartbeatTimer =
                    vertx.setPeriodic(DeviceHealth.HEARTBEAT_INTERVAL.toMillis(), next -> sendHeartbeat(settings));
        });
    }

    private void sendHeartbeat(Settings settings) {
        client.heartbeat(settings.site(), settings.agentId(), "board", deviceNames)
                .onFailure(failure -> LOG.warn(
                        "LED agent of site {}: heartbeat not accepted: {}", settings.site(), failure.getMessage()));
    }

    /** The devices driven, for status pages and tests. */
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public void close() {
        if (heartbeatTimer >= 0) {
            context.owner().cancelTimer(heartbeatTimer);
        }
        if (link != null) {
            context.runOnContext(v -> link.close());
        }
        source.close();
        writer.shutdown();
        devices.forEach(Device::close);
        client.close();
    }
}
