package org.xephang.core.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.CounterState;
import org.xephang.api.QueueSnapshot;
import org.xephang.core.QueueService;

/**
 * The server's Prometheus metrics ({@code GET /metrics}): requests per route template and status, event-stream
 * connections and drops, tickets issued, tickets waiting per service, counters per state, the last reported state of
 * each device, and the JVM. Every label takes values from a fixed set or the configuration: route labels are
 * templates ({@code /api/v1/tickets/:id}), never raw paths, so ticket ids never reach the metrics; a method outside
 * the standard ones is counted as {@code other}; devices are counted up to {@link #MAX_DEVICES}. Every
 * {@code xephang_*} meter has help text (docs/ops/metrics.md lists them).
 */
final class ApiMetrics implements AutoCloseable {

    static final String ROUTE_KEY = "xephang.route";
    /** HTTP methods labelled by name; any other method a client sends is labelled {@code other}. */
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT");
    /** Devices whose state is exported; reports from further device names are not given a series of their own. */
    static final int MAX_DEVICES = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ApiMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final Counter droppedStreams;
    private final MultiGauge waitingTickets;
    private final MultiGauge countersByState;
    private final MultiGauge deviceStates;
    private final Map<DeviceKey, String> lastDeviceStates = new ConcurrentHashMap<>();

    ApiMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        Gauge.builder("xephang.stream.connections", openStreams, AtomicInteger::get)
                .description("Event-stream clients connected now (boards, kiosks, counters, phones)")
                .register(registry);
        droppedStreams = Counter.builder("xephang.stream.dropped")
                .description("Event-stream clients dropped for reading too slowly")
                .register(registry);
        waitingTickets = MultiGauge.builder("xephang.queue.waiting")
                .description("Tickets waiting, per site and service")
                .register(registry);
        countersByState = MultiGauge.builder("xephang.counters")
                .description("Counters per site and state (OPEN, PAUSED, CLOSED)")
                .register(registry);
        deviceStates = MultiGauge.builder("xephang.device.state")
                .description("1 for the state each device (printer, scanner, keypad, board) last reported, per site"
                        + " and device: ONLINE, PAPER_NEAR_END, PAPER_OUT, COVER_OPEN, OFFLINE or ERROR")
                .register(registry);
    }

    /** First handler of every request: times it and labels it with the matched API route template. */
    Handler<RoutingContext> timing() {
        return ctx -> {
            Timer.Sample sample = Timer.start(registry);
            ctx.addEndHandler(done -> {
                String route = ctx.get(ROUTE_KEY);
                sample.stop(Timer.builder("http.server.requests")
                        .description("HTTP requests by method (other for non-standard ones), route template and status")
                        .tag("method", methodLabel(ctx.request().method().name()))
                        .tag("route", route == null ? "other" : route)
                        .tag("status", String.valueOf(ctx.response().getStatusCode()))
                        .register(registry));
            });
            ctx.next();
        };
    }

    /** The method as a label: one of {@link #KNOWN_METHODS}, else {@code other} (a client chooses the method). */
    static String methodLabel(String method) {
        return KNOWN_METHODS.contains(method) ? method : "other";
    }

    /** A kiosk's ticket refused for issuing faster than people can (bounded: one series per kiosk account). */
    void issueRefused(String site, String device) {
        Counter.builder("xephang.issue.refused")
                .description("Tickets refused to a kiosk issuing faster than people can, per site and kiosk account")
                .tags("site", site, "device", device)
                .register(registry)
                .increment();
    }

    void ticketIssued(String site, String service) {
        Counter.builder("xephang.tickets.issued")
                .description("Tickets issued, per site and service")
                .tags("site", site, "service", service)
                .register(registry)
                .increment();
    }

    /** Wraps the device-status handler: an accepted report (204) sets the device's state gauge. */
    Handler<RoutingContext> deviceStates(Handler<RoutingContext> deviceStatus) {
        return ctx -> {
            ctx.addEndHandler(done -> {
                if (ctx.response().getStatusCode() == 204) {
                    JsonObject body = ctx.body().asJsonObject();
                    deviceReported(PathParams.site(ctx), body.getString("device"), body.getString("state"));
                }
            });
            deviceStatus.handle(ctx);
        };
    }

    /** Records a device's reported state (after the report was accepted: site and state are valid). */
    void deviceReported(String site, String device, String state) {
        DeviceKey key = new DeviceKey(site, device);
        if (!lastDeviceStates.containsKey(key) && lastDeviceStates.size() >= MAX_DEVICES) {
            LOG.warn("More than {} devices reported a state; device of site {} is not exported", MAX_DEVICES, site);
            return;
        }
        lastDeviceStates.put(key, state);
    }

    void streamOpened() {
        openStreams.incrementAndGet();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
    }

    void streamDropped() {
        droppedStreams.increment();
    }

    /** The registry behind {@code /metrics}, for other parts' meters (the dossier forwarder's). */
    MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text, with the queue gauges read from {@code queue}'s snapshots at this moment. */
    String scrape(QueueService queue) {
        List<MultiGauge.Row<?>> waiting = new ArrayList<>();
        List<MultiGauge.Row<?>> counters = new ArrayList<>();
        for (String site : queue.siteCodes()) {
            QueueSnapshot snapshot = queue.snapshot(site);
            snapshot.services()
                    .forEach(service -> waiting.add(
                            MultiGauge.Row.of(Tags.of("site", site, "service", service.code()), service.waiting())));
            for (CounterState state : CounterState.values()) {
                long count = snapshot.counters().stream()
                        .filter(c -> c.state() == state)
                        .count();
                counters.add(MultiGauge.Row.of(Tags.of("site", site, "state", state.name()), count));
            }
        }
        List<MultiGauge.Row<?>> devices = new ArrayList<>();
        lastDeviceStates.forEach((device, state) -> devices.add(
                MultiGauge.Row.of(Tags.of("site", device.site(), "device", device.device(), "state", state), 1)));
        deviceStates.register(devices, true);
        waitingTickets.register(waiting, true);
        countersByState.register(counters, true);
        return registry.scrape();
    }

    private record DeviceKey(String site, String device) {}

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
