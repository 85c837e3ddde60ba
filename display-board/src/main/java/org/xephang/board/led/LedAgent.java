package org.xephang.board.led;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.EventStream;
import org.xephang.api.QueueClient;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.led.LedDisplay;
import org.xephang.device.led.LedSummaryBoard;

/**
 * Follows a site's event stream and mirrors its calls to LED counter displays and a wall summary board (see
 * {@link LedMirror}). The devices are created from their URIs ({@code led:…}, {@code ledsummary:…}, {@code sim:led…})
 * and started on the agent's own writer thread; the stream reconnects by itself. Close it to stop.
 *
 * <pre>{@code
 * LedAgent.start(vertx, "http://127.0.0.1:8080", "demo",
 *         List.of(new LedAgent.Display(1, "sim:led?address=1")), "sim:ledsummary?address=10&lines=6",
 *         DeviceFactory.standard());
 * }</pre>
 */
public final class LedAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedAgent.class);

    /** The LED display of one counter, by device URI. */
    public record Display(int counter, String uri) {}

    private final ExecutorService writer;
    private final List<Device> devices;
    private final QueueClient client;
    private final EventStream stream;

    private LedAgent(ExecutorService writer, List<Device> devices, QueueClient client, EventStream stream) {
        this.writer = writer;
        this.devices = devices;
        this.client = client;
        this.stream = stream;
    }

    /**
     * Creates and starts the devices, then follows the site's events. Fails (with the device's message) if a URI is
     * invalid; a device that is merely unplugged starts OFFLINE and catches up once it is back.
     *
     * @param summaryUri the wall summary board, or null
     */
    public static Future<LedAgent> start(
            Vertx vertx,
            String serverUrl,
            String site,
            List<Display> displays,
            String summaryUri,
            DeviceFactory factory) {
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "xephang-led-writer");
            thread.setDaemon(true);
            return thread;
        });
        Future<LedAgent> started = vertx.executeBlocking(
                () -> {
                    List<Device> devices = new ArrayList<>();
                    try {
                        Map<Integer, LedDisplay> byCounter = new HashMap<>();
                        for (Display display : displays) {
                            LedDisplay led = factory.create(display.uri(), LedDisplay.class);
                            devices.add(led);
                            byCounter.put(display.counter(), led);
                        }
                        LedSummaryBoard summary =
                                summaryUri == null ? null : factory.create(summaryUri, LedSummaryBoard.class);
                        if (summary != null) {
                            devices.add(summary);
                        }
                        for (Device device : devices) {
                            device.addStatusListener((previous, current) ->
                                    LOG.info("LED {}: {} → {}", device.id(), previous.state(), current));
                            writer.submit(device::start).get();
                        }
                        LedMirror mirror = new LedMirror(byCounter, summary, writer);
                        QueueClient client = QueueClient.create(vertx, serverUrl);
                        EventStream stream = client.events(site)
                                .onSnapshot(mirror::onSnapshot)
                                .onEvent(mirror::onEvent)
                                .onConnectionChange(connected -> LOG.info(
                                        "LED agent of site {}: {}",
                                        site,
                                        connected ? "following events" : "event stream lost, reconnecting"));
                        return new LedAgent(writer, devices, client, stream);
                    } catch (DeviceException | RuntimeException e) {
                        devices.forEach(Device::close);
                        throw e;
                    }
                },
                false);
        return started.map(agent -> {
                    agent.stream.start();
                    LOG.info("LED agent of site {}: {} device(s)", site, agent.devices.size());
                    return agent;
                })
                .onFailure(failure -> writer.shutdownNow());
    }

    /** The devices driven, for status pages and tests. */
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public void close() {
        stream.close();
        client.close();
        writer.shutdown();
        devices.forEach(Device::close);
    }
}
