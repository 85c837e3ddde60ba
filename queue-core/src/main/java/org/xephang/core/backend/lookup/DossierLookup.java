package org.xephang.core.backend.lookup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * The service in front of a {@link DossierStatusProvider}: normalises the scanned or typed code, limits each client's
 * rate, reuses answers for a minute (and shares one vendor request among concurrent lookups of a code), bounds the
 * wait, and turns every failure into a {@link QueueError} with a plain Vietnamese message. Call from an event loop;
 * thread-safe.
 */
public final class DossierLookup implements AutoCloseable {

    static final String NOT_CONFIGURED = "Chưa kết nối hệ thống hồ sơ. Vui lòng hỏi cán bộ tại quầy.";
    static final String BUSY = "Hệ thống hồ sơ đang bận, vui lòng thử lại sau ít phút.";
    static final String BAD_ANSWER =
            "Hệ thống hồ sơ trả lời không đúng định dạng, chưa tra cứu được. Vui lòng hỏi cán bộ tại quầy.";
    static final String REFUSED = "Hệ thống hồ sơ từ chối kết nối. Vui lòng báo cán bộ kiểm tra cấu hình.";
    static final String INVALID_CODE =
            "Mã hồ sơ không hợp lệ. Vui lòng quét mã trên giấy tiếp nhận hoặc nhập đúng mã (ví dụ H21.65-261122-0001).";

    static final String NOT_CONFIGURED_EN = "The dossier system is not connected. Please ask the staff at a counter.";
    static final String BUSY_EN = "The dossier system is busy, please try again in a few minutes.";
    static final String BAD_ANSWER_EN =
            "The dossier system answered in an unexpected format; nothing was looked up. Please ask the staff at a counter.";
    static final String REFUSED_EN =
            "The dossier system refused the connection. Please ask the staff to check the configuration.";
    static final String INVALID_CODE_EN = "Invalid dossier code. Please scan the code on the receipt or enter the"
            + " exact code (for example H21.65-261122-0001).";

    /** How a lookup ended: the {@code outcome} label of the {@code xephang.dossier.lookups} metric. */
    public static final List<String> OUTCOMES =
            List.of("found", "unknown", "invalid", "rate_limited", "not_configured", "busy", "refused", "malformed");

    private static final Logger LOG = LoggerFactory.getLogger(DossierLookup.class);
    private static final int MAX_CACHED = 5_000;
    /** "Unknown dossier" is reused only briefly: the officer may be creating that dossier right now. */
    private static final Duration UNKNOWN_REUSED_FOR = Duration.ofSeconds(10);

    private final DossierStatusProvider provider;
    private final Clock clock;
    private final Duration cacheFor;
    private final Duration timeout;
    private final ClientRateLimiter rateLimiter;
    private final WebClient ownedClient;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    /** An answer and until when it may be reused. */
    private record Cached(Future<DossierStatus> answer, Instant reusableUntil) {}

    DossierLookup(
            DossierStatusProvider provider,
            Clock clock,
            Duration cacheFor,
            Duration timeout,
            int perMinute,
            WebClient ownedClient) {
        this.provider = provider;
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.timeout = timeout;
        this.rateLimiter = new ClientRateLimiter(clock, perMinute);
        this.ownedClient = ownedClient;
        OUTCOMES.forEach(outcome -> outcomes.put(outcome, new LongAdder()));
    }

