package org.xephang.core.engine;

import java.util.Objects;

/**
 * How a {@link QueueEngine} runs.
 *
 * @param alwaysOpen ignore opening hours and closures (tests, trials, the demo)
 * @param publicBaseUrl the base of each ticket's {@code statusUrl} ({@code publicBaseUrl + "/t/" + id}), without a
 *     trailing slash, e.g. {@code http://192.168.1.10:8080}
 * @param maxGroupSize the most commands committed in one transaction (group commit); 256 by default
 */
public record EngineOptions(boolean alwaysOpen, String publicBaseUrl, int maxGroupSize) {

    public static final int DEFAULT_MAX_GROUP_SIZE = 256;

    public EngineOptions {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        while (publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
        if (maxGroupSize < 1) {
            throw new IllegalArgumentException("maxGroupSize must be at least 1, got " + maxGroupSize);
        }
    }

    public EngineOptions(boolean alwaysOpen, String publicBaseUrl) {
        this(alwaysOpen, publicBaseUrl, DEFAULT_MAX_GROUP_SIZE);
    }

    /** Opening hours respected, status URLs on {@code http://localhost:8080}. */
    public static EngineOptions defaults() {
        return new EngineOptions(false, "http://localhost:8080");
    }

    public EngineOptions withAlwaysOpen(boolean value) {
        return new EngineOptions(value, publicBaseUrl, maxGroupSize);
    }

    public EngineOptions withPublicBaseUrl(String value) {
        return new EngineOptions(alwaysOpen, value, maxGroupSize);
    }
}
