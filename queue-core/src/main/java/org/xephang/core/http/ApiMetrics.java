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
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.xephang.api.CounterState;
import org.xephang.api.DeviceHealth;
import org.xephang.api.QueueSnapshot;
import org.xephang.core.QueueService;

/**
 * The server's Prometheus metrics ({@code GET /metrics}): requests per route template and status, event-stream
 * connections and drops, tickets issued, tickets waiting per service, counters per state, each device's
 * {@code xephang_device_up} and {@code xephang_device_state} (one series per state of {@link DeviceHealth#STATES}) from
 * the engine's device registry, and the JVM. Every label takes values from a fixed set or the configuration: route labels are
 * templates ({@code /api/v1/tickets/:id}), never raw paths, so ticket ids never reach the metrics; a method outside
 * the standard ones is counted as {@code other}; the engine keeps at most 1,000 devices a site. Every
 * {@code xephang_*} meter has help text (docs/ops/metrics.md lists them).
 */
final class ApiMetrics implements AutoCloseable {

    static final String ROUTE_KEY = "xephang.route";
    /** HTTP methods labelled by name; any other method a client sends is labelled {@code other}. */
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final Counter droppedStreams;
    private final MultiGauge waitingTickets;
    private final MultiGauge countersByState;
    private final MultiGauge devicesUp;
    private final MultiGauge deviceStates;

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
        devicesUp = MultiGauge.builder("xephang.device.up")
                .description("1 when the device answers, 0 when it is OFFLINE (unplugged, or silent for 60 s)")
                .register(registry);
        deviceStates = MultiGauge.builder("xephang.device.state")
                .description("1 for the device's current state, 0 for the others (states: "
                        + String.join(", ", DeviceHealth.STATES) + ")")
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
        List<MultiGauge.Row<?>> up = new ArrayList<>();
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        for (String site : queue.siteCodes()) {
            for (DeviceHealth device : queue.devices(site)) {
                up.add(MultiGauge.Row.of(
                        Tags.of("site", site, "device", device.device(), "kind", device.kind()), device.up() ? 1 : 0));
                for (String state : DeviceHealth.STATES) {
                    states.add(MultiGauge.Row.of(
                            Tags.of("site", site, "device", device.device(), "state", state),
                            state.equals(device.state()) ? 1 : 0));
                }
            }
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
        waitingTickets.register(waiting, true);
        countersByState.register(counters, true);
        devicesUp.register(up, true);
        deviceStates.register(states, true);
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