    /** Builds the lookup the configuration asks for; {@code style: none} gives one that answers "not connected". */
    public static DossierLookup create(Vertx vertx, LookupConfig config, Clock clock) {
        if ("none".equals(config.style())) {
            return new DossierLookup(
                    null, clock, config.cacheFor(), config.timeout(), config.requestsPerMinute(), null);
        }
        long millis = config.timeout().toMillis();
        WebClient client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout((int) millis)
                        .setUserAgent("xephang-dossier-lookup")
                        .setFollowRedirects(false));
        DossierStatusProvider provider = switch (config.style()) {
            case "generic" -> new GenericJsonProvider(client, config.generic(), millis);
            case "igate" -> new IgateProvider(client, config.igate(), millis, clock);
            case "dvcqg" -> new DvcqgProvider(client, config.dvcqg(), millis);
            default ->
                throw new IllegalArgumentException(
                        "dossier.lookup.style: must be none, generic, igate or dvcqg, not " + config.style());
        };
        return new DossierLookup(
                provider, clock, config.cacheFor(), config.timeout(), config.requestsPerMinute(), client);
    }

    /**
     * Looks a dossier up for {@code client} (its address, for the rate limit). Succeeds with the public JSON of
     * {@link DossierStatus#toJson}; fails with a {@link QueueError}: INVALID_REQUEST, RATE_LIMITED (details {@code
     * retryAfterSeconds}), UNKNOWN_DOSSIER or UNAVAILABLE.
     */
    public Future<JsonObject> lookup(String scannedOrTyped, String client) {
        return answerFor(scannedOrTyped, client)
                .onComplete(result -> outcomes.get(result.succeeded() ? "found" : outcome(result.cause()))
                        .increment());
    }

    /** The lookups answered so far with {@code outcome} (one of {@link #OUTCOMES}), for the metrics. */
    public long outcomeCount(String outcome) {
        LongAdder count = outcomes.get(outcome);
        return count == null ? 0 : count.sum();
    }

    private static String outcome(Throwable failure) {
        if (!(failure instanceof QueueError error)) {
            return "busy";
        }
        return switch (error.code()) {
            case INVALID_REQUEST -> "invalid";
            case RATE_LIMITED -> "rate_limited";
            case UNKNOWN_DOSSIER -> "unknown";
            default ->
                switch (error.getMessage()) {
                    case NOT_CONFIGURED -> "not_configured";
                    case REFUSED -> "refused";
                    case BAD_ANSWER -> "malformed";
                    default -> "busy";
                };
        };
    }

    private Future<JsonObject> answerFor(String scannedOrTyped, String client) {
        String code = DossierCode.normalise(scannedOrTyped).orElse(null);
        if (code == null) {
            return Future.failedFuture(new QueueError(ErrorCode.INVALID_REQUEST, INVALID_CODE, INVALID_CODE_EN));
        }
        Duration wait = rateLimiter.acquire(client == null ? "unknown" : client);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return Future.failedFuture(new QueueError(
                    ErrorCode.RATE_LIMITED,
                    "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau " + seconds + " giây.",
                    "You have looked up too many times. Please try again in " + seconds + " seconds.",
                    new JsonObject().put("retryAfterSeconds", seconds)));
        }
        if (provider == null) {
            return Future.failedFuture(new QueueError(ErrorCode.UNAVAILABLE, NOT_CONFIGURED, NOT_CONFIGURED_EN));
        }
        return answer(code).map(status -> status.toJson(clock.instant()));
    }

    private Future<DossierStatus> answer(String code) {
        Instant now = clock.instant();
        Cached cached = cache.get(code);
        if (cached != null && now.isBefore(cached.reusableUntil())) {
            return cached.answer().recover(this::explain);
        }
        if (cache.size() > MAX_CACHED) {
            cache.values().removeIf(entry -> !now.isBefore(entry.reusableUntil()));
        }
        Future<DossierStatus> answer = provider.lookup(code).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Cached entry = new Cached(answer, now.plus(cacheFor));
        cache.put(code, entry);
        answer.onFailure(failure -> {
            boolean unknown = failure instanceof DossierLookupException known
                    && known.reason() == DossierLookupException.Reason.NOT_FOUND;
            if (unknown) {
                cache.replace(code, entry, new Cached(answer, now.plus(UNKNOWN_REUSED_FOR)));
            } else {
                cache.remove(code, entry);
            }
        });
        return answer.recover(this::explain);
    }

    private Future<DossierStatus> explain(Throwable failure) {
        if (failure instanceof java.util.concurrent.TimeoutException) {
            LOG.warn("dossier lookup ({}) got no answer within {} ms", provider.style(), timeout.toMillis());
            return Future.failedFuture(new QueueError(ErrorCode.UNAVAILABLE, BUSY, BUSY_EN));
        }
        if (!(failure instanceof DossierLookupException known)) {
            LOG.warn("dossier lookup ({}) failed: {}", provider.style(), failure.toString());
            return Future.failedFuture(new QueueError(ErrorCode.UNAVAILABLE, BUSY, BUSY_EN));
        }
        return Future.failedFuture(
                switch (known.reason()) {
                    case NOT_FOUND ->
                        new QueueError(
                                ErrorCode.UNKNOWN_DOSSIER,
                                "Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.",
                                "No dossier with this code. Please check the code on the receipt.");
                    case UNAVAILABLE, RATE_LIMITED -> {
                        LOG.warn("dossier lookup ({}) unavailable: {}", provider.style(), known.getMessage());
                        yield new QueueError(ErrorCode.UNAVAILABLE, BUSY, BUSY_EN);
                    }
                    case REFUSED_CREDENTIALS -> {
                        LOG.error(
                                "dossier lookup ({}) refused our credentials: {}",
                                provider.style(),
                                known.getMessage());
                        yield new QueueError(ErrorCode.UNAVAILABLE, REFUSED, REFUSED_EN);
                    }
                    case MALFORMED -> {
                        LOG.warn(
                                "dossier lookup ({}) got an unreadable answer: {}",
                                provider.style(),
                                known.getMessage());
                        yield new QueueError(ErrorCode.UNAVAILABLE, BAD_ANSWER, BAD_ANSWER_EN);
                    }
                });
    }

    @Override
    public void close() {
        if (ownedClient != null) {
            ownedClient.close();
        }
    }
}
