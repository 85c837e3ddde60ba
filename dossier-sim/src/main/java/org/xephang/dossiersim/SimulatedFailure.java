package org.xephang.dossiersim;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;

/**
 * One way the simulated dossier system misbehaves for one request. Scripted with {@link
 * DossierSimulator#script(Scope, SimulatedFailure, int)} or {@code POST /control/failures}.
 *
 * @param retryAfter for {@link Kind#RATE_LIMITED}: the {@code Retry-After} sent
 * @param delay for {@link Kind#SLOW} and {@link Kind#SLOW_AFTER_RECORDING}: how long before answering normally
 */
public record SimulatedFailure(Kind kind, Duration retryAfter, Duration delay) {

    /** The failure kinds. */
    public enum Kind {
        /** 500 with a short text body. */
        SERVER_ERROR,
        /** 503 with a {@code Retry-After}. */
        UNAVAILABLE,
        /** Reads the request and never answers (the client's timeout must fire). */
        TIMEOUT,
        /** 429 with {@code Retry-After}. */
        RATE_LIMITED,
        /** Answers normally, after a delay (a forwarded event is recorded only when the delay is over). */
        SLOW,
        /**
         * Takes a forwarded event in at once (it is recorded as received, as a real system would store it) and answers
         * only after the delay. With a delay past the client's timeout the delivery got through but the client never
         * learns it and sends it again: the retry is a duplicate with the same idempotency key. On lookups, where
         * nothing is recorded, this is {@link #SLOW}.
         */
        SLOW_AFTER_RECORDING,
        /** 200 with a body that is not JSON. */
        MALFORMED_JSON
    }

    /** Which side of the simulator a failure applies to. */
    public enum Scope {
        LOOKUP,
        WEBHOOK,
        /** The online booking portal ({@link PortalApi}). */
        PORTAL
    }

    public static SimulatedFailure serverError() {
        return new SimulatedFailure(Kind.SERVER_ERROR, null, null);
    }

    public static SimulatedFailure unavailable(Duration retryAfter) {
        return new SimulatedFailure(Kind.UNAVAILABLE, retryAfter, null);
    }

    public static SimulatedFailure timeout() {
        return new SimulatedFailure(Kind.TIMEOUT, null, null);
    }

    public static SimulatedFailure rateLimited(Duration retryAfter) {
        return new SimulatedFailure(Kind.RATE_LIMITED, retryAfter, null);
    }

    public static SimulatedFailure slow(Duration delay) {
        return new SimulatedFailure(Kind.SLOW, null, delay);
    }

    /** Records the forwarded event, then answers after {@code delay} (see {@link Kind#SLOW_AFTER_RECORDING}). */
    public static SimulatedFailure slowAfterRecording(Duration delay) {
        return new SimulatedFailure(Kind.SLOW_AFTER_RECORDING, null, delay);
    }

    public static SimulatedFailure malformedJson() {
        return new SimulatedFailure(Kind.MALFORMED_JSON, null, null);
    }

    /** From {@code {"kind":"rate-limited","retryAfterSeconds":2,"delayMillis":…}}. */
    static SimulatedFailure fromJson(JsonObject json) {
        Kind kind = Kind.valueOf(
                json.getString("kind", "").trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        return new SimulatedFailure(
                kind,
                Duration.ofSeconds(json.getLong("retryAfterSeconds", 1L)),
                Duration.ofMillis(json.getLong("delayMillis", 1_000L)));
    }
}
