package org.xephang.core.http;

import io.micrometer.core.instrument.Counter;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.xephang.api.CounterState;
import org.xephang.api.QueueSnapshot;
import org.xephang.core.QueueService;

/**
 * The server's Prometheus metrics ({@code GET /metrics}): requests per route template and status, event-stream
 * connections and drops, tickets issued, tickets waiting per service and counters per state, and the JVM. Route labels are templates ({@code /api/v1/tickets/:id}), never
 * raw paths, so ticket ids never reach the metrics.
 */
final class ApiMetrics implements AutoCloseable {

    static final String ROUTE_KEY = "xephang.route";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final Counter droppedStreams;
    private final MultiGauge waitingTickets;
    private final MultiGauge countersByState;

    ApiMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        registry.gauge("xephang.stream.connections", openStreams);
        droppedStreams = Counter.builder("xephang.stream.dropped")
                .description("Event-stream clients dropped for reading too slowly")
                .register(registry);
        waitingTickets = MultiGauge.builder("xephang.queue.waiting")
                .description("Tickets waiting, per site and service")
                .register(registry);
        countersByState = MultiGauge.builder("xephang.counters")
                .description("Counters per site and state (OPEN, PAUSED, CLOSED)")
                .register(registry);
    }

    /** First handler of every request: times it and labels it with the matched API route template. */
    Handler<RoutingContext> timing() {
        return ctx -> {
            Timer.Sample sample = Timer.start(registry);
            ctx.addEndHandler(done -> {
                String route = ctx.get(ROUTE_KEY);
                sample.stop(Timer.builder("http.server.requests")
                        .tag("method", ctx.request().method().name())
                        .tag("route", route == null ? "other" : route)
                        .tag("status", String.valueOf(ctx.response().getStatusCode()))
                        .register(registry));
            });
            ctx.next();
        };
    }

    /** A kiosk's ticket refused for issuing faster than people can (bounded: one series per kiosk account). */
    void issueRefused(String site, String device) {
        registry.counter("xephang.issue.refused", "site", site, "device", device)
                .increment();
    }

    void ticketIssued(String site, String service) {
        registry.counter("xephang.tickets.issued", "site", site, "service", service)
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
        waitingTickets.register(waiting, true);
        countersByState.register(counters, true);
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
