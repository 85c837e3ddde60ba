package org.xephang.core.backend.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.backend.forward.Backoff;
import org.xephang.core.backend.forward.DeliveryLoop;
import org.xephang.core.backend.forward.OutboundRequest;
import org.xephang.core.backend.forward.RetryAfter;
import org.xephang.core.backend.lookup.ClientRateLimiter;
import org.xephang.core.backend.notify.NotificationQueue.Pending;

/**
 * Sends what the {@link NotificationQueue} holds through each site's provider (issue 17 item 3), never on the
 * engine's path: the engine only records what is due. At-least-once, with the message's idempotency key in the body
 * (SMS {@code requestId}, Zalo {@code tracking_id}); retried with the forwarder's {@link Backoff}, never sooner than a
 * provider's {@code Retry-After} (which also pauses that provider); at most {@code requestsPerMinute} per provider,
 * for the whole cluster: each node sends its share, the rate divided by the number of live members (rounded down, at
 * least one a minute), so N nodes never send N times the provider's limit (docs/adr/0039); given up when refused or too late to help ({@link DeliveryDecision}). Nothing personal is logged: a message is named
 * by its idempotency key (ticket id and kind), never by its number or text.
 *
 * <p>Metrics ({@code /metrics}): {@code xephang.notifications.sent}, {@code .retried}, {@code .dead}, each per {@code
 * provider}.
 *
 * <p>Threads: a verticle; its state is touched only on its own event loop. {@link #wake()} may be called from any
 * thread.
 */
