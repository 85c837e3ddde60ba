package org.xephang.core.backend.forward;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how the outbox is forwarded ({@code dossier.forward} in the centre YAML, see {@code docs/webhook.md}).
 *
 * @param profile {@code none}, {@code webhook} (our generic JSON) or {@code opencps} (OpenCPS bookings)
 * @param url the webhook URL, or the OpenCPS server's base URL ({@code /o/rest/v2/bookings} is appended)
 * @param secret the shared HMAC secret of {@code X-Xephang-Signature}
 * @param requestTimeout one delivery attempt's deadline
 * @param initialBackoff the wait after the first failure; doubled after each further one, with jitter
 * @param maxBackoff the longest wait between attempts
 * @param deadAfter an event still failing this long after it happened moves to the dead list
 * @param pollInterval how often the outbox is read when nothing woke the forwarder
 * @param parallelChains how many tickets' events are delivered at the same time (each ticket's in order)
 * @param openCpsGroupId the OpenCPS {@code groupId} header (site group), or null
 * @param openCpsServiceCodes our service code → the OpenCPS {@code serviceCode} (unmapped codes pass as they are)
 */
public record ForwarderConfig(
        String profile,
        String url,
        String secret,
        Duration requestTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration deadAfter,
        Duration pollInterval,
        int parallelChains,
        String openCpsGroupId,
        Map<String, String> openCpsServiceCodes) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofHours(24);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_PARALLEL_CHAINS = 8;

    public ForwarderConfig {
        profile = profile == null ? "none" : profile;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        initialBackoff = initialBackoff == null ? DEFAULT_INITIAL_BACKOFF : initialBackoff;
        maxBackoff = maxBackoff == null ? DEFAULT_MAX_BACKOFF : maxBackoff;
        deadAfter = deadAfter == null ? DEFAULT_DEAD_AFTER : deadAfter;
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        parallelChains = parallelChains <= 0 ? DEFAULT_PARALLEL_CHAINS : parallelChains;
        openCpsServiceCodes = openCpsServiceCodes == null ? Map.of() : Map.copyOf(openCpsServiceCodes);
    }

    /** Nothing is forwarded; events stay pending in the outbox (and are forwarded once a profile is configured). */
    public static ForwarderConfig none() {
        return new ForwarderConfig("none", null, null, null, null, null, null, null, 0, null, null);
    }

    /** The generic webhook with default timings. */
    public static ForwarderConfig webhook(String url, String secret) {
        return new ForwarderConfig("webhook", url, secret, null, null, null, null, null, 0, null, null);
    }

    public boolean enabled() {
        return !"none".equals(profile);
    }

    /** The same with other timings (tests use milliseconds). */
    public ForwarderConfig withTimings(
            Duration newRequestTimeout,
            Duration newInitialBackoff,
            Duration newMaxBackoff,
            Duration newDeadAfter,
            Duration newPoll) {
        return new ForwarderConfig(
                profile,
                url,
                secret,
                newRequestTimeout,
                newInitialBackoff,
                newMaxBackoff,
                newDeadAfter,
                newPoll,
                parallelChains,
                openCpsGroupId,
                openCpsServiceCodes);
    }

    @Override
    public String toString() {
        return "ForwarderConfig[profile=" + profile + ", url=" + url + ", secret=***, requestTimeout=" + requestTimeout
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", deadAfter=" + deadAfter
                + ", pollInterval=" + pollInterval + ", parallelChains=" + parallelChains + "]";
    }
}
