package org.xephang.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link QueueEngine} runs.
 *
 * @param alwaysOpen ignore opening hours and closures (tests, trials, the demo)
 * @param publicBaseUrl the base of each ticket's {@code statusUrl} ({@code publicBaseUrl + "/t/" + id}), without a
 *     trailing slash, e.g. {@code http://192.168.1.10:8080}
 * @param maxGroupSize the most commands committed in one transaction (group commit); 2,048 by default (a province's
 *     200 sites share their index pages only in big groups: docs/adr/0038-province-day-on-sqlite.md)
 * @param deviceSilenceLimit a device not heard of (status report or heartbeat) for longer becomes OFFLINE; 60 s by
 *     default (three missed heartbeats)
 */
public record EngineOptions(boolean alwaysOpen, String publicBaseUrl, int maxGroupSize, Duration deviceSilenceLimit) {

    public static final int DEFAULT_MAX_GROUP_SIZE = 2048;
    public static final Duration DEFAULT_DEVICE_SILENCE_LIMIT = Duration.ofSeconds(60);

    public EngineOptions {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        while (publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
        if (maxGroupSize < 1) {
            throw new IllegalArgumentException("maxGroupSize must be at least 1, got " + maxGroupSize);
        }
        Objects.requireNonNull(deviceSilenceLimit, "deviceSilenceLimit");
        if (deviceSilenceLimit.toMillis() < 1) {
            throw new IllegalArgumentException("deviceSilenceLimit must be positive, got " + deviceSilenceLimit);
        }
    }

    public EngineOptions(boolean alwaysOpen, String publicBaseUrl, int maxGroupSize) {
        this(alwaysOpen, publicBaseUrl, maxGroupSize, DEFAULT_DEVICE_SILENCE_LIMIT);
    }

    public EngineOptions(boolean alwaysOpen, String publicBaseUrl) {
        this(alwaysOpen, publicBaseUrl, DEFAULT_MAX_GROUP_SIZE);
    }

    /** Opening hours respected, status URLs on {@code http://localhost:8080}. */
    public static EngineOptions defaults() {
        return new EngineOptions(false, "http://localhost:8080");
    }

    public EngineOptions withAlwaysOpen(boolean value) {
        return new EngineOptions(value, publicBaseUrl, maxGroupSize, deviceSilenceLimit);
    }

    public EngineOptions withPublicBaseUrl(String value) {
        return new EngineOptions(alwaysOpen, value, maxGroupSize, deviceSilenceLimit);
    }

    public EngineOptions withDeviceSilenceLimit(Duration value) {
        return new EngineOptions(alwaysOpen, publicBaseUrl, maxGroupSize, value);
    }
}
