package org.xephang.core.http;

import java.time.Duration;

/**
 * Bounds of one event-stream connection.
 *
 * @param queuedEvents events waiting to be written before the client is dropped (the engine never waits for a reader)
 * @param writeQueueBytes bytes the socket may hold unsent before the client counts as slow and is dropped
 * @param heartbeat how often an idle connection gets a ping (WebSocket) or a comment line (SSE)
 */
public record StreamLimits(int queuedEvents, int writeQueueBytes, Duration heartbeat) {

    public static StreamLimits defaults() {
        return new StreamLimits(1024, 256 * 1024, Duration.ofSeconds(20));
    }

    public StreamLimits {
        if (queuedEvents < 1 || writeQueueBytes < 1 || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("stream limits must be positive");
        }
    }
}