public final class NotificationSender extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);
    private static final int BATCH = 200;
    /** The timer's floor between rounds. */
    private static final Duration MIN_SLEEP = Duration.ofMillis(1);

    private final NotificationQueue queue;
    private final NotificationProviders providers;
    private final Clock clock;
    private final Duration pollInterval;
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final IntSupplier members;
    private ClientRateLimiter perProvider;
    private int perProviderShare;
    private final Map<String, NotificationProfile> profiles = new HashMap<>();
    private final Map<String, Instant> pausedUntil = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    private WebClient client;
    private DeliveryLoop loop;

    /**
     * @param pollInterval how often the queue is read when nothing woke the sender
     * @param registry where the metrics go; null keeps them in a private registry
     */
    public NotificationSender(
            NotificationQueue queue,
            NotificationProviders providers,
            Clock clock,
            Duration pollInterval,
            MeterRegistry registry) {
        this(queue, providers, clock, pollInterval, registry, () -> 1);
    }

    /**
     * @param members how many nodes send now (a cluster's live members): this node sends its share of the rate
     */
    public NotificationSender(
            NotificationQueue queue,
            NotificationProviders providers,
            Clock clock,
            Duration pollInterval,
            MeterRegistry registry,
            IntSupplier members) {
        this.queue = queue;
        this.members = members;
        this.providers = providers;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
        this.backoff = new Backoff(
                providers.initialBackoff(),
                providers.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The limiter of this node's share of each provider's rate, made again when the number of members changes. */
    private ClientRateLimiter perProvider() {
        int sharing = Math.max(1, members.getAsInt());
        if (perProvider == null || sharing != perProviderShare) {
            perProviderShare = sharing;
            perProvider = new ClientRateLimiter(clock, Math.max(1, providers.requestsPerMinute() / sharing));
            LOG.info(
                    "notification sender: {} node(s) share each provider's {} messages a minute",
                    sharing,
                    providers.requestsPerMinute());
        }
        return perProvider;
    }

    @Override
    public Future<?> start() {
        for (String name : List.of("sms", "zalo")) {
            providers.profile(name).ifPresent(profile -> profiles.put(name, profile));
        }
        int timeout = (int) providers.timeout().toMillis();
        client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout(timeout)
                        .setUserAgent("xephang-notifications")
                        .setFollowRedirects(false));
        LOG.info("notification sender started: {}", providers);
        loop = new DeliveryLoop(vertx, context, this::round);
        loop.wake();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        loop.stop();
        client.close();
        return Future.succeededFuture();
    }

    /** Reads the queue again soon (a message became due). Any thread. */
    public void wake() {
        if (loop != null) { // before start: the first round comes with start
            loop.wake();
        }
    }

    /** One round: sends what is due, then sleeps the poll interval (or less when woken). */
    private Future<Duration> round() {
        Instant now = clock.instant();
        return queue.due(now, BATCH)
                .compose(due -> Future.join(sendAll(due, now)))
                .transform(done -> {
                    if (done.failed()) {
                        LOG.warn("notification sender: reading or marking the queue failed", done.cause());
                    }
                    return Future.succeededFuture(pollInterval.compareTo(MIN_SLEEP) < 0 ? MIN_SLEEP : pollInterval);
                });
    }

    private List<Future<Void>> sendAll(List<Pending> due, Instant now) {
        List<Future<Void>> sends = new ArrayList<>();
        for (Pending pending : due) {
            String key = pending.notification().idempotencyKey();
            if (inFlight.contains(key)) {
                continue;
            }
            NotificationProfile profile = profiles.get(pending.provider());
            if (profile == null) {
                inFlight.add(key);
                sends.add(mark(
                        key,
                        queue.markDead(key, "no account for provider '" + pending.provider() + "' in notifications:")));
                count("dead", pending.provider());
                continue;
            }
            if (!profile.sends(pending.notification().kind())) {
                inFlight.add(key);
                sends.add(mark(
                        key,
                        queue.markDead(
                                key,
                                "provider '" + pending.provider() + "' has no template for "
                                        + pending.notification().kind().code())));
                count("dead", pending.provider());
                continue;
            }
            Instant paused = pausedUntil.get(pending.provider());
            if (paused != null && now.isBefore(paused)) {
                continue;
            }
            if (!perProvider().acquire(pending.provider()).isZero()) {
                continue; // over the provider's rate: stays due for a later cycle
            }
            inFlight.add(key);
            sends.add(mark(key, send(profile, pending)));
        }
        return sends;
    }

    private Future<Void> mark(String key, Future<Void> marked) {
        return marked.onComplete(done -> inFlight.remove(key));
    }

    private Future<Void> send(NotificationProfile profile, Pending pending) {
        OutboundRequest request = profile.render(pending.notification());
        HttpRequest<Buffer> http = client.requestAbs(request.method(), request.url())
                .timeout(providers.timeout().toMillis())
                .putHeader("Content-Type", request.contentType());
        request.headers().forEach(http::putHeader);
        return http.sendBuffer(request.body()).transform(answer -> decide(profile, pending, answer));
    }

    private Future<Void> decide(
            NotificationProfile profile, Pending pending, AsyncResult<HttpResponse<Buffer>> answer) {
        Instant now = clock.instant();
        ProviderReply reply;
        Duration retryAfter = null;
        if (answer.failed()) {
            Throwable failure = answer.cause();
            reply = ProviderReply.unreachable(
                    failure instanceof TimeoutException
                            ? "no answer within " + providers.timeout().toMillis() + " ms"
                            : failure.getClass().getSimpleName());
        } else {
            HttpResponse<Buffer> response = answer.result();
            reply = profile.read(response.statusCode(), response.bodyAsString());
            if (response.statusCode() == 429 || response.statusCode() == 503) {
                retryAfter =
                        RetryAfter.parse(response.getHeader("Retry-After"), now).orElse(null);
                if (retryAfter != null) {
                    pausedUntil.merge(pending.provider(), now.plus(retryAfter), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        DeliveryDecision decision = DeliveryDecision.after(
                reply, pending.notification().kind(), pending.dueAt(), pending.attempts(), retryAfter, backoff, now);
        String key = pending.notification().idempotencyKey();
        return switch (decision.state()) {
            case SENT -> {
                count("sent", pending.provider());
                yield queue.markSent(key, now);
            }
            case RETRY -> {
                count("retried", pending.provider());
                LOG.debug(
                        "notification {} via {} failed ({}); next attempt at {}",
                        key,
                        pending.provider(),
                        decision.reason(),
                        decision.retryAt());
                yield queue.markRetry(key, decision.reason(), decision.retryAt());
            }
            case DEAD -> {
                count("dead", pending.provider());
                LOG.warn(
                        "notification {} of site {} via {} given up: {}",
                        key,
                        pending.site(),
                        pending.provider(),
                        decision.reason());
                yield queue.markDead(key, decision.reason());
            }
        };
    }

    private void count(String outcome, String provider) {
        Counter.builder("xephang.notifications." + outcome)
                .description(
                        switch (outcome) {
                            case "sent" -> "Messages to citizens the provider accepted";
                            case "retried" -> "Failed attempts to send a message to a citizen, to be tried again";
                            default -> "Messages to citizens given up (refused or too late); see the supervisor's list";
                        })
                .tag("provider", provider)
                .register(registry)
                .increment();
    }
}
