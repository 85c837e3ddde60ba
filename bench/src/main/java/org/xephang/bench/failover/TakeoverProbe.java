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
    /** Every probe that found its site served: its start and end (nanoTime), per site, in order. */
    private final Map<String, List<long[]>> served = new HashMap<>();

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
            if (served) {
                this.served.computeIfAbsent(site, s -> new ArrayList<>()).add(new long[] {at, System.nanoTime()});
            }
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

    /** Every site's served probes so far ({start, end} in nanoTime). Call on the probe's context. */
    Map<String, List<long[]>> servedProbes() {
        Map<String, List<long[]>> copy = new HashMap<>();
        served.forEach((site, list) -> copy.put(site, List.copyOf(list)));
        return copy;
    }

    /**
     * The takeover times in milliseconds: for each kill and each site the killed node owned then ({@code
     * killedSites}), from the kill to the end of the first probe that started after the kill and found the site served
     * (a node holding the request for the new owner and then serving it counts when it answered). A site not served
     * again before the next kill (or within {@code window}) gives no sample but is counted in {@code unserved}.
     */
    static List<Long> servedAgainMillis(
            List<Long> kills,
            List<java.util.Set<String>> killedSites,
            Map<String, List<long[]>> served,
            long window,
            java.util.concurrent.atomic.AtomicInteger unserved) {
        List<Long> samples = new ArrayList<>();
        for (int k = 0; k < kills.size(); k++) {
            long kill = kills.get(k);
            long end = windowEnd(kills, k, window);
            for (String site : killedSites.get(k)) {
                long[] first = served.getOrDefault(site, List.of()).stream()
                        .filter(probe -> probe[0] >= kill && probe[0] < end)
                        .findFirst()
                        .orElse(null);
                if (first == null) {
                    unserved.incrementAndGet();
                } else {
                    samples.add(Math.max(0, (first[1] - kill) / 1_000_000));
                }
            }
        }
        return samples;
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
    /**
     * Each sample of {@link #takeoverMillis} as {@code kill N site S: dark from +A ms to +B ms} (A, B after the kill),
     * slowest first, for the samples of at least {@code slowMillis}: whether a slow one began at the kill (a takeover)
     * or later (a site moved afterwards).
     */
    static List<String> slowSamples(List<Long> kills, Map<String, List<Outage>> outages, long window, long slowMillis) {
        List<long[]> found = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        for (int k = 0; k < kills.size(); k++) {
            long kill = kills.get(k);
            long end = windowEnd(kills, k, window);
            for (Map.Entry<String, List<Outage>> site : new java.util.TreeMap<>(outages).entrySet()) {
                for (Outage outage : site.getValue()) {
                    if (outage.downAt() >= kill - PERIOD_MS * 1_000_000 * 2
                            && outage.downAt() < end
                            && outage.upAt() > 0) {
                        long up = Math.max(0, (outage.upAt() - kill) / 1_000_000);
                        if (up >= slowMillis) {
                            found.add(new long[] {up, k + 1, (outage.downAt() - kill) / 1_000_000});
                            sites.add(site.getKey());
                        }
                        break;
                    }
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(found.get(b)[0], found.get(a)[0]));
        List<String> lines = new ArrayList<>();
        for (int i : order) {
            long[] f = found.get(i);
            lines.add("kill " + f[1] + " site " + sites.get(i) + ": dark from +" + f[2] + " ms to +" + f[0] + " ms");
        }
        return lines;
    }

    /**
     * Where kill {@code k}'s window ends: {@code window} after it, or where the next kill's begins (an outage that
     * began after the next kill is that kill's, and counted once, for it).
     */
    static long windowEnd(List<Long> kills, int k, long window) {
        long end = kills.get(k) + window;
        if (k + 1 < kills.size()) {
            end = Math.min(end, kills.get(k + 1) - PERIOD_MS * 1_000_000 * 2);
        }
        return end;
    }

    static List<Long> takeoverMillis(List<Long> kills, Map<String, List<Outage>> outages, long window) {
        List<Long> samples = new ArrayList<>();
        for (int k = 0; k < kills.size(); k++) {
            long kill = kills.get(k);
            long end = windowEnd(kills, k, window);
            for (List<Outage> site : outages.values()) {
                for (Outage outage : site) {
                    if (outage.downAt() >= kill - PERIOD_MS * 1_000_000 * 2
                            && outage.downAt() < end
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
