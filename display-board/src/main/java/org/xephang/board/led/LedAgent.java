package org.xephang.board.led;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.DeviceReporter;
import org.xephang.agent.ServerLink;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.led.LedDisplay;
import org.xephang.device.led.LedSummaryBoard;

/**
 * Follows a site's event stream and mirrors its calls to LED counter displays and a wall summary board (see
 * {@link LedMirror}). The devices are created from their URIs ({@code led:…}, {@code ledsummary:…}, {@code sim:led…})
 * and started on the agent's own writer thread; the stream reconnects by itself. With a display account it also
 * reports each device's status and heartbeats to the server through the agent kit's {@link DeviceReporter} (a
 * {@code device.status} event). Close it to stop.
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
    private final List<DeviceReporter.Reported> reported;
    private ServerLink link;
    private Context context;
    private DeviceReporter reporter;

    private LedAgent(
            ExecutorService writer,
            List<Device> devices,
            QueueClient client,
            ServerLink.ClientSource source,
            LedMirror mirror,
            List<DeviceReporter.Reported> reported) {
        this.writer = writer;
        this.devices = devices;
        this.client = client;
        this.source = source;
        this.mirror = mirror;
        this.reported = List.copyOf(reported);
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
                            device.addStatusListener((previous, current) ->
                                    LOG.info("LED {}: {} → {}", device.id(), previous.state(), current));
                            writer.submit(device::start).get();
                        }
                        LedMirror mirror = new LedMirror(byCounter, summary, writer);
                        List<DeviceReporter.Reported> reported = devices.stream()
                                .map(d -> DeviceReporter.Reported.of(names.get(d), "led", d))
                                .sorted(Comparator.comparing(DeviceReporter.Reported::name))
                                .toList();
                        return new LedAgent(
                                writer, devices, client, ServerLink.of(client, settings.site()), mirror, reported);
                    } catch (DeviceException | RuntimeException e) {
                        devices.forEach(Device::close);
                        throw e;
                    }
                },
                false);
        return started.map(agent -> {
                    agent.follow(vertx.getOrCreateContext(), settings); // the context this future completes on
                    agent.report(settings);
                    LOG.info("LED agent of site {}: {} device(s)", settings.site(), agent.devices.size());
                    return agent;
                })
                .onFailure(failure -> {
                    writer.shutdownNow();
                    client.close();
                });
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

                    @Override
                    public void connectionChanged(boolean up) {
                        if (up && reporter != null) {
                            reporter.linkReturned();
                        }
                    }
                },
                ServerLink.Settings.eventsOnly("LED agent of site " + settings.site()));
        on.runOnContext(v -> link.start());
    }

    /**
     * With a display account: each LED device's status at start and at every change, and every 20 s a heartbeat of
     * the board agent and its devices (the server marks a device silent for 60 s OFFLINE).
     */
    private void report(Settings settings) {
        if (settings.username() == null) {
            return;
        }
        reporter = DeviceReporter.start(
                context,
                DeviceReporter.Server.signedIn(
                        client,
                        settings.site(),
                        new DeviceReporter.Account(settings.agentId(), settings.username(), settings.password())),
                settings.agentId(),
                "board",
                reported,
                () -> link != null && link.connected());
    }

    /** The devices driven, for status pages and tests. */
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public void close() {
        if (reporter != null) {
            reporter.close();
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
