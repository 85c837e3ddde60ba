package org.xephang.bench.failover;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches whether each site is served: every {@code PERIOD_MS} it asks the nodes, one after the other from the last
 * that answered, for the site's queue ({@code GET /api/v1/sites/{site}/queue}) and takes the site as served when one
 * answers 200. Records each outage (from the first probe no node answered to the next one some node did). A kill's
 * takeover time for a site is then from the SIGKILL to the end of the outage that followed it; sites that never went
 * dark after a kill (owned by another node) give no sample. Runs on one Vert.x context.
 */
final class TakeoverProbe {

    static final long PERIOD_MS = 100;
    private static final long TIMEOUT_MS = 2_000;

    /** A time the site was not served: from {@code downAt} (nanoTime) to {@code upAt}, or still (-1). */
    record Outage(long downAt, long upAt) {}

    private final Context context;
    private final Vertx vertx;
    private final List<WebClient> nodes = new ArrayList<>();
    private final Map<String, List<Outage>> outages = new HashMap<>();
    private final Map<String, Long> downSince = new HashMap<>();
    private final Map<String, Integer> preferred = new HashMap<>();
    private volatile boolean running = true;

    TakeoverProbe(Vertx vertx, Context context, List<URI> urls) {
        this.vertx = vertx;
        this.context = context;
        for (URI url : urls) {
            nodes.add(WebClient.create(
                    vertx, new WebClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort())));
        }
    }

    void start(List<String> sites) {
        context.runOnContext(v -> sites.forEach(site -> {
            outages.put(site, new ArrayList<>());
            preferred.put(site, 0);
            probe(site);
        }));
    }

    private void probe(String site) {
        if (!running) {
            return;
        }
        long at = System.nanoTime();
        ask(site, preferred.get(site), 0, served -> {
            if (!served && !downSince.containsKey(site)) {
                downSince.put(site, at);
            } else if (served && downSince.containsKey(site)) {
                outages.get(site).add(new Outage(downSince.remove(site), System.nanoTime()));
            }
            vertx.setTimer(PERIOD_MS, t -> probe(site));
        });
    }

    private void ask(String site, int node, int tried, java.util.function.Consumer<Boolean> served) {
        if (!running) {
            return; // stopped: its clients are closed
        }
        if (tried == nodes.size()) {
            served.accept(false);
            return;
        }
        nodes.get(node)
                .get("/api/v1/sites/" + site + "/queue")
                .timeout(TIMEOUT_MS)
                .send()
                .onComplete(answer -> {
                    if (answer.succeeded() && answer.result().statusCode() == 200) {
                        preferred.put(site, node);
                        served.accept(true);
                    } else {
                        ask(site, (node + 1) % nodes.size(), tried + 1, served);
                    }
                });
    }

    /** Whether every site was served at its last probe. Call on the probe's context. */
    boolean allServed() {
        return downSince.isEmpty() && !outages.isEmpty();
    }

    /** Every site's outages so far. Call on the probe's context. */
    Map<String, List<Outage>> outages() {
        Map<String, List<Outage>> copy = new HashMap<>();
        outages.forEach((site, list) -> copy.put(site, List.copyOf(list)));
        downSince.forEach((site, since) ->
                copy.computeIfAbsent(site, s -> new ArrayList<>()).add(new Outage(since, -1)));
        return copy;
    }

    void stop() {
        running = false;
        nodes.forEach(WebClient::close);
    }

    /**
     * The takeover times in milliseconds: for each kill and each site, from the kill to the end of the first outage
     * that began within {@code window} nanoseconds after it (a probe already under way at the kill counts).
     */
    static List<Long> takeoverMillis(List<Long> kills, Map<String, List<Outage>> outages, long window) {
        List<Long> samples = new ArrayList<>();
        for (long kill : kills) {
            for (List<Outage> site : outages.values()) {
                for (Outage outage : site) {
                    if (outage.downAt() >= kill - PERIOD_MS * 1_000_000 * 2
                            && outage.downAt() < kill + window
                            && outage.upAt() > 0) {
                        samples.add(Math.max(0, (outage.upAt() - kill) / 1_000_000));
                        break;
                    }
                }
            }
        }
        return samples;
    }
}
