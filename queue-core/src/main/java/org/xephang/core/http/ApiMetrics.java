package org.xephang.core.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's Prometheus metrics ({@code GET /metrics}): requests per route template and status, event-stream
 * connections and drops, tickets issued, and the JVM. Route labels are templates ({@code /api/v1/tickets/:id}), never
 * raw paths, so ticket ids never reach the metrics.
 */
final class ApiMetrics implements AutoCloseable {

    static final String ROUTE_KEY = "xephang.route";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final Counter droppedStreams;

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

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
