package org.xephang.core.backend.forward;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.webhook.WebhookSignature;
import org.xephang.core.QueueService;
import org.xephang.core.persistence.Outbox;
import org.xephang.core.persistence.Outbox.DeliveryState;
import org.xephang.core.persistence.Outbox.Entry;

/**
 * Drains the outbox to the dossier system (docs/architecture.md §9): at-least-once, each ticket's events in order, signed,
 * with an {@code Idempotency-Key} (the event id). A failed attempt is retried after an exponential backoff with jitter,
 * or after the {@code Retry-After} of a 429/503 (which also pauses every delivery to that endpoint); an event still
 * failing {@code deadAfter} after it happened (and after at least {@value #MIN_ATTEMPTS_BEFORE_DEAD} attempts) moves to
 * the dead list, where a supervisor sees it and can retry it.
 * Later events of its ticket wait behind it. Nothing is dropped: state lives in the outbox table, so events pending at
 * a crash are delivered after the restart.
 *
 * <p>Threads: a verticle; its state is touched only on its own event loop. Outbox reads (JDBC) run on a dedicated
 * one-thread worker pool; marks go through the engine's writer. HTTP is Vert.x WebClient. {@link #wake()}, {@link
 * #list} and {@link #retry} may be called from any thread.
 */
public final class OutboxForwarder extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxForwarder.class);
    private static final Instant EVERYTHING = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final int BATCH = 1_000;
    private static final int MAX_LISTED = 10_000;
    /** Even an old event (after a long stop, or put back by a supervisor) gets a few attempts before it is dead. */
    static final int MIN_ATTEMPTS_BEFORE_DEAD = 3;
    /** Without a profile only the gauges are refreshed, this often. */
    private static final Duration IDLE_POLL_INTERVAL = Duration.ofSeconds(30);

    private final Outbox outbox;
    private final ForwarderConfig config;
    private final Clock clock;
    private final QueueService queue;
    private final Backoff backoff;
    private final MeterRegistry registry;
    private OutboxMetrics metrics;

    private DeliveryProfile profile;
    private WebhookSignature signature;
    private WebClient client;
    private WorkerExecutor worker;
    private final List<QueueService.Subscription> subscriptions = new ArrayList<>();
    private DeliveryLoop loop;
    private boolean stopped;
    private Instant pausedUntil = Instant.MIN;
    private Instant nextDue;
    private Instant failingSince;
    private long failedAttemptsInOutage;

    /**
     * @param queue when given, each committed event wakes the forwarder at once (otherwise it polls)
     * @param registry where the metrics go ({@code xephang.outbox.*}); null keeps them in a private registry
     */
    public OutboxForwarder(
            Outbox outbox, ForwarderConfig config, Clock clock, QueueService queue, MeterRegistry registry) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.queue = queue;
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
        this.backoff = new Backoff(
                config.initialBackoff(),
                config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public Future<?> start() {
        if (config.enabled()) {
            profile = DeliveryProfiles.of(config);
            if (config.secret() == null || config.secret().isBlank()) {
                return Future.failedFuture(
                        new IllegalArgumentException("dossier.forward.secret: required to sign forwarded events"));
            }
            signature = new WebhookSignature(config.secret());
            int timeout = (int) config.requestTimeout().toMillis();
            client = WebClient.create(
                    vertx,
                    new WebClientOptions()
                            .setConnectTimeout(timeout)
                            .setUserAgent("xephang-outbox")
                            .setFollowRedirects(false),
                    new PoolOptions().setHttp1MaxSize(Math.max(config.parallelChains(), 4)));
        }
        worker = vertx.createSharedWorkerExecutor("xephang-outbox", 1);
        metrics = new OutboxMetrics(registry, clock);
        if (queue != null) {
            for (String site : queue.siteCodes()) {
                subscriptions.add(queue.subscribe(site, event -> wake()));
            }
        }
        LOG.info("outbox forwarder started: {}", config);
        loop = new DeliveryLoop(vertx, context, this::round);
        loop.wake();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        subscriptions.forEach(QueueService.Subscription::close);
        if (loop != null) {
            loop.stop();
        }
        if (client != null) {
            client.close();
        }
        return worker.close();
    }

    /** Reads the outbox again soon (a new event was committed, or a dead one was put back). Any thread. */
    public void wake() {
        if (profile != null && loop != null) {
            loop.wake();
        }
    }

    /** A site's events in a delivery state, newest first (at most {@code limit}). Any thread. */
    public Future<List<Entry>> list(String site, DeliveryState state, int limit) {
        return worker.executeBlocking(() -> outbox.list(site, state, Math.min(limit, MAX_LISTED)), false);
    }

    /**
     * Puts a dead event back to pending, due now, and wakes the forwarder. Fails with NOT_FOUND when the site has no
     * dead event with that id. Any thread.
     */
    public Future<Void> retry(String site, String eventId) {
        return list(site, DeliveryState.DEAD, MAX_LISTED)
                .compose(dead -> {
                    Optional<Entry> entry = dead.stream()
                            .filter(e -> e.eventId().equals(eventId))
                            .findFirst();
                    if (entry.isEmpty()) {
                        return Future.failedFuture(new QueueError(
                                ErrorCode.NOT_FOUND,
                                "Không có sự kiện \"" + eventId + "\" trong danh sách gửi lỗi của điểm \"" + site
                                        + "\".",
                                "No event \"" + eventId + "\" in the failed list of site \"" + site + "\"."));
                    }
                    LOG.info("outbox event {} of site {} put back to pending by a supervisor", eventId, site);
                    return Future.fromCompletionStage(
                            outbox.retry(site, entry.get().seq(), clock.instant()), context);
                })
                .onSuccess(v -> wake());
    }

    /** One round: read what is pending, deliver what may go now, then sleep until something is due or wakes us. */
    private Future<Duration> round() {
        Instant now = clock.instant();
        return worker.executeBlocking(() -> read(now), false)
                .compose(this::deliver)
                .transform(done -> Future.succeededFuture(sleepAfter(done)));
    }

    private record Round(List<List<Entry>> chains, Instant nextDue) {}

    /** Blocking: the pending events, the dead ones that hold chains back, and the gauges. */
    private Round read(Instant now) throws Exception {
        if (profile == null) {
            // Nothing to deliver: keep the gauges true without reading the whole backlog.
            metrics.outbox(
                    outbox.count(DeliveryState.PENDING),
                    outbox.count(DeliveryState.DEAD),
                    outbox.due(EVERYTHING, 1).stream()
                            .map(Entry::at)
                            .findFirst()
                            .orElse(null));
            return new Round(List.of(), null);
        }
        List<Entry> pending = outbox.due(EVERYTHING, BATCH);
        Set<String> sites = new LinkedHashSet<>();
        pending.forEach(e -> sites.add(e.site()));
        List<Entry> dead = new ArrayList<>();
        for (String site : sites) {
            dead.addAll(outbox.list(site, DeliveryState.DEAD, MAX_LISTED));
        }
        metrics.outbox(
                outbox.count(DeliveryState.PENDING),
                outbox.count(DeliveryState.DEAD),
                pending.stream().map(Entry::at).min(Instant::compareTo).orElse(null));
        Instant nextDue = pending.stream()
                .map(Entry::nextAttemptAt)
                .filter(at -> at.isAfter(now))
                .min(Instant::compareTo)
                .orElse(null);
        return new Round(DeliveryPlan.chains(pending, dead, now, pausedUntil), nextDue);
    }

    private Future<Integer> deliver(Round round) {
        List<List<Entry>> chains = round.chains();
        nextDue = round.nextDue();
        if (chains.isEmpty()) {
            return Future.succeededFuture(0);
        }
        return new ChainRunner(chains, config.parallelChains(), chain -> runChain(chain, 0)).run();
    }

    /** Delivers a chain's events one after the other; stops at the first failure. Succeeds with the count sent. */
    private Future<Integer> runChain(List<Entry> chain, int index) {
        if (index == chain.size() || stopped || clock.instant().isBefore(pausedUntil)) {
            return Future.succeededFuture(index);
        }
        return attempt(chain.get(index)).compose(ok -> ok ? runChain(chain, index + 1) : Future.succeededFuture(index));
    }

    /** One delivery attempt; succeeds with true when delivered (or skipped), false when it failed and was recorded. */
    private Future<Boolean> attempt(Entry entry) {
        Optional<OutboundRequest> rendered;
        try {
            rendered = profile.render(entry);
        } catch (RuntimeException unrenderable) {
            return failed(entry, FailureCause.UNRENDERABLE, "cannot render: " + unrenderable.getMessage(), null);
        }
        if (rendered.isEmpty()) {
            metrics.skipped();
            return mark(outbox.markDelivered(entry.site(), entry.seq(), clock.instant()))
                    .map(true);
        }
        OutboundRequest request = rendered.get();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest<Buffer> http = client.requestAbs(request.method(), request.url())
                .timeout(config.requestTimeout().toMillis())
                .putHeader("Content-Type", request.contentType())
                .putHeader(WebhookSignature.IDEMPOTENCY_HEADER, entry.eventId())
                .putHeader(WebhookSignature.EVENT_TYPE_HEADER, entry.type())
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(
                        WebhookSignature.SIGNATURE_HEADER,
                        signature.sign(timestamp, request.body().getBytes()));
        request.headers().forEach(http::putHeader);
        return http.sendBuffer(request.body()).transform(answer -> outcome(entry, answer));
    }

    private Future<Boolean> outcome(Entry entry, AsyncResult<HttpResponse<Buffer>> answer) {
        if (answer.failed()) {
            Throwable failure = answer.cause();
            FailureCause cause = FailureCause.of(failure);
            String error = cause == FailureCause.TIMEOUT
                    ? "no answer within " + config.requestTimeout().toMillis() + " ms"
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage();
            return failed(entry, cause, error, null);
        }
        HttpResponse<Buffer> response = answer.result();
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            metrics.delivered();
            noteReachable();
            return mark(outbox.markDelivered(entry.site(), entry.seq(), clock.instant()))
                    .map(true);
        }
        Duration retryAfter = null;
        if (status == 429 || status == 503) {
            retryAfter = RetryAfter.parse(response.getHeader("Retry-After"), clock.instant())
                    .orElse(null);
            if (retryAfter != null) {
                Instant until = clock.instant().plus(retryAfter);
                if (until.isAfter(pausedUntil)) {
                    pausedUntil = until;
                }
            }
        }
        String error = "HTTP " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)");
        return failed(entry, FailureCause.of(status), error, retryAfter);
    }

    private Future<Boolean> failed(Entry entry, FailureCause cause, String error, Duration retryAfter) {
        metrics.failed(cause);
        Instant now = clock.instant();
        if (cause == FailureCause.UNRENDERABLE) {
            LOG.warn(
                    "outbox event {} ({}) of site {} cannot be rendered: {}",
                    entry.eventId(),
                    entry.type(),
                    entry.site(),
                    error);
        } else {
            noteFailing(error, now);
        }
        boolean triedEnough = entry.attempts() + 1 >= MIN_ATTEMPTS_BEFORE_DEAD;
        if (triedEnough && !now.isBefore(entry.at().plus(config.deadAfter()))) {
            metrics.movedToDead();
            LOG.warn(
                    "outbox event {} ({}) of site {} still fails after {} attempts since {}; moved to the dead list: {}",
                    entry.eventId(),
                    entry.type(),
                    entry.site(),
                    entry.attempts() + 1,
                    entry.at(),
                    error);
            return mark(outbox.markDead(entry.site(), entry.seq(), error)).map(false);
        }
        Duration wait = backoff.afterFailure(entry.attempts() + 1);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        LOG.debug(
                "outbox event {} of site {} failed ({}); next attempt in {} ms",
                entry.eventId(),
                entry.site(),
                error,
                wait.toMillis());
        return mark(outbox.markFailed(entry.site(), entry.seq(), error, now.plus(wait)))
                .map(false);
    }

    /** One WARN when the endpoint starts failing (not one per attempt), one INFO when it answers again. */
    private void noteFailing(String error, Instant now) {
        failedAttemptsInOutage++;
        if (failingSince == null) {
            failingSince = now;
            LOG.warn(
                    "the dossier system at {} is failing ({}); events are kept in the outbox and retried",
                    config.url(),
                    error);
        }
    }

    private void noteReachable() {
        if (failingSince != null) {
            LOG.info(
                    "the dossier system at {} answers again after {} s and {} failed attempts",
                    config.url(),
                    Duration.between(failingSince, clock.instant()).toSeconds(),
                    failedAttemptsInOutage);
            failingSince = null;
            failedAttemptsInOutage = 0;
        }
    }

    private Future<Void> mark(java.util.concurrent.CompletionStage<Void> stage) {
        return Future.fromCompletionStage(stage, context);
    }

    /** Zero after a round that delivered (there may be more); else until the next due event, a pause's end or a poll. */
    private Duration sleepAfter(AsyncResult<Integer> result) {
        if (result.failed()) {
            LOG.error(
                    "outbox forwarder: reading the outbox failed; trying again in {}",
                    config.pollInterval(),
                    result.cause());
        }
        if (result.succeeded() && result.result() > 0) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Duration sleep = profile == null ? IDLE_POLL_INTERVAL : config.pollInterval();
        for (Instant wakeAt : new Instant[] {nextDue, pausedUntil}) {
            if (wakeAt != null && wakeAt.isAfter(now)) {
                Duration until = Duration.between(now, wakeAt);
                if (until.compareTo(sleep) < 0) {
                    sleep = until;
                }
            }
        }
        return sleep.isZero() ? Duration.ofMillis(1) : sleep;
    }
}
